"""Event dates: resolve the temporal expressions of a sentence against the publication date.

Wire stories date events relative to the day they are filed ("vowed Sunday", "last week",
"on June 3"). This module turns such expressions into an :class:`EventDate` the way GDELT and
ICEWS users expect:

* :func:`resolve_expression` resolves one expression ("Sunday", "last week", "June 3, 2008").
* :func:`event_date` picks the event's date from the expressions attached to its clause,
  falling back to the publication date.
* :func:`date_expressions` finds those expressions in a spaCy sentence for a given head verb,
  leaving out the ones that belong to other clauses ("..., the agency reported on Monday").

A resolved date has a precision: ``"day"``, ``"week"``, ``"month"`` or ``"year"``. For the
coarser precisions the date is the first day of the period the text names: the Monday of an
ISO week, the 1st of a month, January 1st of a year (and the Saturday of a weekend, see
below).

Conventions where the wire-service rules leave a choice:

* A weekday or date without a year is the most recent one on or before publication; with
  ``future=True`` the next one on or after it. "last"/"next" are strict: "last Monday" in a
  story published on a Monday is a week earlier.
* "last March" is the most recent March strictly before the publication month ("in March"
  includes the publication month itself); "next March" is strictly after it.
* "the weekend"/"over the weekend" resolve to the Saturday of that weekend with precision
  ``"week"`` (the finest precision that covers two days).
* A range ("June 3-5", "Monday and Tuesday", "1991-1995") resolves to the smallest period
  (day, ISO week, month, year) containing both ends, or to None when no single year contains
  it; a multi-year range says nothing about one event's date.
* Clock times alone ("10 a.m."), durations ("three years", "the past week"), ages, decades,
  seasons, quarters and vague words ("recently", "now") resolve to None: the caller falls back
  to the publication date.
* Expressions relative to the narrative rather than to publication ("the next day", "two days
  later") resolve to None.
* Two-digit years ("'08", "6/3/08") are 2000-2049 or 1950-1999.
* Bare years must be 1900-2100 ("1500" is more likely a count than a year); years written
  inside a full date or with a month may be any four-digit year.

The common forms are handled by precompiled regular expressions; dateparser (slow to import)
is loaded lazily and only consulted for the long tail of explicit dates that name a month or
are written with numbers and separators.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["EventDate", "PRECISIONS", "date_expressions", "event_date", "resolve_expression"]

PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class EventDate:
    """A resolved event date.

    ``date`` is the day itself for precision ``"day"``, otherwise the first day of the period
    (Monday of the ISO week, 1st of the month, January 1st). ``text`` holds the words that
    fixed the date, or None when the date defaulted to the publication date.
    """

    date: datetime.date
    precision: str  # "day" | "week" | "month" | "year"
    text: str | None


# A resolver's answer before it becomes an EventDate: the date and its precision.
_Resolved = tuple[datetime.date, str]

# --------------------------------------------------------------------------- vocabulary

_WEEKDAYS = {
    name: index
    for index, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip


def _ordinal_words() -> dict[str, int]:
    """'first' .. 'thirty-first' (also written with a space) mapped to 1..31."""
    units = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
    teens = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
             "sixteenth", "seventeenth", "eighteenth", "nineteenth"]  # fmt: skip
    words = {word: i + 1 for i, word in enumerate(units)}
    words.update({word: i + 10 for i, word in enumerate(teens)})
    words["twentieth"] = 20
    words["thirtieth"] = 30
    for tens_word, tens in (("twenty", 20), ("thirty", 30)):
        for i, unit in enumerate(units):
            if tens + i + 1 <= 31:
                words[f"{tens_word}-{unit}"] = tens + i + 1
                words[f"{tens_word} {unit}"] = tens + i + 1
    return words


_ORDINALS = _ordinal_words()

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a couple of": 2, "couple of": 2,
}  # fmt: skip


def _alternation(words: Sequence[str]) -> str:
    """A regex alternation of words, longest first so that 'june' wins over 'jun'."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WD = _alternation(list(_WEEKDAYS))
_MON = _alternation(list(_MONTHS))
_ORD = _alternation(list(_ORDINALS))
_NUM = _alternation(list(_NUMBERS))

