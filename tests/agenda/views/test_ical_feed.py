"""The personal iCalendar feed: a secret link, RFC 5545 text, only what the user may see."""

import datetime as dt
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from phoihop.agenda.models import CalendarFeedToken
from tests.agenda.conftest import milestone

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def new_feed_url(client, user) -> str:
    client.force_login(user)
    response = client.post(reverse("agenda:feed_regenerate"))
    client.logout()
    return re.search(r'value="https?://[^/"]+([^"]+\.ics)"', response.content.decode())[1]


def unfolded(content: bytes) -> list[str]:
    return content.decode().replace("\r\n ", "").split("\r\n")


@pytest.fixture
def milestones(hanoi_program, danang_program):
    return [
        milestone(hanoi_program, "Báo cáo; tổng hợp, đánh giá \\ số liệu", dt.date(2025, 7, 3)),
        milestone(hanoi_program, "Hội nghị sơ kết " * 8, dt.date(2025, 9, 20)),
        milestone(hanoi_program, "Quá xa để hiện", dt.date(2026, 8, 1)),
        milestone(danang_program, "Báo cáo của Đà Nẵng", dt.date(2025, 7, 15)),
    ]


def test_feed_page_without_a_link_offers_to_create_one(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:feed"))

    html = response.content.decode()
    assert (response.context["token"], "Bạn chưa có đường dẫn lịch." in html) == (None, True)


def test_feed_is_rfc5545_with_one_event_per_visible_milestone(
    client, hanoi_union_officer, hanoi_program, milestones
):
    url = new_feed_url(client, hanoi_union_officer)

    response = client.get(url)

    content = response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert (content.startswith(b"BEGIN:VCALENDAR\r\n"), content.endswith(b"END:VCALENDAR\r\n")) == (
        True,
        True,
    )
    assert b"\n" not in content.replace(b"\r\n", b"")  # CRLF only
    physical = content.split(b"\r\n")
    assert max(len(line) for line in physical) <= 75
    assert any(line.startswith(b" ") for line in physical)  # the long title was folded
    lines = unfolded(content)
    expected = {
        f"UID:milestone-{m.pk}@phoihop"
        for m in hanoi_program.milestones.filter(due_on__lte=dt.date(2026, 7, 10))
    }
    assert {line for line in lines if line.startswith("UID:milestone-")} == expected
    assert len(expected) == 4  # two above, 15/12 report and 31/12 final review from signing
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")


def test_feed_escapes_summaries_and_marks_overdue(client, hanoi_union_officer, milestones):
    url = new_feed_url(client, hanoi_union_officer)

    lines = unfolded(client.get(url).content)

    event = lines[lines.index(f"UID:milestone-{milestones[0].pk}@phoihop") - 1 :]
    assert event[:6] == [
        "BEGIN:VEVENT",
        f"UID:milestone-{milestones[0].pk}@phoihop",
        event[2],  # DTSTAMP: now, in UTC
        "DTSTART;VALUE=DATE:20250703",
        "DTEND;VALUE=DATE:20250704",
        "SUMMARY:[Quá hạn] Báo cáo\\; tổng hợp\\, đánh giá \\\\ số liệu",
    ]
    assert event[2] == "DTSTAMP:20250710T020000Z"


def test_feed_includes_key_days(client, hanoi_union_officer):
    url = new_feed_url(client, hanoi_union_officer)

    lines = unfolded(client.get(url).content)

    assert "UID:keyday-thanh-lap-cong-doan-2025@phoihop" in lines
    assert lines.count("BEGIN:VEVENT") == len([x for x in lines if x.startswith("UID:keyday-")])


def test_feed_with_a_wrong_token_is_404(client, hanoi_union_officer):
    new_feed_url(client, hanoi_union_officer)

    response = client.get(reverse("agenda:ical", args=["not-the-token"]))

    assert response.status_code == 404


def test_regenerating_invalidates_the_old_link(client, hanoi_union_officer):
    old = new_feed_url(client, hanoi_union_officer)

    new = new_feed_url(client, hanoi_union_officer)

    assert (client.get(old).status_code, client.get(new).status_code) == (404, 200)
    assert CalendarFeedToken.objects.filter(user=hanoi_union_officer).count() == 1


def test_feed_of_a_deactivated_user_is_404(client, hanoi_union_officer):
    url = new_feed_url(client, hanoi_union_officer)
    hanoi_union_officer.is_active = False
    hanoi_union_officer.save()

    response = client.get(url)

    assert response.status_code == 404


def test_only_the_hash_is_stored(client, hanoi_union_officer):
    url = new_feed_url(client, hanoi_union_officer)
    raw = url.rsplit("/", 1)[1].removesuffix(".ics")

    token = CalendarFeedToken.objects.get(user=hanoi_union_officer)

    assert (token.token_hash, raw in token.token_hash) == (CalendarFeedToken.hash(raw), False)


def test_feed_page_after_creating_says_when_without_showing_the_link(client, hanoi_union_officer):
    new_feed_url(client, hanoi_union_officer)
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:feed"))

    html = response.content.decode()
    created = "Bạn đã tạo đường dẫn lịch vào ngày 10/07/2025."
    assert (".ics" in html, created in html) == (False, True)


def test_regenerate_with_htmx_returns_the_partial(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(reverse("agenda:feed_regenerate"), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert ("<html" in html, len(re.findall(r'value="[^"]+\.ics"', html))) == (False, 1)


def test_regenerate_needs_post(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:feed_regenerate"))

    assert (response.status_code, CalendarFeedToken.objects.count()) == (405, 0)


@override_settings(SITE_URL="https://phoihop.example.vn")
def test_feed_links_use_the_public_site_url(client, hanoi_union_officer, hanoi_program, milestones):
    client.force_login(hanoi_union_officer)
    page = client.post(reverse("agenda:feed_regenerate")).content.decode()
    client.logout()
    feed_link = re.search(r'value="([^"]+\.ics)"', page)[1]

    content = unfolded(client.get(feed_link.removeprefix("https://phoihop.example.vn")).content)

    links = [line.removeprefix("URL:") for line in content if line.startswith("URL:")]
    assert feed_link.startswith("https://phoihop.example.vn/calendar/ical/")
    assert links != []
    assert [link for link in links if not link.startswith("https://phoihop.example.vn/")] == []
