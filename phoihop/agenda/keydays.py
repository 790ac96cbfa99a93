"""The yearly key days and campaigns that union and Women's Union work is planned around.

Source: /work/shared/DOMAIN.md §4 "Key dates" (sources per row are noted below). Titles are data in
Vietnamese, like milestone titles: they are proper names and go into reports as written.
Anniversaries ("kỷ niệm 96 năm …") are computed from the founding year, never written per year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from phoihop.agenda import lunar
from phoihop.agenda.items import KEYDAY, CalendarItem


@dataclass(frozen=True)
class KeyDay:
    slug: str
    title: str
    month: int
    day: int
    end_month: int | None = None  # a campaign's last day (inclusive); None for a single day
    end_day: int | None = None
    founded: int | None = None  # year of the event whose anniversary the day marks
    since: int | None = None  # first year the day or campaign was observed

    def item(self, year: int) -> CalendarItem | None:
        if self.since and year < self.since:
            return None
        if self.founded and year <= self.founded:
            return None
        start = dt.date(year, self.month, self.day)
        end = start
        if self.end_month and self.end_day:
            end = dt.date(year, self.end_month, self.end_day)
            if end < start:  # a campaign running into the next year
                end = dt.date(year + 1, self.end_month, self.end_day)
        return CalendarItem(
            date=start,
            end_date=end,
            title=self.title_in(year),
            kind=KEYDAY,
            uid=f"keyday-{self.slug}-{year}@phoihop",
        )

    def title_in(self, year: int) -> str:
        if not self.founded:
            return self.title
        day = f"{self.day}/{self.month}"
        years = year - self.founded
        return f"Kỷ niệm {years} năm {self.title} ({day}/{self.founded} – {day}/{year})"


KEY_DAYS: tuple[KeyDay, ...] = (
    # 3/2/1930: founding of the Party; a common anchor of union and Hội activities (DOMAIN §4 🔶).
    KeyDay("thanh-lap-dang", "Ngày thành lập Đảng Cộng sản Việt Nam", 2, 3, founded=1930),
    # 8/3: International Women's Day (DOMAIN §4 ✅).
    KeyDay("quoc-te-phu-nu", "Ngày Quốc tế Phụ nữ", 3, 8),
    # 30/4/1975: Reunification (DOMAIN §4 🔶).
    KeyDay(
        "giai-phong-mien-nam",
        "Ngày Giải phóng miền Nam, thống nhất đất nước",
        4,
        30,
        founded=1975,
    ),
    # 1/5: International Labour Day (DOMAIN §4 ✅).
    KeyDay("quoc-te-lao-dong", "Ngày Quốc tế Lao động", 5, 1),
    # May: Tháng Công nhân (Ban Bí thư, since 2012) and Tháng hành động về ATVSLĐ (Thủ tướng,
    # since 2016). DOMAIN §4 ✅, https://ngaynay.vn/phat-dong-thang-cong-nhan-va-thang-hanh-dong-
    # ve-an-toan-ve-sinh-lao-dong-nam-2025-post159294.html
    KeyDay("thang-cong-nhan", "Tháng Công nhân", 5, 1, 5, 31, since=2012),
    KeyDay(
        "thang-atvsld",
        "Tháng hành động về an toàn, vệ sinh lao động",
        5,
        1,
        5,
        31,
        since=2016,
    ),
    # 19/5/1890: Hồ Chí Minh's birthday (DOMAIN §4 🔶).
    KeyDay("sinh-nhat-bac", "Ngày sinh Chủ tịch Hồ Chí Minh", 5, 19, founded=1890),
    # 28/6: Ngày Gia đình Việt Nam, QĐ 72/2001/QĐ-TTg (DOMAIN §4 ✅,
    # https://vass.gov.vn/tin-tuc/tin-hanh-chinh---to-chuc-d20.html?Page=65).
    KeyDay("gia-dinh-viet-nam", "Ngày Gia đình Việt Nam", 6, 28, since=2001),
    # 27/7/1947: War Invalids and Martyrs Day (DOMAIN §4 🔶).
    KeyDay("thuong-binh-liet-si", "Ngày Thương binh – Liệt sĩ", 7, 27, founded=1947),
    # 28/7/1929: Tổng Công hội Đỏ Bắc Kỳ founded at 15 Hàng Nón, Hà Nội (DOMAIN §4 ✅, propaganda
    # outline for Congress XIII; 2024 was "95 năm (1929–2024)").
    KeyDay("thanh-lap-cong-doan", "Ngày thành lập Công đoàn Việt Nam", 7, 28, founded=1929),
    # 2/9/1945: National Day (DOMAIN §4 🔶).
    KeyDay("quoc-khanh", "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam", 9, 2, founded=1945),
    # 20/10/1930: founding of Hội LHPN Việt Nam, Ngày Phụ nữ Việt Nam (DOMAIN §4 ✅).
    KeyDay(
        "thanh-lap-hoi-lhpn",
        "Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam – Ngày Phụ nữ Việt Nam",
        10,
        20,
        founded=1930,
    ),
    # 15/11–15/12, yearly since 2016 (DOMAIN §4 ✅, https://dsa.ueh.edu.vn/tin-tuc/thang-hanh-dong-vi-
    # binh-dang-gioi-…).
    KeyDay(
        "thang-binh-dang-gioi",
        "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
        11,
        15,
        12,
        15,
        since=2016,
    ),
    # 25/11–10/12: the UN "16 days of activism" (DOMAIN §4 ✅, https://419.vn/chien-dich-16-ngay-…).
    KeyDay(
        "16-ngay-hanh-dong",
        "16 ngày hành động chấm dứt bạo lực đối với phụ nữ và trẻ em gái",
        11,
        25,
        12,
        10,
    ),
    # 22/12/1944: founding of the People's Army (DOMAIN §4 🔶).
    KeyDay(
        "thanh-lap-qdnd",
        "Ngày thành lập Quân đội nhân dân Việt Nam",
        12,
        22,
        founded=1944,
    ),
)


def tet_item(year: int) -> CalendarItem:
    """Mùng 1 Tết Nguyên đán (DOMAIN §4: Tết Ất Tỵ = 29/01/2025, Tết Bính Ngọ = 17/02/2026)."""
    day = lunar.tet(year)
    return CalendarItem(
        date=day,
        end_date=day,
        title=f"Tết Nguyên đán {lunar.year_name(year)} (mùng 1 tháng Giêng)",
        kind=KEYDAY,
        uid=f"keyday-tet-{year}@phoihop",
    )


def key_days_between(start: dt.date, end: dt.date) -> list[CalendarItem]:
    """Key days and campaigns that fall on or overlap ``start``…``end`` (both inclusive)."""
    items: list[CalendarItem] = []
    # Start a year early: a campaign of last year may run into this one.
    for year in range(max(start.year - 1, 1), end.year + 1):
        candidates = [key_day.item(year) for key_day in KEY_DAYS]
        candidates.append(tet_item(year))
        items += [item for item in candidates if item is not None and item.overlaps(start, end)]
    return sorted(items, key=lambda item: (item.date, item.end_date, item.title))
