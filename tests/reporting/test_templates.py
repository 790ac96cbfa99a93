"""An administrator replaces the report template of one organization system."""

import io
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from docx import Document

from phoihop.accounts.permissions import SYSTEM
from phoihop.core.exceptions import DomainError
from phoihop.orgs.models import OrgSystem
from phoihop.reporting.models import DocumentTemplate
from phoihop.reporting.programs import program_document
from phoihop.reporting.render import render_docx
from phoihop.reporting.selectors import BUILT_IN
from phoihop.reporting.services import document_template_set
from tests.factories import accounts as account_factories
from tests.reporting.conftest import docx_lines

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _custom_template(marker: str) -> bytes:
    document = Document(str(BUILT_IN))
    document.paragraphs[0].insert_paragraph_before(marker)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_system_template_is_used_for_that_system_only(signed_program):
    women = OrgSystem.objects.get(code="hoi-lhpn")
    document_template_set(
        system=women,
        kind="program",
        data=_custom_template("MẪU CỦA HỘI LHPN"),
        filename="hoi.docx",
        actor=SYSTEM,
    )
    union_led = program_document(signed_program)
    women_led = program_document(signed_program)
    women_led.system_code = "hoi-lhpn"

    assert docx_lines(render_docx(women_led))[0] == "MẪU CỦA HỘI LHPN"
    assert docx_lines(render_docx(union_led))[0] != "MẪU CỦA HỘI LHPN"


def test_template_for_every_system_and_the_command(tmp_path, signed_program):
    path = tmp_path / "chung.docx"
    path.write_bytes(_custom_template("MẪU CHUNG"))
    out = StringIO()

    call_command("set_document_template", str(path), kind="program", stdout=out)

    assert docx_lines(render_docx(program_document(signed_program)))[0] == "MẪU CHUNG"
    assert DocumentTemplate.objects.get().system is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a docx", "Mẫu văn bản không phải tệp .docx."),
        (b"x" * (5 * 1024 * 1024 + 1), "Mẫu văn bản lớn hơn 5 MB."),
    ],
)
def test_bad_template_is_refused_and_nothing_changes(data, message):
    with pytest.raises(DomainError) as error:
        document_template_set(system=None, kind="report", data=data, filename="x", actor=SYSTEM)

    assert str(error.value) == message
    assert DocumentTemplate.objects.count() == 0


def test_template_with_a_broken_placeholder_is_refused():
    broken = _custom_template("{{ doc_type( }}")

    with pytest.raises(DomainError) as error:
        document_template_set(system=None, kind="report", data=broken, filename="x", actor=SYSTEM)

    assert str(error.value).startswith("Không điền được dữ liệu vào mẫu văn bản:")


def test_only_an_administrator_replaces_templates(hanoi_union):
    officer = account_factories.member(hanoi_union, "unit_admin", username="admin_unit")

    with pytest.raises(PermissionDenied):
        document_template_set(
            system=None, kind="report", data=_custom_template("X"), filename="x", actor=officer
        )
