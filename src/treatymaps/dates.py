"""Dates of the record: ISO days, months or years, and how to write them out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ._errors import UsageError

PERIOD_START = dt.date(1895, 1, 1)
PERIOD_END = dt.date(1945, 12, 31)

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
}


@dataclass(frozen=True, order=True)
class RecordDate:
    """A date as the record knows it: the first day it stands for, and its precision."""

    day: dt.date
    precision: str = "day"  # "day", "month" or "year"

    @property
    def iso(self) -> str:
        """The date as written in the record (``1905-09-05``, ``1905-07`` or ``1905``)."""
        if self.precision == "year":
            return f"{self.day.year:04d}"
        if self.precision == "month":
            return f"{self.day.year:04d}-{self.day.month:02d}"
        return self.day.isoformat()

    def text(self, lang: str = "en") -> str:
        """The date written out for a reader, showing only what is known."""
        return format_day(self.day, lang, precision=self.precision)


def parse_record_date(text: object) -> RecordDate:
    """Read ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; raise ``ValueError`` otherwise."""
    if isinstance(text, dt.date) and not isinstance(text, dt.datetime):
        return RecordDate(text, "day")
    if not isinstance(text, str):
        raise ValueError(f"expected a date written YYYY-MM-DD, YYYY-MM or YYYY, got {text!r}")
    match = _PATTERN.match(text.strip())
    if not match:
        raise ValueError(f"expected a date written YYYY-MM-DD, YYYY-MM or YYYY, got {text!r}")
    year, month, day = match.groups()
    try:
        if day:
            return RecordDate(dt.date(int(year), int(month), int(day)), "day")
        if month:
            return RecordDate(dt.date(int(year), int(month), 1), "month")
        return RecordDate(dt.date(int(year), 1, 1), "year")
    except ValueError:
        raise ValueError(f"{text!r} is not a calendar date") from None


def parse_day(text: str) -> dt.date:
    """Parse a day given by a user; it must be an ISO day inside the period."""
    try:
        day = dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise UsageError(
            f"'{text}' is not a date: give a day as YYYY-MM-DD between "
            f"{PERIOD_START.isoformat()} and {PERIOD_END.isoformat()}"
        ) from None
    if not PERIOD_START <= day <= PERIOD_END:
        raise UsageError(
            f"{day.isoformat()} is outside the period: give a day between "
            f"{PERIOD_START.isoformat()} and {PERIOD_END.isoformat()}"
        )
    return day


def as_day(value: dt.date | str) -> dt.date:
    """Accept a ``date`` or an ISO string from API callers."""
    return value if isinstance(value, dt.date) else parse_day(value)


def format_day(day: dt.date, lang: str = "en", *, precision: str = "day") -> str:
    """Write a day out in English (``5 September 1905``) or French (``5 septembre 1905``)."""
    month = MONTHS[lang][day.month - 1]
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{month.capitalize() if lang == 'en' else month} {day.year}"
    number = "1er" if (lang == "fr" and day.day == 1) else str(day.day)
    return f"{number} {month} {day.year}"
