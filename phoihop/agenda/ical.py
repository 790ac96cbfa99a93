"""iCalendar (RFC 5545) written by hand: all-day events only, so no time zones are needed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from phoihop.agenda.items import CalendarItem

CRLF = "\r\n"
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    """TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines are escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (§3.1), never inside a character.

    Each continuation line starts with one space, which counts towards its 75 octets.
    """
    parts: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1
        current += char
        size += width
    parts.append(current)
    return (CRLF + " ").join(parts)


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _event(item: CalendarItem, *, stamp: str, base_url: str) -> list[str]:
    summary = item.title
    if item.overdue:
        summary = f"[Quá hạn] {summary}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{item.uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(item.date)}",
        f"DTEND;VALUE=DATE:{_date(item.end_date + dt.timedelta(days=1))}",  # exclusive
        f"SUMMARY:{escape_text(summary)}",
        "TRANSP:TRANSPARENT",
        f"CATEGORIES:{item.kind.upper()}",
    ]
    details = [text for text in (item.program_title, " – ".join(item.unit_names)) if text]
    if details:
        lines.append(f"DESCRIPTION:{escape_text(chr(10).join(details))}")
    if item.url:
        lines.append(f"URL:{base_url}{item.url}")
    lines.append("END:VEVENT")
    return lines


def render_calendar(
    items: Iterable[CalendarItem], *, now: dt.datetime, base_url: str, name: str
) -> str:
    """A VCALENDAR with one VEVENT per item; CRLF line endings, lines folded at 75 octets."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//phoihop//Lich phoi hop//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for item in items:
        lines += _event(item, stamp=stamp, base_url=base_url)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
