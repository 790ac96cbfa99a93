from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from phoihop.indicators import services
from phoihop.indicators.models import ReportForm, ReportReminder
from tests.factories import accounts as account_factories
from tests.factories import indicators as indicator_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def setup(tree, admin_user):
    ReportForm.objects.update(active=False)  # only the form below
    form = indicator_factories.form(
        [indicator_factories.indicator()],
        [org_factories.level("cong-doan", "co-so")],
        name="Báo cáo nữ công 6 tháng",
        cutoff_day=15,
        deadline_days=10,
    )
    late, done = (
        account_factories.member(u, "editor", include_subunits=False) for u in (tree.g1, tree.g2)
    )
    for user in (late, done):
        user.email = f"{user.username}@congdoan.vn"
        user.save()
    services.submission_submit(unit=tree.g2, form=form, period="2024S1", actor=admin_user)
    return form, late


def _run(*args):
    out = StringIO()
    call_command("send_report_reminders", *args, stdout=out)
    return out.getvalue()


def test_units_that_have_not_reported_are_reminded_once_per_stage(setup):
    _form, late = setup

    first = _run("--today", "2024-06-22")  # deadline 25/06/2024: three days left
    again = _run("--today", "2024-06-22")
    on_the_day = _run("--today", "2024-06-25")

    assert [m.to for m in mail.outbox] == [[late.email], [late.email]]
    assert "CĐCS Trường THPT Cái Bè" in mail.outbox[0].body
    assert "25/06/2024" in mail.outbox[0].body
    assert (first, again, on_the_day) == (
        "Đã gửi 1 thư nhắc cho 1 người (1 lượt nhắc báo cáo, ngày 22/06/2024).\n",
        "Đã gửi 0 thư nhắc cho 0 người (0 lượt nhắc báo cáo, ngày 22/06/2024).\n",
        "Đã gửi 1 thư nhắc cho 1 người (1 lượt nhắc báo cáo, ngày 25/06/2024).\n",
    )


def test_dry_run_sends_and_records_nothing(setup):
    output = _run("--today", "2024-06-30", "--dry-run")

    assert (output.startswith("Chạy thử, không gửi gì: sẽ gửi 1 thư"), len(mail.outbox)) == (
        True,
        0,
    )
    assert ReportReminder.objects.count() == 0


def test_a_bad_day_is_refused():
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        _run("--today", "30/06/2024")
