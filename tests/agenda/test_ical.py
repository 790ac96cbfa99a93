"""The hand-written iCalendar: escaping and folding (RFC 5545 §3.3.11, §3.1)."""

import datetime as dt

import pytest

from phoihop.agenda.ical import escape_text, fold, render_calendar
from phoihop.agenda.items import CalendarItem

pytestmark = [pytest.mark.unit]


def test_escape_text_escapes_backslash_semicolon_comma_and_newlines():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_fold_keeps_lines_within_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "Hội nghị sơ kết chương trình phối hợp " * 5

    folded = fold(line)

    parts = folded.split("\r\n")
    assert [len(part.encode()) <= 75 for part in parts] == [True] * len(parts)
    assert [part.startswith(" ") for part in parts[1:]] == [True] * (len(parts) - 1)
    assert "".join(parts[:1] + [part[1:] for part in parts[1:]]) == line


def test_render_calendar_writes_an_all_day_event_with_an_exclusive_end():
    item = CalendarItem(
        date=dt.date(2025, 11, 15),
        end_date=dt.date(2025, 12, 15),
        title="Tháng hành động",
        kind="keyday",
        uid="keyday-x-2025@phoihop",
    )

    text = render_calendar(
        [item], now=dt.datetime(2025, 7, 10, 2, 0, tzinfo=dt.UTC), base_url="", name="Lịch"
    )

    assert text.split("\r\n") == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//phoihop//Lich phoi hop//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Lịch",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
        "BEGIN:VEVENT",
        "UID:keyday-x-2025@phoihop",
        "DTSTAMP:20250710T020000Z",
        "DTSTART;VALUE=DATE:20251115",
        "DTEND;VALUE=DATE:20251216",
        "SUMMARY:Tháng hành động",
        "TRANSP:TRANSPARENT",
        "CATEGORIES:KEYDAY",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
