"""Everyday use in a real browser (issue 12): each numbered item as an official meets it.

One small world: Hà Nội's union and women's union with two districts, activities in 2017 and
2024 (some co-organized), a signed program cascaded to the districts, a merged province
(Tiền Giang → Đồng Tháp) with a program signed before the merger.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import services as activity_services
from phoihop.activities.models import ActivityKind
from phoihop.orgs import services as org_services
from phoihop.orgs.selectors import today
from phoihop.programs import services as program_services
from phoihop.programs.models import Program
from tests.factories import accounts as account_factories
from tests.factories import orgs as factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-Secret-123"


@pytest.fixture
def world():
    city = factories.area("Thành phố Hà Nội", code="01", short_name="Hà Nội")
    union_root = factories.unit("Tổng Liên đoàn Lao động Việt Nam", level_code="trung-uong")
    women_root = factories.unit(
        "Hội Liên hiệp Phụ nữ Việt Nam", system_code="hoi-lhpn", level_code="trung-uong"
    )
    union = factories.unit(
        "Liên đoàn Lao động thành phố Hà Nội",
        short_name="LĐLĐ thành phố Hà Nội",
        parent=union_root,
        area=city,
    )
    women = factories.unit(
        "Hội Liên hiệp Phụ nữ thành phố Hà Nội",
        short_name="Hội LHPN thành phố Hà Nội",
        abbreviations="Hội LHPN Hà Nội",
        system_code="hoi-lhpn",
        parent=women_root,
        area=city,
    )
    for name in ("Ba Đình", "Thanh Xuân"):
        district = factories.area(f"Quận {name}", kind="district", parent=city)
        factories.unit(
            f"Liên đoàn Lao động quận {name}", level_code="huyen", parent=union, area=district
        )
        factories.unit(
            f"Hội Liên hiệp Phụ nữ quận {name}",
            system_code="hoi-lhpn",
            level_code="huyen",
            parent=women,
            area=district,
        )
    # A transactional test flushes the kinds the migration seeded: make the one used here.
    kind, _ = ActivityKind.objects.get_or_create(code="toa-dam", defaults={"name": "Tọa đàm"})
    for year, title, organizers in (
        (2017, "Tọa đàm năm 2017", [(union, "lead"), (women, "partner")]),
        (2024, "Tọa đàm bình đẳng giới 2024", [(union, "lead"), (women, "partner")]),
        (2024, "Tập huấn kỹ năng 2024", [(women, "lead")]),
        (2024, "Hội nghị công đoàn 2024", [(union, "lead")]),
    ):
        activity_services.activity_create(
            actor=SYSTEM,
            title=title,
            kind=kind,
            starts_on=dt.date(year, 3, 6),
            organizers=organizers,
            participants=100,
            participants_women=60,
        )
    program = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": union}, {"unit": women}],
        title="Chương trình phối hợp giữa Liên đoàn Lao động thành phố Hà Nội và "
        "Hội Liên hiệp Phụ nữ thành phố Hà Nội giai đoạn 2023 - 2028",
        start_year=2023,
        end_year=2028,
    )
    program_services.program_sign(program=program, signed_on=dt.date(2023, 3, 16), actor=SYSTEM)
    now = today()
    program_services.milestone_create(
        program=program, actor=SYSTEM, title="Báo cáo quý", due_on=now - dt.timedelta(days=3)
    )
    # A merged province with a program signed before the merger.
    tien_giang = factories.unit(
        "Liên đoàn Lao động tỉnh Tiền Giang", parent=union_root, valid_from=dt.date(2000, 1, 1)
    )
    dong_thap = factories.unit(
        "Liên đoàn Lao động tỉnh Đồng Tháp", parent=union_root, valid_from=dt.date(2025, 7, 1)
    )
    tg_women = factories.unit(
        "Hội Liên hiệp Phụ nữ tỉnh Tiền Giang", system_code="hoi-lhpn", parent=women_root
    )
    old_program = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": tien_giang}, {"unit": tg_women}],
        title="Chương trình phối hợp Tiền Giang 2022 - 2027",
        start_year=2022,
        end_year=2027,
    )
    org_services.units_merge(
        sources=[tien_giang], target=dong_thap, on=dt.date(2025, 7, 1), actor=SYSTEM
    )
    account_factories.member(women, "editor", username="hoi_hanoi")
    account_factories.member(union, "approver", username="ldld_hanoi")
    account_factories.member(dong_thap, "viewer", include_subunits=False, username="ldld_dongthap")
    account_factories.user("admin", is_superuser=True)
    return {"union": union, "women": women, "program": program, "old_program": old_program}


def login(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def pick_unit_filter(page, query: str, name: str) -> None:
    page.fill("#unit-filter-q", query)
    option = page.locator("#unit-filter-results label", has_text=name).first
    option.wait_for()
    option.click()
    page.wait_for_load_state("networkidle")


def test_1_2_export_follows_the_filter_and_the_unit_picker_finds_co_organized_work(
    page, live_server, world, screenshot
):
    login(page, live_server, "hoi_hanoi")
    page.goto(f"{live_server.url}/activities/")
    pick_unit_filter(page, "hoi lhpn ha noi", "Hội Liên hiệp Phụ nữ thành phố Hà Nội")
    page.fill("#id_start", "01/01/2024")
    page.fill("#id_end", "31/12/2024")
    page.locator("#id_end").press("Tab")
    # The list refreshed in place: the export link now carries the whole filter.
    page.wait_for_selector('#export-data[href*="end=31%2F12%2F2024"][href*="unit="]')
    page.wait_for_load_state("networkidle")
    screenshot("everyday-activities-filtered")

    rows = page.locator("#results tbody tr")
    assert rows.count() == 2  # co-organized + own, 2024 only; words "Hội LHPN Hà Nội" find them too
    with page.expect_download() as download:
        page.click("#export-data")
    with open(download.value.path(), "rb") as saved:
        sheet = load_workbook(BytesIO(saved.read())).active
    dated = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[2]]
    assert sorted(dated) == ["Tập huấn kỹ năng 2024", "Tọa đàm bình đẳng giới 2024"]

    page.goto(f"{live_server.url}/activities/?q=H%E1%BB%99i+LHPN+H%C3%A0+N%E1%BB%99i")
    assert page.locator("#results tbody tr").count() == 3  # every organizer's written forms


def test_3_a_merged_units_official_opens_the_predecessors_program(page, live_server, world):
    login(page, live_server, "ldld_dongthap")
    page.goto(f"{live_server.url}/programs/")

    page.click("text=Chương trình phối hợp Tiền Giang 2022 - 2027")

    assert page.locator("h1").inner_text().startswith("Chương trình phối hợp Tiền Giang")


def test_4_program_menu_reads_parties_and_narrows_as_you_type(page, live_server, world):
    login(page, live_server, "admin")
    page.goto(f"{live_server.url}/activities/new/")
    page.focus("#id_place")
    reached = []
    for _ in range(6):  # place → area → end date → the organizer search (no default unit)
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
    assert "search-lead" in reached
    page.focus("#search-lead")
    page.keyboard.type("lao dong ha noi")
    page.locator("#pick-lead_unit input").first.wait_for()
    labels = page.locator("#id_program option").all_inner_texts()
    assert any("LĐLĐ thành phố Hà Nội – Hội LHPN thành phố Hà Nội (2023–2028)" in t for t in labels)


def test_5_calendar_groups_and_ticks_a_milestone_done(page, live_server, world, screenshot):
    login(page, live_server, "ldld_hanoi")
    start = (today() - dt.timedelta(days=30)).strftime("%d/%m/%Y")
    page.goto(f"{live_server.url}/calendar/list/?from={start}&kind=milestone")
    screenshot("everyday-calendar-list")
    row = page.locator("tr", has_text="Báo cáo quý")
    row.locator("button", has_text="Đánh dấu đã xong").click()
    page.wait_for_selector(".msg")

    assert "Đã đánh dấu hoàn thành" in page.locator(".messages").inner_text()
    assert world["program"].milestones.get(title="Báo cáo quý").done_on is not None


def test_6_an_old_name_leads_to_what_the_unit_became(page, live_server, world):
    login(page, live_server, "admin")
    page.goto(f"{live_server.url}/units/search/")
    page.fill("#id_q", "Liên đoàn Lao động tỉnh Tiền Giang")
    page.wait_for_selector("table.ended")

    page.locator("table.ended a", has_text="Liên đoàn Lao động tỉnh Đồng Tháp").click()

    assert "Đồng Tháp" in page.locator("h1").inner_text()


def test_7_cascade_defaults_to_an_existing_level_and_titles_with_own_parties(
    page, live_server, world
):
    login(page, live_server, "ldld_hanoi")
    page.goto(f"{live_server.url}/programs/{world['program'].pk}/")
    assert "(2 đơn vị)" in page.locator("#id_tier option:checked").inner_text()

    page.click("#coverage button[type=submit]")
    page.wait_for_selector(".msg")

    titles = sorted(Program.objects.filter(parent=world["program"]).values_list("title", flat=True))
    assert titles[0].startswith("Chương trình phối hợp giữa Liên đoàn Lao động quận Ba Đình và")


def test_8_a_third_party_is_added_on_the_form(page, live_server, world, screenshot):
    login(page, live_server, "ldld_hanoi")
    page.goto(f"{live_server.url}/programs/new/")
    assert page.locator("fieldset.party").count() == 2

    page.click("button[name=add_party]")

    page.wait_for_selector("fieldset.party >> nth=2")
    assert page.locator("fieldset.party").count() == 3
    screenshot("everyday-program-three-parties")


def test_10_home_answers_what_to_do(page, live_server, world, screenshot):
    login(page, live_server, "ldld_hanoi")
    screenshot("everyday-home")

    assert "Báo cáo quý" in page.locator("#due").inner_text()
    page.click("#due a >> nth=0")
    assert page.url.endswith(f"/programs/{world['program'].pk}/")


@pytest.mark.parametrize("width", [1366, 390])
def test_pages_fit_the_screen(page, live_server, world, screenshot, width):
    page.set_viewport_size({"width": width, "height": 768})
    login(page, live_server, "ldld_hanoi")
    for path, name in (("/", "home"), ("/calendar/", "calendar"), ("/activities/", "activities")):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        screenshot(f"everyday-{name}-{width}")
        assert overflow <= 1, f"{path} is wider than the screen at {width}px"