_MONTH = rf"(?P<month>{_MON})\.?"
_DAY = rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<dayword>{_ORD})"
_DAY2 = rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?"
# An explicit year or a year relative to publication ("March last year").
_YEAR = r"(?:(?:of )?(?P<year>\d{4})|(?:of )?(?P<relyear>last|this|next) year)"
_LEADING_WEEKDAY = rf"(?:(?:{_WD}),? )?"
# Modifiers that narrow a period without changing which period it is.
_MOD = (
    r"(?:(?:early|earlier|mid|late|later|(?:the )?(?:end|beginning|start|middle|first half"
    r"|second half|first days|last days) of)[\s-]*)?"
)
_PART_OF_DAY = r"(?: (?:morning|afternoon|evening|night))?"
_EARLY_LATE = r"(?:(?:early|late|earlier|later)(?: on)? )?"

# ------------------------------------------------------------------------- normalizing

_CLOCK = re.compile(
    r"(?:\b(?:at|around|about|approximately|shortly before|shortly after|just before"
    r"|just after|before|after|until) )*"
    r"\b\d{1,2}(?:[:.]\d{2})?(?: ?[ap]\.?m\b\.?| ?o'clock)"
    r"(?: \(?(?:local time|gmt|utc|[a-z]{2,4} time|\d{4} gmt|\d{4} utc)\)?)?"
)
_MILITARY_TIME = re.compile(r"\(?\b(?:at )?\d{4} ?(?:gmt|utc|hours|hrs)\b\)?")
_TIME_WORD = re.compile(
    r"(?:\b(?:at|around|about|shortly before|shortly after|before|after|until) )*"
    r"\b(?:noon|midnight|midday|dawn|dusk|daybreak|nightfall|sunrise|sunset|local time)\b"
)
_LEADING_WORDS = re.compile(
    r"^(?:on|in|at|during|over|of|around|about|circa|approximately|sometime in"
    r"|sometime on|some time in|as of)\s+"
)
_TWO_DIGIT_YEAR = re.compile(r"'(\d{2})\b")
_TRIM = " ,.;:()[]{}\"'"


def _full_year(two_digits: int) -> int:
    """'08 -> 2008, '97 -> 1997."""
    return 2000 + two_digits if two_digits < 50 else 1900 + two_digits


def _normalize(text: str) -> str:
    """Lower-case the expression and strip what does not change its date.

    Removes possessives ("Sunday's"), clock times ("at 10 a.m."), leading prepositions
    ("on", "in", "over") and surrounding punctuation. An expression that was only a clock
    time normalizes to the empty string.
    """
    s = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\u2013\u2014]", "-", s)
    s = _TWO_DIGIT_YEAR.sub(lambda m: str(_full_year(int(m.group(1)))), s)
    s = re.sub(r"'s\b|(?<=s)'(?=\s|$)", "", s)
    s = _CLOCK.sub(" ", s)
    s = _MILITARY_TIME.sub(" ", s)
    s = _TIME_WORD.sub(" ", s)
    s = re.sub(r"\s*-\s*", "-", s)
    s = re.sub(r"\s+,", ",", s)
    s = re.sub(r"\s+", " ", s).strip(_TRIM)
    previous = None
    while previous != s:
        previous = s
        s = _LEADING_WORDS.sub("", s).strip(_TRIM)
    return s


# ----------------------------------------------------------------------- date helpers


def _monday(day: datetime.date) -> datetime.date:
    """The Monday of the ISO week containing ``day``."""
    return day - datetime.timedelta(days=day.weekday())


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after (or before) the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _period_end(start: datetime.date, precision: str) -> datetime.date:
    """The last day of the period of ``precision`` beginning on ``start``."""
    if precision == "week":
        return start + datetime.timedelta(days=6)
    if precision == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if precision == "year":
        return start.replace(month=12, day=31)
    return start


