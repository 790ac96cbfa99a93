from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from phoihop.articles.models import Article
from phoihop.programs.models import Program
from tests.articles.test_article_import import SIGNING
from tests.factories import orgs as factories
from tests.factories.accounts import member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def ben_tre_officer(union_root, women_root):
    area = factories.area("Tỉnh Bến Tre", code="83", short_name="Bến Tre")
    union = factories.unit(
        "Liên đoàn Lao động tỉnh Bến Tre",
        short_name="LĐLĐ tỉnh Bến Tre",
        parent=union_root,
        area=area,
    )
    factories.unit(
        "Hội Liên hiệp Phụ nữ tỉnh Bến Tre",
        short_name="Hội LHPN tỉnh Bến Tre",
        system_code="hoi-lhpn",
        parent=women_root,
        area=area,
    )
    return member(union, "approver", username="ldld_bentre")


def test_batch_import_creates_matches_and_skips(tmp_path, ben_tre_officer):
    (tmp_path / "a.txt").write_text(SIGNING, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SIGNING.replace("Bến Tre", "Cà Mau"), encoding="utf-8")
    out = StringIO()

    call_command("import_articles", str(tmp_path), user="ldld_bentre", stdout=out)
    again = StringIO()
    call_command("import_articles", str(tmp_path), user="ldld_bentre", stdout=again)

    assert Program.objects.count() == 1
    assert out.getvalue().splitlines()[-1] == (
        "2 bài: 1 tạo mới, 0 khớp chương trình có sẵn, 0 đã đọc trước đó, 1 bỏ qua."
    )
    assert again.getvalue().splitlines()[-1] == (
        "2 bài: 0 tạo mới, 0 khớp chương trình có sẵn, 1 đã đọc trước đó, 1 bỏ qua."
    )


def test_dry_run_writes_nothing(tmp_path, ben_tre_officer):
    (tmp_path / "a.txt").write_text(SIGNING, encoding="utf-8")

    call_command(
        "import_articles", str(tmp_path), user="ldld_bentre", dry_run=True, stdout=StringIO()
    )

    assert (Program.objects.count(), Article.objects.count()) == (0, 0)


def test_unknown_user_is_refused(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path), user="nobody")
