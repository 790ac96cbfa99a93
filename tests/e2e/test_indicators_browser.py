"""An official fills in a report form with the keyboard alone, sends it, and the district's
approver approves it; screenshots at 1366×768 and on a 390 px phone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from phoihop.indicators.models import Category, DataValue, DisaggregationSet, Submission
from phoihop.orgs.models import OrgLevel
from tests.factories import accounts as account_factories
from tests.factories import indicators as indicator_factories
from tests.factories import orgs as factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PERIOD = "2024S1"
D0 = dt.date(2020, 1, 1)


@pytest.fixture
def setting():
    """A district with one grassroots union, and a form of three indicators (one split by sex,
    one percentage, one plain count). Made here: a browser test's database starts empty."""
    district = factories.unit("LĐLĐ huyện Cái Bè", level_code="huyen", valid_from=D0)
    school = factories.unit(
        "CĐCS Trường THPT Cái Bè", level_code="co-so", parent=district, valid_from=D0
    )
    sex, _ = DisaggregationSet.objects.get_or_create(
        code="gioi-tinh", defaults={"name": "Giới tính"}
    )
    Category.objects.get_or_create(set=sex, code="nam", defaults={"name": "Nam", "order": 1})
    Category.objects.get_or_create(set=sex, code="nu", defaults={"name": "Nữ", "order": 2})
    members = indicator_factories.indicator(
        code="e2e-doan-vien", name="Đoàn viên công đoàn", disaggregation=sex, aggregation="last"
    )
    share = indicator_factories.indicator(
        code="e2e-ty-le-nu-bch", name="Tỷ lệ nữ trong Ban Chấp hành", unit_label="%",
        value_type="percent", aggregation="ratio",
    )  # fmt: skip
    awards = indicator_factories.indicator(
        code="e2e-gvn", name="Lượt nữ “Giỏi việc nước, đảm việc nhà”", unit_label="lượt"
    )
    levels = list(OrgLevel.objects.filter(system__code="cong-doan", code="co-so"))
    form = indicator_factories.form(
        [members, share, awards],
        levels,
        code="e2e-form",
        name="Báo cáo công tác nữ công 6 tháng",
        cutoff_day=15,
    )
    account_factories.member(school, "editor", username="can_bo")
    account_factories.member(district, "approver", username="chu_tich")
    return {"school": school, "form": form, "members": members, "share": share, "awards": awards}


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-Secret-123")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")


def _saved(page, indicator):
    page.wait_for_selector(f"#msg-{indicator.pk} .saved")


def test_keyboard_entry_submit_and_approval(page, live_server, setting, screenshot):
    school, form = setting["school"], setting["form"]
    members, share, awards = setting["members"], setting["share"], setting["awards"]
    grid = f"{live_server.url}/indicators/entry/{school.pk}/{form.code}/{PERIOD}/"
    _login(page, live_server, "can_bo")
    page.goto(grid)

    page.locator("[data-cell]").first.focus()
    page.keyboard.type("1.200")  # men
    page.keyboard.press("Tab")
    page.keyboard.type("950")  # women
    page.keyboard.press("Enter")  # to the next row's first cell: the row above is saved
    _saved(page, members)
    page.keyboard.type("8")  # women on the committee
    page.keyboard.press("ArrowRight")  # caret at the end: next cell
    page.keyboard.type("13")  # of 13 members
    page.keyboard.press("Enter")
    _saved(page, share)
    page.keyboard.type("45")
    page.keyboard.press("Tab")  # to the comment: the figure is saved
    _saved(page, awards)
    page.keyboard.type("Sơ kết 6 tháng")
    page.keyboard.press("ArrowUp")  # back up: the comment is saved
    page.wait_for_function(
        f"document.querySelector('#total-{members.pk}').textContent.trim() === '2.150'"
    )
    assert page.locator(f"#total-{share.pk}").inner_text() == "61,5%"
    screenshot("indicators-grid-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("indicators-grid-390")
    page.set_viewport_size({"width": 1366, "height": 768})

    page.click("#submit-report")
    page.wait_for_selector(".badge.rs-submitted")

    _login(page, live_server, "chu_tich")
    page.goto(f"{live_server.url}/indicators/approvals/")
    screenshot("indicators-approvals-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("indicators-approvals-390")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("button", name="Duyệt").first.click()
    page.wait_for_selector(".msg-success")

    stored = {
        (v.indicator.code, v.category.code if v.category else ""): (v.value, v.numerator, v.comment)
        for v in DataValue.objects.select_related("indicator", "category")
    }
    assert stored == {
        ("e2e-doan-vien", "nam"): (Decimal(1200), None, ""),
        ("e2e-doan-vien", "nu"): (Decimal(950), None, ""),
        ("e2e-ty-le-nu-bch", ""): (None, Decimal(8), ""),
        ("e2e-gvn", ""): (Decimal(45), None, "Sơ kết 6 tháng"),
    }
    assert Submission.objects.get(unit=school).state == "approved"