def _smallest_period(start: datetime.date, end: datetime.date) -> _Resolved | None:
    """The smallest day/ISO week/month/year containing [start, end]; None beyond a year."""
    if start > end:
        return None
    if start == end:
        return start, "day"
    if _monday(start) == _monday(end):
        return _monday(start), "week"
    if (start.year, start.month) == (end.year, end.month):
        return start.replace(day=1), "month"
    if start.year == end.year:
        return datetime.date(start.year, 1, 1), "year"
    return None


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    """datetime.date(year, month, day), or None when there is no such day."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _infer_year(
    month: int, day: int, published: datetime.date, future: bool
) -> datetime.date | None:
    """The most recent month/day on or before publication (future: next on or after).

    Looks up to eight years away so that "Feb. 29" finds a leap year; None for impossible
    days such as "June 31".
    """
    step = 1 if future else -1
    for k in range(9):
        candidate = _safe_date(published.year + step * k, month, day)
        if candidate is None:
            continue
        if (candidate >= published) if future else (candidate <= published):
            return candidate
    return None


def _relative_year(word: str, published: datetime.date) -> int:
    """The year meant by 'last year' / 'this year' / 'next year'."""
    return published.year + {"last": -1, "this": 0, "next": 1}[word]


def _explicit_year(match: re.Match[str], published: datetime.date | None) -> int | None:
    """The year a date pattern names (4 digits or 'last year'), or None when it names none.

    Raises LookupError for 'last year' without a publication date.
    """
    if match.group("year"):
        return int(match.group("year"))
    if match.group("relyear"):
        if published is None:
            raise LookupError("relative year without publication date")
        return _relative_year(match.group("relyear"), published)
    return None


# -------------------------------------------------------------------------- resolvers
# Each resolver takes the normalized expression, the publication date (possibly None) and
# the future flag, and returns (date, precision) or None when it does not apply.

_RELDAY = re.compile(
    rf"^{_EARLY_LATE}(?P<word>today|tonight|yesterday|tomorrow|last night|last evening"
    rf"|this morning|this afternoon|this evening|the day before yesterday"
    rf"|the day after tomorrow){_PART_OF_DAY}$"
)
_RELDAY_OFFSETS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "last evening": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip


def _resolve_relative_day(
    s: str, published: datetime.date | None, future: bool
) -> _Resolved | None:
    """today, tonight, this morning, yesterday, last night, tomorrow, the day before yesterday."""
    match = _RELDAY.match(s)
    if match is None or published is None:
        return None
    offset = _RELDAY_OFFSETS[match.group("word")]
    return published + datetime.timedelta(days=offset), "day"


_AGO = re.compile(
    rf"^(?:(?:about|around|some|nearly|almost|roughly|more than|over|less than|just|only)"
    rf" )?(?P<n>\d+|{_NUM}) (?P<unit>minute|hour|day|week|month|year)s? ago$"
)


def _resolve_ago(s: str, published: datetime.date | None, future: bool) -> _Resolved | None:
    """'two days ago', 'three weeks ago', 'a month ago', 'a year ago'."""
    match = _AGO.match(s)
    if match is None or published is None:
        return None
    n_text = match.group("n")
    n = int(n_text) if n_text.isdigit() else _NUMBERS[n_text]
    unit = match.group("unit")
    if unit in ("minute", "hour"):
        return published, "day"
    if unit == "day":
        return published - datetime.timedelta(days=n), "day"
    if unit == "week":
        return _monday(published - datetime.timedelta(weeks=n)), "week"
    if unit == "month":
        return _add_months(published, -n), "month"
    return datetime.date(published.year - n, 1, 1), "year"


_PERIOD = re.compile(rf"^{_MOD}(?P<rel>last|this|next) (?P<unit>week|month|year)$")
_PERIOD_OFFSETS = {"last": -1, "this": 0, "next": 1}


def _resolve_period(s: str, published: datetime.date | None, future: bool) -> _Resolved | None:
    """last/this/next week|month|year, with 'early', 'earlier', 'late', 'the end of' ..."""
    match = _PERIOD.match(s)
    if match is None or published is None:
        return None
    offset = _PERIOD_OFFSETS[match.group("rel")]
    unit = match.group("unit")
    if unit == "week":
        return _monday(published) + datetime.timedelta(weeks=offset), "week"
    if unit == "month":
        return _add_months(published, offset), "month"
    return datetime.date(published.year + offset, 1, 1), "year"


_WEEKEND = re.compile(
    r"^(?:(?P<rel>last|next|this past|this coming|past|coming|this|the) )?weekend$"
)


def _resolve_weekend(s: str, published: datetime.date | None, future: bool) -> _Resolved | None:
    """'the weekend', 'over the weekend', 'last weekend': the Saturday, precision week."""
    match = _WEEKEND.match(s)
    if match is None or published is None:
        return None
    rel = match.group("rel")
    in_weekend = published.weekday() >= 5
    # The Saturday of the weekend containing publication, or the one before / after it.
    if in_weekend:
        this_saturday = published - datetime.timedelta(days=published.weekday() - 5)
        previous, upcoming = this_saturday, this_saturday
    else:
        previous = published - datetime.timedelta(days=published.weekday() + 2)
        upcoming = published + datetime.timedelta(days=5 - published.weekday())
    week = datetime.timedelta(weeks=1)
    if rel in ("last", "past", "this past"):
        return (previous - week if in_weekend else previous), "week"
    if rel in ("next", "coming", "this coming"):
        return (upcoming + week if in_weekend else upcoming), "week"
    return (upcoming if future else previous), "week"


_WEEKDAY = re.compile(
    rf"^(?:(?P<rel>last|next|this past|this coming|past|coming|this) )?{_EARLY_LATE}"
    rf"(?P<wd>{_WD}){_PART_OF_DAY}$"
)


def _weekday_date(
    weekday: int, published: datetime.date, rel: str | None, future: bool
) -> datetime.date:
    """Place a weekday relative to publication (see the module conventions)."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return published - datetime.timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return published + datetime.timedelta(days=ahead or 7)
    if future:
        return published + datetime.timedelta(days=ahead)
    return published - datetime.timedelta(days=back)


