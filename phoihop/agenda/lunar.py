"""Lunar New Year (Tết Nguyên đán) in Vietnam, computed rather than tabulated.

Hồ Ngọc Đức's astronomical algorithm (the one ``vnlunar`` uses, see DOMAIN.md §7.3), for the
Vietnamese calendar: new moons and solar terms are reckoned at UTC+7. Vietnam's Tết therefore
differs from China's in some years (21/01/1985 vs 20/02/1985; 17/02/2007 vs 18/02/2007).
"""

from __future__ import annotations

import datetime as dt
import math

TIMEZONE = 7.0
_JD_OFFSET = 1721425  # Julian day number of date.fromordinal(0)
_SYNODIC_MONTH = 29.530588853
_EPOCH = 2415021.076998695  # new moon of 1900-01-01 (Julian day)
STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


def _jd(day: dt.date) -> int:
    return day.toordinal() + _JD_OFFSET


def _date(jd: int) -> dt.date:
    return dt.date.fromordinal(jd - _JD_OFFSET)


def _new_moon(k: int) -> float:
    """Julian day (UT) of the k-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 += -0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 += -0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 += -0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 += -0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


def _new_moon_day(k: int) -> int:
    return math.floor(_new_moon(k) + 0.5 + TIMEZONE / 24)


def _sun_longitude_sector(jd: int) -> int:
    """Which of the 12 thirty-degree sectors the sun is in at the start of local day ``jd``."""
    t = (jd - 0.5 - TIMEZONE / 24 - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    longitude = (l0 + dl) * dr
    longitude -= 2 * math.pi * math.floor(longitude / (2 * math.pi))
    return math.floor(longitude / math.pi * 6)


def _month_11_start(year: int) -> int:
    """Julian day of the first day of lunar month 11 (the month holding the winter solstice)."""
    k = math.floor((_jd(dt.date(year, 12, 31)) - 2415021) / _SYNODIC_MONTH)
    start = _new_moon_day(k)
    if _sun_longitude_sector(start) >= 9:
        start = _new_moon_day(k - 1)
    return start


def _leap_month_offset(a11: int) -> int:
    """In a 13-month lunar year starting at ``a11``: months after month 11 until the leap one."""
    k = math.floor((a11 - _EPOCH) / _SYNODIC_MONTH + 0.5)
    i = 1
    arc = _sun_longitude_sector(_new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = _sun_longitude_sector(_new_moon_day(k + i))
        if arc == last or i >= 14:
            return i - 1


def tet(year: int) -> dt.date:
    """Mùng 1 Tết: the first day of the lunar year that begins in ``year``."""
    a11, b11 = _month_11_start(year - 1), _month_11_start(year)
    offset = 2  # month 11 → 12 → 1
    if b11 - a11 > 365 and offset >= _leap_month_offset(a11):
        offset += 1  # a leap 11th or 12th month falls before Tết
    k = math.floor(0.5 + (a11 - _EPOCH) / _SYNODIC_MONTH)
    return _date(_new_moon_day(k + offset))


def year_name(year: int) -> str:
    """The sexagenary name of a lunar year: 2025 → "Ất Tỵ", 2026 → "Bính Ngọ"."""
    return f"{STEMS[(year + 6) % 10]} {BRANCHES[(year + 8) % 12]}"
