"""``send_reminders``: 7 days and 1 day before, on the day, once overdue; each once; to editors."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings

from phoihop.accounts.permissions import SYSTEM
from phoihop.agenda import services
from phoihop.programs import services as program_services
from phoihop.programs.models import Program, ReminderLog
from tests.agenda.conftest import milestone
from tests.factories import accounts as account_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def with_email(user):
    user.email = f"{user.username}@example.vn"
    user.save()
    return user


@pytest.fixture
def people(union_root, hanoi_union, hanoi_union_officer, hanoi_women_officer, danang_union_officer):
    """Who may and may not hear about the Hà Nội union's milestones."""
    inactive = account_factories.member(hanoi_union, "editor", username="inactive_editor")
    inactive.is_active = False
    return {
        "hanoi_union_officer": with_email(hanoi_union_officer),  # editor on the unit
        "root_approver": with_email(  # subtree role above it
            account_factories.member(union_root, "approver", username="root_approver")
        ),
        "root_editor_alone": with_email(  # on the root only, not its sub-units
            account_factories.member(
                union_root, "editor", include_subunits=False, username="root_editor_alone"
            )
        ),
        "hanoi_viewer": with_email(account_factories.member(hanoi_union, "viewer")),
        "hanoi_women_officer": with_email(hanoi_women_officer),  # the partner, not responsible
        "danang_union_officer": with_email(danang_union_officer),
        "inactive": with_email(inactive),
    }


@pytest.fixture
def due(hanoi_program):
    """Today is 10/07/2025. The program's lead (the Hà Nội union) is responsible for each."""
    return {
        "week": milestone(hanoi_program, "Gửi dự thảo báo cáo", dt.date(2025, 7, 17)),
        "today": milestone(hanoi_program, "Nộp báo cáo 6 tháng", dt.date(2025, 7, 10)),
        "late": milestone(hanoi_program, "Họp liên tịch quý II", dt.date(2025, 7, 7)),
        "later": milestone(hanoi_program, "Hội nghị sơ kết", dt.date(2025, 7, 30)),
        "done": milestone(
            hanoi_program, "Đã xong", dt.date(2025, 7, 10), done_on=dt.date(2025, 7, 9)
        ),
    }


def logs():
    return set(ReminderLog.objects.values_list("milestone__title", "stage", "recipients"))


@override_settings(SITE_URL="https://phoihop.example.vn")
def test_sends_one_email_per_editor_reaching_the_unit(people, due):
    output = run()

    assert output == "Đã gửi 2 thư nhắc cho 2 người (3 lượt nhắc mốc, ngày 10/07/2025).\n"
    assert sorted(message.to[0] for message in mail.outbox) == [
        "hanoi_union_officer@example.vn",
        "root_approver@example.vn",
    ]
    assert logs() == {
        ("Gửi dự thảo báo cáo", "before-7", 2),
        ("Nộp báo cáo 6 tháng", "due", 2),
        ("Họp liên tịch quý II", "overdue", 2),
    }


@override_settings(SITE_URL="https://phoihop.example.vn")
def test_email_lists_the_milestones_with_day_first_dates_and_links(people, due):
    run()

    message = next(m for m in mail.outbox if m.to == ["hanoi_union_officer@example.vn"])
    lines = message.body.splitlines()
    assert message.subject == "[phoihop] Nhắc việc: 3 mốc của chương trình phối hợp"
    assert [line for line in lines if line.startswith("- ")] == [
        "- Họp liên tịch quý II",
        "- Nộp báo cáo 6 tháng",
        "- Gửi dự thảo báo cáo",
    ]
    assert [line for line in lines if line.startswith("  Hạn:")] == [
        "  Hạn: 07/07/2025 (quá hạn 3 ngày)",
        "  Hạn: 10/07/2025 (đến hạn hôm nay)",
        "  Hạn: 17/07/2025 (còn 7 ngày)",
    ]
    links = [line for line in lines if line.startswith("  Xem: ")]
    assert [link.startswith("  Xem: https://phoihop.example.vn/") for link in links] == [True] * 3
    assert "Lịch công tác: https://phoihop.example.vn/calendar/" in lines


def test_second_run_sends_nothing(people, due):
    run()
    sent = len(mail.outbox)

    output = run()

    assert (len(mail.outbox), output) == (
        sent,
        "Đã gửi 0 thư nhắc cho 0 người (0 lượt nhắc mốc, ngày 10/07/2025).\n",
    )


def test_next_days_bring_the_next_stages(people, due):
    run()

    run("--today", "2025-07-16")
    run("--today", "2025-07-17")
    run("--today", "2025-07-18")

    assert {(title, stage) for title, stage, _n in logs()} == {
        ("Gửi dự thảo báo cáo", "before-7"),
        ("Gửi dự thảo báo cáo", "before-1"),
        ("Gửi dự thảo báo cáo", "due"),
        ("Gửi dự thảo báo cáo", "overdue"),
        ("Nộp báo cáo 6 tháng", "due"),
        ("Nộp báo cáo 6 tháng", "overdue"),  # on 16/07, once
        ("Họp liên tịch quý II", "overdue"),
    }


def test_without_a_responsible_party_every_party_hears(people, due):
    program_services.milestone_update(milestone=due["week"], actor=SYSTEM, responsible=None)

    run("--today", "2025-07-16")  # only this milestone is 1 day away

    assert sorted(m.to[0] for m in mail.outbox if "Gửi dự thảo báo cáo" in m.body) == [
        "hanoi_union_officer@example.vn",
        "hanoi_women_officer@example.vn",
        "root_approver@example.vn",
    ]


def test_dry_run_writes_and_sends_nothing(people, due):
    output = run("--dry-run")

    assert (output, logs(), mail.outbox) == (
        "Chạy thử, không gửi gì: sẽ gửi 2 thư nhắc cho 2 người "
        "(3 lượt nhắc mốc, ngày 10/07/2025).\n",
        set(),
        [],
    )


def test_a_reminder_claimed_by_another_run_is_not_sent_again(due):
    assert (
        services._claim(due["today"], "due", 1),
        services._claim(due["today"], "due", 1),
    ) == (True, False)


def test_milestones_of_closed_programs_are_not_reminded(people, due, hanoi_program):
    Program.objects.filter(pk=hanoi_program.pk).update(state="closed")  # arrangement

    output = run()

    assert (output, mail.outbox) == (
        "Đã gửi 0 thư nhắc cho 0 người (0 lượt nhắc mốc, ngày 10/07/2025).\n",
        [],
    )


def test_bad_date_is_an_error():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--today", "10/07/2025")