def _resolve_weekday(s: str, published: datetime.date | None, future: bool) -> _Resolved | None:
    """'Sunday', 'last Sunday', 'next Monday', 'Sunday night', 'early Monday'."""
    match = _WEEKDAY.match(s)
    if match is None or published is None:
        return None
    weekday = _WEEKDAYS[match.group("wd")]
    return _weekday_date(weekday, published, match.group("rel"), future), "day"


_ISO = re.compile(
    rf"^{_LEADING_WEEKDAY}(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?:t[\d:.+z-]*)?$"
)
_US = re.compile(rf"^{_LEADING_WEEKDAY}(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})$")


def _resolve_numeric(s: str, published: datetime.date | None, future: bool) -> _Resolved | None:
    """'2008-06-03' (ISO) and '06/03/2008', '6/3/08' (US month/day/year)."""
    match = _ISO.match(s) or _US.match(s)
    if match is None:
        return None
    year = int(match.group("y"))
    if len(match.group("y")) == 2:
        year = _full_year(year)
    day = _safe_date(year, int(match.group("m")), int(match.group("d")))
    return (day, "day") if day else None


_MONTH_DAY = re.compile(
    rf"^{_LEADING_WEEKDAY}(?:the )?{_MONTH},? (?:the )?(?:{_DAY})(?:,? {_YEAR})?$"
)
_DAY_MONTH = re.compile(rf"^{_LEADING_WEEKDAY}(?:the )?(?:{_DAY})(?: of)? {_MONTH}(?:,? {_YEAR})?$")


def _day_number(match: re.Match[str]) -> int:
    """The day of month a date pattern matched, in digits or as an ordinal word."""
    if match.group("day"):
        return int(match.group("day"))
    return _ORDINALS[match.group("dayword")]


def _dated(
    month: int, day: int, year: int | None, published: datetime.date | None, future: bool
) -> datetime.date | None:
    """A month/day with its year, inferred from publication when the text gives none."""
    if year is not None:
        return _safe_date(year, month, day)
    if published is None:
        return None
    return _infer_year(month, day, published, future)


def _resolve_month_day(s: str, published: datetime.date | None, future: bool) -> _Resolved | None:
    """'June 3', 'June 3rd, 2008', '3 June', 'the 3rd of June', 'Sunday, June 8'."""
    match = _MONTH_DAY.match(s) or _DAY_MONTH.match(s)
    if match is None:
        return None
    try:
        year = _explicit_year(match, published)
    except LookupError:
        return None
    day = _dated(_MONTHS[match.group("month")], _day_number(match), year, published, future)
    return (day, "day") if day else None


_MONTH_ONLY = re.compile(
    rf"^{_MOD}(?:(?P<rel>last|next|this past|this coming|past|coming|this) )?{_MONTH}"
    rf"(?:,? {_YEAR})?$"
)


