"""Administrative areas named by GSO code in an imported sheet (both Excel imports use these)."""

from __future__ import annotations

from collections.abc import Iterable

from phoihop.core.spreadsheet import Invalid, chunks
from phoihop.orgs.models import AdminArea
from phoihop.orgs.selectors import today


def areas_by_code(codes: Iterable[str]) -> dict[str, list[AdminArea]]:
    """The areas with these GSO codes, newest first, fetched in a few queries."""
    found: dict[str, list[AdminArea]] = {}
    for chunk in chunks(sorted(set(codes) - {""})):
        for area in AdminArea.objects.filter(code__in=chunk).order_by("-valid_from", "pk"):
            found.setdefault(area.code, []).append(area)
    return found


def resolve_area(code: str, areas: dict[str, list[AdminArea]], key: str) -> AdminArea | None:
    """The area a GSO code means today (else its most recent one); ``areas`` from areas_by_code."""
    if not code:
        return None
    candidates = areas.get(code, [])
    if not candidates:
        raise Invalid(
            key,
            f"Không có địa bàn mã “{code}”. Ghi mã của Tổng cục Thống kê dạng văn bản, giữ "
            "các số 0 ở đầu (ví dụ “01”).",
        )
    day = today()
    current = [area for area in candidates if area.is_valid_on(day)]
    if len(current) > 1:
        names = "; ".join(area.name for area in current)
        raise Invalid(key, f"Mã “{code}” ứng với nhiều địa bàn: {names}.")
    # Otherwise the area of today, else the most recent one (candidates are newest first).
    return current[0] if current else candidates[0]