def _month_year(month: int, published: datetime.date, rel: str | None, future: bool) -> int:
    """The year of a month named without a year (see the module conventions)."""
    current = published.month
    if rel in ("last", "past", "this past"):
        return published.year if month < current else published.year - 1
    if rel in ("next", "coming", "this coming"):
        return published.year if month > current else published.year + 1
    if rel == "this":
        return published.year
    if future:
        return published.year if month >= current else published.year + 1
    return published.year if month <= current else published.year - 1


def _resolve_month(s: str, published: datetime.date | None, future: bool) -> _Resolved | None:
    """'March', 'in March', 'last March', 'mid-March', 'March 2005', 'March last year'."""
    match = _MONTH_ONLY.match(s)
    if match is None:
        return None
    month = _MONTHS[match.group("month")]
    try:
        year = _explicit_year(match, published)
    except LookupError:
        return None
    if year is None:
        if published is None:
            return None
        year = _month_year(month, published, match.group("rel"), future)
    first = _safe_date(year, month, 1)
    return (first, "month") if first else None


_YEAR_ONLY = re.compile(rf"^{_MOD}(?:the year )?(?P<year>\d{{4}})$")
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def _resolve_year(s: str, published: datetime.date | None, future: bool) -> _Resolved | None:
    """'1999', 'in 1999', 'early 1999', 'the end of 1999' (1900-2100 only)."""
    match = _YEAR_ONLY.match(s)
    if match is None:
        return None
    year = int(match.group("year"))
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    return datetime.date(year, 1, 1), "year"


_SINGLE_RESOLVERS: tuple[Callable[[str, datetime.date | None, bool], _Resolved | None], ...] = (
    _resolve_relative_day,
    _resolve_ago,
    _resolve_period,
    _resolve_weekend,
    _resolve_weekday,
    _resolve_numeric,
    _resolve_month_day,
    _resolve_month,
    _resolve_year,
)


def _resolve_single(s: str, published: datetime.date | None, future: bool) -> _Resolved | None:
    """Resolve a normalized expression that is not a range, with the fast patterns."""
    for resolver in _SINGLE_RESOLVERS:
        resolved = resolver(s, published, future)
        if resolved is not None:
            return resolved
    return None


# ----------------------------------------------------------------------------- ranges

_RANGE_PREFIX = re.compile(r"^(?:from|between) ")
_MONTH_DAY_RANGE = re.compile(
    rf"^{_MONTH},? (?:{_DAY})(?:-| to | through | and | or ){_DAY2}(?:,? {_YEAR})?$"
)
_DAY_MONTH_RANGE = re.compile(
    rf"^(?:{_DAY})(?:-| to | through | and | or ){_DAY2}(?: of)? {_MONTH}(?:,? {_YEAR})?$"
)
_RANGE_SEPARATOR = re.compile(r"-| to | through | until | till | and | or |/")


def _union(a: _Resolved, b: _Resolved) -> _Resolved | None:
    """The smallest period containing two resolved periods, None beyond a year."""
    return _smallest_period(min(a[0], b[0]), max(_period_end(*a), _period_end(*b)))


def _resolve_day_range(s: str, published: datetime.date | None, future: bool) -> _Resolved | None:
    """'June 3-5', 'June 3 and 4, 2008', '3-5 June'."""
    match = _MONTH_DAY_RANGE.match(s) or _DAY_MONTH_RANGE.match(s)
    if match is None:
        return None
    month = _MONTHS[match.group("month")]
    try:
        year = _explicit_year(match, published)
    except LookupError:
        return None
    first = _dated(month, _day_number(match), year, published, future)
    if first is None:
        return None
    last = _safe_date(first.year, month, int(match.group("day2")))
    return _smallest_period(first, last) if last else None


def _resolve_range(s: str, published: datetime.date | None, future: bool) -> _Resolved | None:
    """Two expressions joined by '-', 'to', 'and', ... each resolving on its own."""
    s = _RANGE_PREFIX.sub("", s)
    resolved = _resolve_day_range(s, published, future)
    if resolved is not None:
        return resolved
    for separator in _RANGE_SEPARATOR.finditer(s):
        left = _resolve_single(s[: separator.start()].strip(_TRIM), published, future)
        if left is None:
            continue
        right = _resolve_single(s[separator.end() :].strip(_TRIM), published, future)
        if right is not None:
            return _union(left, right)
    return None


# ------------------------------------------------------------------- dateparser tail

_DATEPARSER_GATE = re.compile(rf"\b(?:{_MON})\b|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}")
_DATEPARSER_BLOCK = re.compile(
    r"\b(?:ago|last|next|this|past|coming|previous|following|since|for|until|within|year-old"
    r"|old|decades?|century|centuries|quarter|season|summer|winter|spring|autumn|fall"
    r"|fiscal|weeks?|months|years|days)\b"
)
_HAS_DAY_NUMBER = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\b|\b(?:{_ORD})\b")
_DATEPARSER_BASE_YEAR = 2000  # a leap year, so that "Feb. 29" parses without a year


@lru_cache(maxsize=1)
def _date_parser() -> Any:
    """The dateparser parser, created on first use (dateparser is slow to import).

    It parses absolute dates only, against a fixed base year; years missing from the text are
    inferred by this module, so one parser serves every publication date.
    """
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "PARSERS": ["custom-formats", "absolute-time"],
            "RELATIVE_BASE": datetime.datetime(_DATEPARSER_BASE_YEAR, 1, 1),
            "PREFER_DATES_FROM": "current_period",
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["month"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


def _resolve_with_dateparser(
    s: str, published: datetime.date | None, future: bool
) -> _Resolved | None:
    """Explicit dates the fast patterns do not know ('June the 3rd', '2008/06/03')."""
    if not _DATEPARSER_GATE.search(s) or _DATEPARSER_BLOCK.search(s):
        return None
    try:
        data = _date_parser().get_date_data(s)
    except Exception:  # noqa: BLE001 - the long tail must never stop the coder
        return None
    parsed, period = data.date_obj, data.period
    if parsed is None or period not in ("day", "month"):
        return None
    if period == "day" and not _HAS_DAY_NUMBER.search(s):
        return None
    year_given = parsed.year != _DATEPARSER_BASE_YEAR or str(_DATEPARSER_BASE_YEAR) in s
    if period == "month":
        if not year_given:
            if published is None:
                return None
            year = _month_year(parsed.month, published, None, future)
            return datetime.date(year, parsed.month, 1), "month"
        return datetime.date(parsed.year, parsed.month, 1), "month"
    day = _dated(parsed.month, parsed.day, parsed.year if year_given else None, published, future)
    return (day, "day") if day else None


# -------------------------------------------------------------------------------- API


def _as_date(published: datetime.date | None) -> datetime.date | None:
    """Accept a datetime for the publication date, keeping its calendar day."""
    if isinstance(published, datetime.datetime):
        return published.date()
    return published


def resolve_expression(
    text: str, published: datetime.date | None, *, future: bool = False
) -> EventDate | None:
    """Resolve one temporal expression against the publication date.

    ``text`` is an expression as found in a sentence (a spaCy DATE entity, the words after
    "on"); ``future`` says the event is stated as future ("will visit on Monday"), which moves
    weekdays, months and dates without a year forward instead of back. Returns None when the
    expression is not a resolvable date (a duration, a clock time alone, a vague word). With
    ``published`` None only absolute expressions ("June 3, 2008", "March 2005", "1999")
    resolve.
    """
    published = _as_date(published)
    s = _normalize(text)
    if not s:
        return None
    try:
        resolved = (
            _resolve_single(s, published, future)
            or _resolve_range(s, published, future)
            or _resolve_with_dateparser(s, published, future)
        )
    except (OverflowError, ValueError):  # beyond datetime's years 1-9999: not resolvable
        return None
    if resolved is None:
        return None
    day, precision = resolved
    return EventDate(day, precision, text.strip())


def event_date(
    expressions: Sequence[str], published: datetime.date | None, *, future: bool = False
) -> EventDate | None:
    """The event date from the temporal expressions attached to an event's clause.

    The first expression that resolves wins. Otherwise the publication date, precision
    "day", text None; None when nothing resolves and there is no publication date.
    """
    published = _as_date(published)
    for expression in expressions:
        resolved = resolve_expression(expression, published, future=future)
        if resolved is not None:
            return resolved
    if published is None:
        return None
    return EventDate(published, "day", None)


# ------------------------------------------------------------------- spaCy clauses

_TEMPORAL_LABELS = ("DATE", "TIME")
# Dependents that open a clause with its own verb: their dates belong to that clause.
_CLAUSE_DEPS = frozenset(
    {"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis"}
)
_TMOD_DEPS = frozenset({"npadvmod", "tmod", "obl:tmod"})
_TEMPORAL_WORD = re.compile(
    rf"\b(?:{_WD}|{_MON}|today|tonight|yesterday|tomorrow|week|weekend|month|year|night"
    rf"|morning|afternoon|evening|ago)\b",
    re.IGNORECASE,
)


def _opens_clause(token: Any) -> bool:
    """Whether ``token`` heads a clause of its own below its parent.

    Clausal dependents (ccomp, xcomp, advcl, relcl, acl, ...) and verbal complements of a
    preposition ("accused Israel of bombing ...", "after meeting ...") do; coordinated verbs
    (conj) do not, so that "attacked and seized ... on Sunday" dates both verbs.
    """
    if token.dep_ in _CLAUSE_DEPS:
        return True
    return token.dep_ == "pcomp" and token.pos_ in ("VERB", "AUX")


def _clause_token_ids(head: Any) -> set[int]:
    """Indices of the tokens in ``head``'s clause: its subtree minus embedded clauses."""
    ids: set[int] = set()
    stack = [head]
    while stack:
        token = stack.pop()
        ids.add(token.i)
        stack.extend(child for child in token.children if not _opens_clause(child))
    return ids


def date_expressions(span: Any, head: Any = None) -> list[str]:
    """The temporal expressions of a sentence, or of one verb's clause, in sentence order.

    ``span`` is a spaCy Span or Doc (a sentence). Without ``head``: every DATE and TIME
    entity of the span (TIME included because "last night" and "Sunday night" are TIME
    entities; clock times resolve to None later). With ``head`` (a verb token): the DATE/TIME
    entities inside the head's subtree but outside the clauses embedded in it (ccomp, xcomp,
    advcl, relcl, acl, csubj, parataxis, and verbal pcomp as in "of bombing ..."), plus
    temporal words attached directly to the head as
    npadvmod/tmod that the entity recognizer missed. A verb coordinated with another
    (dep "conj") that has no expression of its own shares those of the verb it is
    coordinated with ("attacked on Sunday and killed ...").
    """
    entities = [part for ent in span.ents if ent.label_ in _TEMPORAL_LABELS for part in _split_entity(ent)]
    if head is None:
        return [ent.text for ent in entities]
    clause = _clause_token_ids(head)
    found: list[tuple[int, str]] = []
    covered: set[int] = set()
    for ent in entities:
        if ent.root.i in clause:
            found.append((ent.start, ent.text))
            covered.update(range(ent.start, ent.end))
    for child in head.children:
        if child.dep_ in _TMOD_DEPS and child.i not in covered:
            words = child.doc[child.left_edge.i : child.right_edge.i + 1]
            if _TEMPORAL_WORD.search(words.text):
                found.append((words.start, words.text))
    found.sort()
    if not found and head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
        return date_expressions(span, head.head)
    if not found:
        # a date the parser hung on a gerund below the clause ("signed an agreement on sharing
        # the waters of the Nile on Tuesday"): its time is the clause's
        gerunds = [t for t in head.subtree if t.dep_ == "pcomp" and t.tag_ == "VBG" and _nearest_clause(t) == head.i]
        for gerund in gerunds:
            inner = _clause_token_ids(gerund)
            found += [(ent.start, ent.text) for ent in entities if ent.root.i in inner]
        found.sort()
    return [text for _, text in found]


def _split_entity(ent: Any) -> list[Any]:
    """A temporal entity cut where the recognizer ran on into a verb clause ("Tuesday, ending
    months" → "Tuesday"); "June 3, 2008" stays whole."""
    for tok in ent:
        if tok.is_punct and tok.i + 1 < ent.end and tok.nbor().tag_.startswith("VB"):
            head = ent.doc[ent.start:tok.i]
            return [head] if len(head) else []
    return [ent]


def _nearest_clause(token: Any) -> int:
    """Index of the head of the clause a gerund hangs in (its first clausal ancestor)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX") and (ancestor.dep_ in _CLAUSE_DEPS or ancestor.dep_ in ("ROOT", "conj")):
            return ancestor.i
    return -1
