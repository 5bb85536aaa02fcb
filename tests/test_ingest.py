"""Tests for dyad.ingest: reading inputs and cleaning article text.

Every article here is invented for the tests.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

try:
    import dyad  # noqa: F401
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dyad.ingest import CleanText, clean_article_text, read_inputs
from dyad.records import Article, Rejection

DAY = date(2021, 5, 17)

WIRE = """Harbour states agree to joint patrols

By Xinhua,

Valletta : Malta and Tunisia agreed on Monday to run joint coast guard patrols, officials said.

Support The Harbour Post

The two interior ministers signed the agreement after a meeting in the Maltese capital.

"We share one sea and one responsibility," the Tunisian minister told reporters.

SUPPORT THE HARBOUR POST HELP SUPPORT INDEPENDENT AND NON-PROFIT MEDIA. DONATE HERE
"""


def read(*inputs: str | Path, **kwargs) -> list[Article | Rejection]:
    return list(read_inputs([str(i) for i in inputs], **kwargs))


def only_article(records: list[Article | Rejection]) -> Article:
    assert len(records) == 1, records
    assert isinstance(records[0], Article), records[0]
    return records[0]


def shape(records: list[Article | Rejection]) -> list[tuple[str, str | int | None]]:
    """(kind, id or line) per record, for asserting order."""
    return [
        ("A", r.id) if isinstance(r, Article) else ("R", r.line) for r in records
    ]


def jsonl_line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


# --------------------------------------------------------------------------------------
# clean_article_text: layout
# --------------------------------------------------------------------------------------
def test_wire_article_is_split_into_headline_dateline_body():
    clean = clean_article_text(WIRE)
    assert isinstance(clean, CleanText)
    assert clean.title == "Harbour states agree to joint patrols"
    assert clean.dateline == "Valletta"
    assert clean.byline_source == "Xinhua"
    assert clean.body.startswith("Malta and Tunisia agreed on Monday")
    assert clean.body.endswith('the Tunisian minister told reporters.')
    assert clean.body.count("\n\n") == 2
    assert clean.removed == [
        "By Xinhua,",
        "Support The Harbour Post",
        "SUPPORT THE HARBOUR POST HELP SUPPORT INDEPENDENT AND NON-PROFIT MEDIA. DONATE HERE",
    ]
    assert "DONATE" not in clean.body and "By Xinhua" not in clean.body


def test_newlines_are_normalised_and_blank_runs_collapsed():
    raw = "First line.   \r\nSecond line.\t\r\rThird line.\n\n\n\n\n  Fourth line.  \n"
    clean = clean_article_text(raw, detect_headline=False)
    assert clean.body == "First line.\n\nSecond line.\n\nThird line.\n\nFourth line."


def test_hard_wrapped_lines_are_joined_only_when_they_continue():
    raw = (
        "The ministers said the border talks\n"
        "would resume next week in Tunis.\n"
        "Officials gave no date\n"
        "For the next round.\n"
        "The talks ended early.\n"
        "most delegates left the same day."
    )
    clean = clean_article_text(raw, detect_headline=False)
    assert clean.body.split("\n\n") == [
        "The ministers said the border talks would resume next week in Tunis.",
        "Officials gave no date",
        "For the next round.",
        "The talks ended early.",
        "most delegates left the same day.",
    ]


def test_blank_line_stops_continuation():
    clean = clean_article_text("The minister said\n\nthe talks failed.", detect_headline=False)
    assert clean.body == "The minister said\n\nthe talks failed."


# --------------------------------------------------------------------------------------
# Headlines
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "headline",
    [
        "Malta, Tunisia agree to joint patrols",
        'Minister vows "firm response" to border raid',
        "Talks collapse: what comes next",
    ],
)
def test_headline_is_taken_from_the_first_line(headline):
    clean = clean_article_text(f"{headline}\n\nThe talks collapsed on Monday.\n")
    assert clean.title == headline
    assert clean.body == "The talks collapsed on Monday."


@pytest.mark.parametrize(
    "first",
    [
        "The talks collapsed on Monday.",
        "Did the talks collapse?",
        'The minister said: "We will not retreat."',
        "No deal!",
        " ".join(["word"] * 21),
    ],
)
def test_not_a_headline(first):
    clean = clean_article_text(f"{first}\n\nDelegates left Tunis on Tuesday.")
    assert clean.title is None
    assert clean.body.startswith(first)


def test_single_paragraph_is_body_not_headline():
    clean = clean_article_text("Ministers meet in Tunis")
    assert clean.title is None
    assert clean.body == "Ministers meet in Tunis"


def test_two_line_paragraph_is_not_a_headline():
    clean = clean_article_text("Ministers meet in Tunis to\ndiscuss patrols\n\nThey met.")
    assert clean.title is None
    assert clean.body.startswith("Ministers meet in Tunis to discuss patrols")


def test_headline_detection_can_be_switched_off():
    clean = clean_article_text("Ministers meet in Tunis\n\nThey met.", detect_headline=False)
    assert clean.title is None
    assert clean.body == "Ministers meet in Tunis\n\nThey met."


def test_known_title_repeated_as_first_paragraph_is_dropped():
    clean = clean_article_text(
        "Ministers  meet in Tunis\n\nThey met.", detect_headline=False, known_title="Ministers meet in Tunis"
    )
    assert clean.body == "They met."


def test_headline_after_leading_boilerplate():
    clean = clean_article_text("Advertisement\nMinisters meet in Tunis\n\nThey met on Monday.")
    assert clean.title == "Ministers meet in Tunis"
    assert clean.body == "They met on Monday."


# --------------------------------------------------------------------------------------
# Bylines
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("byline", "agency"),
    [
        ("By Xinhua,", "Xinhua"),
        ("By Reuters", "Reuters"),
        ("By Maria Lopez", None),
        ("By Maria Lopez and Tom Okafor, Reuters", "Reuters"),
        ("BY ANNA KOVAC, Associated Press Writer", "AP"),
        ("By Xinhua writer Zhou Lin", "Xinhua"),
        ("By Omar bin Said and Claire de la Cruz", None),
        ("By AFP", "AFP"),
        ("By IRNA", "IRNA"),
        ("From our correspondent", None),
        ("From our correspondent in Nairobi", None),
        ("By Our Staff Reporter", None),
    ],
)
def test_bylines_are_removed(byline, agency):
    clean = clean_article_text(f"Ports reopen after storm\n\n{byline}\n\nThe ports reopened on Friday.")
    assert clean.removed == [byline]
    assert clean.byline_source == agency
    assert clean.title == "Ports reopen after storm"
    assert clean.body == "The ports reopened on Friday."


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, the two sides had agreed to a truce.",
        "By the numbers: Malta's fishing fleet",
        "By comparison, exports rose 4%.",
        "By Friday the convoy had reached the border",
    ],
)
def test_sentences_starting_with_by_are_kept(line):
    clean = clean_article_text(f"The ports reopened on Friday.\n\n{line}", detect_headline=False)
    assert clean.removed == []
    assert line in clean.body


# --------------------------------------------------------------------------------------
# Boilerplate
# --------------------------------------------------------------------------------------
BOILERPLATE = [
    "Support The Harbour Post",
    "SUPPORT THE HARBOUR POST HELP SUPPORT INDEPENDENT AND NON-PROFIT MEDIA. DONATE HERE",
    "Donate now",
    "Donate now!",
    "Become a member",
    "Subscribe to our newsletter",
    "Subscribe now and get unlimited access",
    "Sign up for our morning briefing",
    "Sign up to receive breaking news alerts",
    "Follow us on Twitter",
    "Follow us on Facebook and Instagram",
    "Follow The Harbour Post on Twitter",
    "Share this article",
    "Share on Facebook",
    "Share",
    "Click here to read the full report",
    "Read more: Tunisia weighs new coast guard budget",
    "Read more",
    "Related: Storm closes ports along the coast",
    "Related stories",
    "Tags: Malta, Tunisia, migration",
    "Advertisement",
    "ADVERTISEMENT",
    "© 2008 Lakeside Courier. All rights reserved.",
    "Copyright 2011 Harbour Media Group",
    "Copyright © 2019 Harbour Media Group. All rights reserved",
    "Photo: A coast guard vessel leaves Valletta harbour (Harbour Post)",
    "Photo credit: Harbour Post",
    "(Reporting by Dana Reyes; Editing by Tom Hale)",
    "Reporting by Dana Reyes in Tunis; Editing by Tom Hale",
    "(Additional reporting by Sam Idowu)",
    "Email this",
    "Email this article",
    "Print this page",
    "Print this",
    "Join us today",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_lines_are_removed(line):
    raw = f"Ports reopen after storm\n\nThe ports reopened on Friday.\n\n{line}\n\nShips queued outside."
    clean = clean_article_text(raw)
    assert clean.removed == [line]
    assert clean.body == "The ports reopened on Friday.\n\nShips queued outside."


NEWS_NEAR_MISSES = [
    "Iran will support Iraqi forces.",
    "Shares fell 3%.",
    "Share prices tumbled across Asia",
    "Support grows for the ceasefire plan",
    "Support for the plan grew on Tuesday.",
    "Follow-up talks are set for Monday.",
    "The rebels said they would follow the army's lead.",
    '"Follow us," the commander told the troops.',
    "Countries that subscribe to the treaty met in Geneva.",
    "The group said in its weekly newsletter that the vote would go ahead.",
    "Copyright laws were tightened last year, the ministry said.",
    "Related talks in Doha ended without agreement.",
    "Reporting by state media suggested the talks had failed.",
    "Help arrived on Tuesday",
    "Gulf states pledged to donate $20 million to the relief fund.",
    "The ministry urged citizens to click on its website for updates.",
    "Photographs showed damaged buildings in the old town.",
    "Print media were barred from the session.",
    "Tags on the crates showed they came from Libya.",
    "Advertisements for the rally appeared across the city.",
    "Email records show the minister was warned.",
    "Both leaders shared a stage in Tunis.",
]


@pytest.mark.parametrize("line", NEWS_NEAR_MISSES)
def test_news_sentences_resembling_boilerplate_are_kept(line):
    raw = f"The ports reopened on Friday.\n\n{line}\n\nShips queued outside."
    clean = clean_article_text(raw, detect_headline=False)
    assert clean.removed == []
    assert line in clean.body.split("\n\n")


def test_boilerplate_sentences_are_cut_from_a_news_line():
    line = (
        "TUNIS (Harbour Wire) -- Officials met on Monday to discuss coast guard patrols. "
        "Free! Sign up here to receive our Weekly Roundup e-Newsletter!"
    )
    clean = clean_article_text(line, detect_headline=False)
    assert clean.body == "Officials met on Monday to discuss coast guard patrols."
    assert clean.dateline == "Tunis"
    assert clean.removed == ["Free! Sign up here to receive our Weekly Roundup e-Newsletter!"]


def test_web_page_date_note_is_removed():
    clean = clean_article_text("This story is from March 10, 2002\n\nOfficials met.", detect_headline=False)
    assert clean.removed == ["This story is from March 10, 2002"]
    assert clean.body == "Officials met."


def test_long_line_mentioning_copyright_is_kept():
    line = "All rights reserved, the court said, " + "and the appeal continues " * 12 + "today."
    clean = clean_article_text(f"The ports reopened.\n\n{line}", detect_headline=False)
    assert line in clean.body


# --------------------------------------------------------------------------------------
# Datelines
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        ("Tehran : ", "Tehran", None),
        ("BAGHDAD (Reuters) - ", "Baghdad", "Reuters"),
        ("WASHINGTON, June 9 (Xinhua) -- ", "Washington", "Xinhua"),
        ("UNITED NATIONS, Oct 3 (AP) — ", "United Nations", "AP"),
        ("GAZA CITY, Gaza Strip (AP) — ", "Gaza City", "AP"),
        ("LONDON — ", "London", None),
        ("LONDON—", "London", None),
        ("Kabul, Afghanistan — ", "Kabul", None),
        ("MOSCOW, March 3 - ", "Moscow", None),
        ("PARIS (AFP) - ", "Paris", "AFP"),
        ("NEW YORK (Reuters) - ", "New York", "Reuters"),
        ("RIO DE JANEIRO, Brazil (AP) — ", "Rio de Janeiro", "AP"),
        ("SHARM EL-SHEIKH, Egypt (Reuters) - ", "Sharm el-Sheikh", "Reuters"),
        ("BEIJING, Oct. 12 (Xinhua) -- ", "Beijing", "Xinhua"),
        ("ANKARA, 4 May (Anadolu) - ", "Ankara", "Anadolu"),
        ("New Delhi, June 9: ", "New Delhi", None),
        ("SPRINGFIELD, Ill. (AP) — ", "Springfield", "AP"),
        ("CAIRO (The Associated Press) — ", "Cairo", "AP"),
        ("TUNIS (Harbour Wire) - ", "Tunis", "Harbour Wire"),
    ],
)
def test_datelines(opening, place, agency):
    clean = clean_article_text(opening + "Officials met on Monday.\n\nThey agreed.", detect_headline=False)
    assert clean.dateline == place
    assert clean.dateline_source == agency
    assert clean.body == "Officials met on Monday.\n\nThey agreed."


@pytest.mark.parametrize(
    ("opening", "place", "agency", "byline"),
    [
        ("By Nora Quint LIMA, Peru (Reuters) - ", "Lima", "Reuters", "By Nora Quint"),
        ("By NORA QUINT WASHINGTON (AP) -- ", "Washington", "AP", "By NORA QUINT"),
        ("By JOHN Q. DOE BRUSSELS, Belgium (AP) -- ", "Brussels", "AP", "By JOHN Q. DOE"),
    ],
)
def test_dateline_after_inline_byline(opening, place, agency, byline):
    clean = clean_article_text(opening + "Officials met on Monday.", detect_headline=False)
    assert (clean.dateline, clean.dateline_source) == (place, agency)
    assert clean.removed == [byline]
    assert clean.body == "Officials met on Monday."


@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        ("AFP - ", None, "AFP"),
        ("Reuters - ", None, "Reuters"),
        ("HONG KONG (Harbour Wire)--", "Hong Kong", "Harbour Wire"),
        ("NEW YORK/SAN FRANCISCO (Reuters) - ", "New York", "Reuters"),
        ("TEHRAN: ", "Tehran", None),
    ],
)
def test_more_dateline_forms(opening, place, agency):
    clean = clean_article_text(opening + "Officials met on Monday.", detect_headline=False)
    assert (clean.dateline, clean.dateline_source) == (place, agency)
    assert clean.body == "Officials met on Monday."


def test_lower_case_dateline_in_lower_cased_text():
    clean = clean_article_text("new delhi: the cabinet met on monday.", detect_headline=False)
    assert clean.dateline == "New Delhi"
    assert clean.body == "the cabinet met on monday."
    # in ordinary text a lower-case "word:" start is not a dateline
    clean = clean_article_text("the minister: we will not retreat.", detect_headline=False)
    assert clean.dateline is None


def test_agency_only_dateline():
    clean = clean_article_text("(Reuters) - Officials met on Monday.", detect_headline=False)
    assert clean.dateline is None
    assert clean.dateline_source == "Reuters"
    assert clean.body == "Officials met on Monday."


def test_dateline_alone_on_its_line():
    clean = clean_article_text("Ports reopen\n\nBAGHDAD (Reuters) -\nOfficials met on Monday.\n\nThey agreed.")
    assert clean.title == "Ports reopen"
    assert clean.dateline == "Baghdad"
    assert clean.body == "Officials met on Monday.\n\nThey agreed."


def test_dateline_only_at_start_of_first_body_paragraph():
    clean = clean_article_text("Officials met on Monday.\n\nLONDON — Talks went on.", detect_headline=False)
    assert clean.dateline is None
    assert clean.body == "Officials met on Monday.\n\nLONDON — Talks went on."


@pytest.mark.parametrize(
    "opening",
    [
        "Iran and Iraq vowed Sunday to expand their defence cooperation.",
        "In Tehran, officials said the talks would resume.",
        "U.S. officials said -- without giving details -- that talks would resume.",
        "President Ruiz — who arrived on Monday — met the delegation.",
        "Malta and Tunisia - long-time partners - signed a deal.",
        "Note: this story has been corrected.",
        "Tunis: a city on edge, the minister said.",
        "BAGHDAD, officials said -- and the army confirmed -- was calm.",
        "UPDATE - Officials met again on Monday.",
        "On Monday - a holiday - officials met.",
        "(Updated) - Officials met on Monday.",
        "Officials in LONDON — and Paris — met.",
        "Nadia Vos, Malta's World Cup- winning captain, will miss the final.",
        "BASEBALL Atlanta (NL): Recalled pitcher Sam Reed from the minors.",
        "SL: Harbour Tech said it would ship the new drive in May.",
        "By Tuesday LONDON (AP) -- was quiet.",
        "By the way - officials met.",
    ],
)
def test_ordinary_sentence_starts_are_not_datelines(opening):
    clean = clean_article_text(opening, detect_headline=False)
    assert clean.dateline is None
    assert clean.dateline_source is None
    assert clean.body == opening


# --------------------------------------------------------------------------------------
# Property
# --------------------------------------------------------------------------------------
LINE_BREAK = re.compile(r"\r\n?|[\n\x0b\x0c\x85\u2028\u2029]")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cleaning_never_raises_and_never_grows_the_text(raw):
    clean = clean_article_text(raw)
    assert isinstance(clean.body, str)
    # Cleaning only removes text: no more visible characters than the input had ...
    visible = lambda s: len("".join(s.split()))  # noqa: E731
    assert visible(clean.body) <= visible(raw)
    # ... and the body is never longer than the input, allowing each line break to become
    # the paragraph separator "\n\n".
    assert len(clean.body) <= len(raw) + len(LINE_BREAK.findall(raw))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["\n", "\n\n", " ", "By ", "Reuters", "LONDON", " — ", "(AP)",
                                 "Support", "Share", "x.", "Tehran", " : ", "DONATE", "a", "B",
                                 ",", "June 9", "Copyright 2001", "\r"]), max_size=30))
def test_cleaning_wire_like_fragments(parts):
    raw = "".join(parts)
    clean = clean_article_text(raw)
    assert len(clean.body) <= len(raw) + len(LINE_BREAK.findall(raw))


# --------------------------------------------------------------------------------------
# read_inputs: .txt
# --------------------------------------------------------------------------------------
def test_txt_article(tmp_path):
    path = tmp_path / "malta_patrols.txt"
    path.write_text(WIRE, encoding="utf-8")
    article = only_article(read(path, default_date=DAY))
    assert article.id == "malta_patrols"
    assert article.title == "Harbour states agree to joint patrols"
    assert article.published == DAY
    assert article.source == "Xinhua"
    assert article.dateline == "Valletta"
    assert article.origin == str(path)
    assert article.url is None
    assert article.meta == {}
    assert article.text.startswith("Malta and Tunisia agreed")


def test_txt_without_default_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Officials met on Monday.", encoding="utf-8")
    assert only_article(read(path)).published is None


def test_txt_dateline_gives_source(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("Ports reopen\n\nTUNIS (AFP) - The ports reopened on Friday.", encoding="utf-8")
    article = only_article(read(path))
    assert (article.title, article.dateline, article.source) == ("Ports reopen", "Tunis", "AFP")
    assert article.text == "The ports reopened on Friday."


def test_txt_with_byte_order_mark(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTUNIS (AFP) - The ports reopened.".encode("utf-8"))
    article = only_article(read(path))
    assert article.dateline == "Tunis"


def test_txt_invalid_utf8_names_line_and_column(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(b"Ports reopen\n\nThe minister\x92s convoy left.\n")
    records = read(path)
    assert records == [
        Rejection(
            str(path),
            3,
            "not valid UTF-8: byte 0x92 at column 13; pass --encoding if the file is not UTF-8",
        )
    ]


def test_txt_other_encoding(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(b"Ports reopen\n\nThe minister\x92s convoy left.\n")
    article = only_article(read(path, encoding="cp1252"))
    assert article.text == "The minister’s convoy left."


def test_empty_txt_article(tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n \t\n", encoding="utf-8")
    boiler = tmp_path / "boiler.txt"
    boiler.write_text("Advertisement\n\nShare this article\n\nBy Reuters\n", encoding="utf-8")
    assert read(blank, boiler) == [
        Rejection(str(blank), None, "empty article"),
        Rejection(str(boiler), None, "empty article"),
    ]


def test_five_megabyte_article(tmp_path):
    paragraph = (
        "BAGHDAD (Reuters) - The council met on Monday and agreed to extend the mandate, "
        "officials said, while donors pledged support for the reconstruction fund.\n\n"
    )
    path = tmp_path / "big.txt"
    path.write_text("Council extends mandate\n\n" + paragraph * (5_000_000 // len(paragraph)), encoding="utf-8")
    article = only_article(read(path))
    assert article.dateline == "Baghdad"
    assert len(article.text) > 4_500_000


def test_five_megabyte_single_line_article():
    raw = "word " * 1_000_000 + "\nand (Reuters) - " + "x" * 100_000 + "\n" + ("(" * 50_000)
    clean = clean_article_text(raw)
    assert len(clean.body) <= len(raw)


# --------------------------------------------------------------------------------------
# read_inputs: .html
# --------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html><head>
<title>Malta and Tunisia agree joint patrols | Harbour Post</title>
<meta property="og:site_name" content="Harbour Post">
<meta property="og:title" content="Malta and Tunisia agree joint patrols">
<meta property="article:published_time" content="2019-03-04T08:00:00+01:00">
<link rel="canonical" href="https://harbour.example/news/joint-patrols">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Malta and Tunisia agree joint patrols</h1>
<p>VALLETTA (Reuters) - Malta and Tunisia agreed on Monday to run joint coast guard patrols
in the central Mediterranean, officials from both governments said after a meeting.</p>
<p>The two interior ministers signed the agreement in the Maltese capital and said the first
patrol boats would leave port before the summer season begins.</p>
<p>Share this article</p>
</article>
<section class="comments"><p>Great piece, keep it up!</p></section>
<footer><p>© 2019 Harbour Post. All rights reserved.</p></footer>
</body></html>
"""


def test_html_article(tmp_path, capfd):
    path = tmp_path / "patrols.html"
    path.write_text(PAGE, encoding="utf-8")
    article = only_article(read(path, default_date=DAY))
    assert article.id == "patrols"
    assert article.title == "Malta and Tunisia agree joint patrols"
    assert article.published == date(2019, 3, 4)
    assert article.source == "Harbour Post"
    assert article.url == "https://harbour.example/news/joint-patrols"
    assert article.dateline == "Valletta"
    assert article.origin == str(path)
    assert article.text.startswith("Malta and Tunisia agreed on Monday")
    assert "patrol boats" in article.text
    for junk in ("Share this", "Great piece", "All rights", "Home", "Malta and Tunisia agree joint"):
        assert junk not in article.text
    assert capfd.readouterr().out == ""


def test_html_without_date_uses_default(tmp_path, capfd):
    path = tmp_path / "nodate.htm"
    path.write_text(
        "<html><body><article><p>Malta and Tunisia agreed to run joint coast guard patrols in the "
        "central Mediterranean, officials from both governments said after a long meeting.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    article = only_article(read(path, default_date=DAY))
    assert article.id == "nodate"
    assert article.published == DAY
    assert article.text.startswith("Malta and Tunisia agreed")
    assert capfd.readouterr().out == ""


def test_html_without_text_is_empty_article(tmp_path, capfd):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>", encoding="utf-8")
    assert read(path) == [Rejection(str(path), None, "empty article")]
    garbage = tmp_path / "garbage.html"
    garbage.write_bytes(b"\x00\x01<<<>>>")
    assert read(garbage) == [Rejection(str(garbage), None, "empty article")]
    assert capfd.readouterr().out == ""


def test_html_invalid_bytes(tmp_path):
    path = tmp_path / "bad.html"
    path.write_bytes(b"<html>\n<body>\n<p>Caf\xe9 owners protested.</p>\n</body></html>")
    assert read(path) == [
        Rejection(
            str(path),
            3,
            "not valid UTF-8: byte 0xe9 at column 7; pass --encoding if the file is not UTF-8",
        )
    ]


# --------------------------------------------------------------------------------------
# read_inputs: .jsonl and .jsonl.gz
# --------------------------------------------------------------------------------------
def test_jsonl_fields_and_meta(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        jsonl_line(
            id="a1",
            text="TUNIS (AFP) - Officials met on Monday.",
            date="2020-02-03",
            title="Officials meet",
            source="Harbour Post",
            url="https://harbour.example/a1",
            lang="en",
            tags=["politics"],
        ),
        jsonl_line(text="By Reuters\n\nOfficials met again.", date="2020-02-04T23:30:00-05:00"),
        jsonl_line(id=7, text="Third story.", date=None),
        jsonl_line(id=None, text="Fourth story.", date=""),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = read(path, default_date=DAY)
    assert shape(records) == [("A", "a1"), ("A", "2"), ("A", "7"), ("A", "4")]
    first, second, third, fourth = records
    assert first.published == date(2020, 2, 3)
    assert first.title == "Officials meet"
    assert first.source == "Harbour Post"  # the record's source wins over the dateline's
    assert first.url == "https://harbour.example/a1"
    assert first.dateline == "Tunis"
    assert first.text == "Officials met on Monday."
    assert first.meta == {"lang": "en", "tags": ["politics"]}
    assert first.origin == f"{path}:1"
    assert second.published == date(2020, 2, 4)  # a date-time keeps its date part
    assert second.source == "Reuters"
    assert second.title is None
    assert second.text == "Officials met again."
    assert second.meta == {}
    assert third.published == DAY and fourth.published == DAY
    assert fourth.origin == f"{path}:4"


def test_jsonl_first_line_of_text_is_not_a_headline(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl_line(text="Officials meet\n\nThey met on Monday.") + "\n", encoding="utf-8")
    article = only_article(read(path))
    assert article.title is None
    assert article.text == "Officials meet\n\nThey met on Monday."


def test_jsonl_title_repeated_in_text_is_dropped(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl_line(title="Officials meet", text="Officials meet\nThey met.") + "\n", encoding="utf-8")
    article = only_article(read(path))
    assert article.title == "Officials meet"
    assert article.text == "They met."


def test_jsonl_bad_lines_are_rejected_and_reading_goes_on(tmp_path):
    path = tmp_path / "mixed.jsonl"
    rows = [
        jsonl_line(id="good1", text="Officials met."),  # 1
        '{"id": "b", "text": "Talks resumed." "date": "2020-01-02"}',  # 2
        "",  # 3: blank, skipped
        "[1, 2, 3]",  # 4
        jsonl_line(id="good2", text="Ships sailed."),  # 5
        jsonl_line(id="c", title="No text here"),  # 6
        jsonl_line(id="d", text=""),  # 7
        jsonl_line(id="e", text="   \n "),  # 8
        jsonl_line(id="f", text=42),  # 9
        jsonl_line(id="g", text=None),  # 10
        jsonl_line(id="h", text="Talks went on.", date="last Tuesday"),  # 11
        jsonl_line(id="i", text="Talks went on.", date=20200102),  # 12
        "   ",  # 13: blank, skipped
        '"just a string"',  # 14
        jsonl_line(id="j", text="Advertisement\n\nShare this article"),  # 15
        jsonl_line(id="good3", text="Ports reopened."),  # 16
    ]
    data = ("\n".join(rows) + "\n").encode("utf-8")
    data += b'{"id": "k", "text": "The minister\x92s convoy"}\n'  # 17
    data += (jsonl_line(id="good4", text="Convoys resumed.") + "\r\n").encode("utf-8")  # 18
    path.write_bytes(data)
    records = read(path)
    p = str(path)
    assert records == [
        records[0],
        Rejection(p, 2, "invalid JSON: Expecting ',' delimiter at column 38"),
        Rejection(p, 4, "not a JSON object (got array)"),
        records[3],
        Rejection(p, 6, 'record has no "text"'),
        Rejection(p, 7, '"text" is empty'),
        Rejection(p, 8, '"text" is empty'),
        Rejection(p, 9, '"text" is not a string (got number)'),
        Rejection(p, 10, '"text" is not a string (got null)'),
        Rejection(
            p, 11,
            'unparseable "date": "last Tuesday" (expected an ISO date such as 2008-06-08 or a date-time)',
        ),
        Rejection(
            p, 12,
            'unparseable "date": 20200102 (expected an ISO date such as 2008-06-08 or a date-time)',
        ),
        Rejection(p, 14, "not a JSON object (got string)"),
        Rejection(p, 15, "empty article"),
        records[13],
        Rejection(
            p, 17,
            "not valid UTF-8: byte 0x92 at column 34; pass --encoding if the file is not UTF-8",
        ),
        records[15],
    ]
    assert shape([records[i] for i in (0, 3, 13, 15)]) == [
        ("A", "good1"), ("A", "good2"), ("A", "good3"), ("A", "good4")
    ]
    assert records[15].origin == f"{p}:18"
    assert records[15].text == "Convoys resumed."
    assert str(records[1]) == f"{p}:2: invalid JSON: Expecting ',' delimiter at column 38"


def test_jsonl_unterminated_line(tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_text(jsonl_line(text="One.") + '\n{"id": "c", "text": "Unfinished', encoding="utf-8")
    records = read(path)
    assert shape(records) == [("A", "1"), ("R", 2)]
    assert records[1].reason == "invalid JSON: Unterminated string starting at column 21"


def test_jsonl_with_byte_order_mark(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + jsonl_line(id="x", text="Officials met.").encode() + b"\n")
    assert shape(read(path)) == [("A", "x")]


def test_jsonl_gz(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(jsonl_line(id="g1", text="Officials met.", date="2020-02-03") + "\n")
        fh.write("\n")
        fh.write(jsonl_line(text="Ships sailed.") + "\n")
    records = read(path)
    assert shape(records) == [("A", "g1"), ("A", "3")]
    assert records[0].origin == f"{path}:1"
    assert records[0].published == date(2020, 2, 3)


def test_jsonl_gz_truncated_keeps_what_was_read(tmp_path):
    lines = [jsonl_line(id=f"n{i}", text=f"Story number {i} about the port talks.") for i in range(1, 3001)]
    whole = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    records = read(path)
    articles = [r for r in records if isinstance(r, Article)]
    assert 0 < len(articles) < 3000
    assert [a.id for a in articles] == [f"n{i}" for i in range(1, len(articles) + 1)]
    last = records[-1]
    assert isinstance(last, Rejection) and records[:-1] == articles
    assert last.origin == str(path)
    assert last.line == len(articles) + 1
    assert last.reason.startswith(f"gzip data truncated or corrupt after line {len(articles)} (")


def test_jsonl_gz_that_is_not_gzip(tmp_path):
    path = tmp_path / "plain.jsonl.gz"
    path.write_text(jsonl_line(text="Officials met.") + "\n", encoding="utf-8")
    records = read(path)
    assert len(records) == 1 and isinstance(records[0], Rejection)
    assert (records[0].origin, records[0].line) == (str(path), 1)
    assert records[0].reason.startswith("not a gzip file")


def test_jsonl_invalid_bytes_with_other_encoding(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(b'{"text": "Caf\xe9 owners protested."}\n')
    assert read(path)[0] == Rejection(
        str(path), 1, "not valid UTF-8: byte 0xe9 at column 14; pass --encoding if the file is not UTF-8"
    )
    article = only_article(read(path, encoding="latin-1"))
    assert article.text == "Café owners protested."


# --------------------------------------------------------------------------------------
# read_inputs: folders, stdin, errors, order
# --------------------------------------------------------------------------------------
def test_folder_is_walked_recursively_in_sorted_order(tmp_path):
    root = tmp_path / "corpus"
    (root / "b_dir" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "c.TXT").write_text("Story c.", encoding="utf-8")
    (root / "a.txt").write_text("Story a.", encoding="utf-8")
    (root / "b_dir" / "z.htm").write_text(
        "<html><body><article><p>Story z is about a long meeting of coast guard chiefs in the "
        "harbour city, officials from both governments said on Monday.</p></article></body></html>",
        encoding="utf-8",
    )
    (root / "b_dir" / "deeper" / "feed.JSONL").write_text(
        jsonl_line(id="f1", text="Story f1.") + "\n", encoding="utf-8"
    )
    with gzip.open(root / "b_dir" / "m.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(jsonl_line(id="m1", text="Story m1.") + "\n")
    (root / "notes.md").write_text("not an article", encoding="utf-8")
    (root / "data.csv").write_text("a,b", encoding="utf-8")
    (root / "archive.gz").write_bytes(b"xx")
    (root / ".hidden" / "secret.txt").write_text("Skipped.", encoding="utf-8")
    (root / ".dotfile.txt").write_text("Skipped.", encoding="utf-8")
    records = read(root)
    assert shape(records) == [("A", "a"), ("A", "f1"), ("A", "m1"), ("A", "z"), ("A", "c")]
    assert records[1].origin == f"{root / 'b_dir' / 'deeper' / 'feed.JSONL'}:1"


def test_missing_file_and_unsupported_file(tmp_path):
    missing = tmp_path / "nowhere.txt"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    good = tmp_path / "good.txt"
    good.write_text("Officials met.", encoding="utf-8")
    records = read(missing, pdf, good, tmp_path / "gone" / "feed.pdf")
    assert shape(records) == [("R", None), ("R", None), ("A", "good"), ("R", None)]
    assert records[0].origin == str(missing)
    assert records[0].reason == "cannot read: No such file or directory"
    assert records[1] == Rejection(
        str(pdf), None, "unsupported file type .pdf: expected .txt, .html, .htm, .jsonl or .jsonl.gz"
    )
    assert records[3].reason == "cannot read: No such file or directory"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("Officials met.", encoding="utf-8")
    path.chmod(0)
    try:
        assert read(path) == [Rejection(str(path), None, "cannot read: Permission denied")]
    finally:
        path.chmod(0o644)


def test_stdin_jsonl_bytes():
    stream = io.BytesIO(
        b"\n  \n"
        + jsonl_line(id="s1", text="Officials met.").encode()
        + b"\nnot json\n"
        + jsonl_line(text="Ships sailed.", date="2020-01-01").encode()
        + b"\n"
    )
    records = read("-", stdin=stream, default_date=DAY)
    assert records == [
        records[0],
        Rejection("<stdin>", 4, "invalid JSON: Expecting value at column 1"),
        records[2],
    ]
    assert shape(records) == [("A", "s1"), ("R", 4), ("A", "5")]
    assert records[0].origin == "<stdin>:3"
    assert records[0].published == DAY
    assert records[2].published == date(2020, 1, 1)


def test_stdin_jsonl_text_stream():
    stream = io.StringIO(jsonl_line(id="s1", text="Officials met.") + "\n")
    assert shape(read("-", stdin=stream)) == [("A", "s1")]


def test_stdin_plain_text():
    stream = io.BytesIO(b"\n\nPorts reopen\n\nTUNIS (AFP) - The ports reopened on Friday.\n")
    article = only_article(read("-", stdin=stream, default_date=DAY))
    assert article.id == "stdin"
    assert article.origin == "<stdin>"
    assert article.title == "Ports reopen"
    assert article.dateline == "Tunis"
    assert article.source == "AFP"
    assert article.published == DAY
    assert article.text == "The ports reopened on Friday."


def test_stdin_plain_text_stream_and_invalid_bytes():
    article = only_article(read("-", stdin=io.StringIO("Officials met.\nThey agreed.")))
    assert article.text == "Officials met.\n\nThey agreed."
    assert read("-", stdin=io.BytesIO(b"Officials met.\nThe minister\x92s car.")) == [
        Rejection("<stdin>", 2, "not valid UTF-8: byte 0x92 at column 13; pass --encoding if the file is not UTF-8")
    ]
    assert read("-", stdin=io.BytesIO(b"")) == [Rejection("<stdin>", None, "empty article")]


def test_stdin_text_stream_that_cannot_decode():
    stream = io.TextIOWrapper(io.BytesIO(b'{"text": "Officials met."}\n{"text": "Caf\xe9"}\n'), encoding="utf-8")
    records = read("-", stdin=stream)
    assert records and all(isinstance(r, Rejection) and r.origin == "<stdin>" for r in records)


def test_stdin_defaults_to_sys_stdin_buffer(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(jsonl_line(id="z", text="Officials met.").encode() + b"\n"))
    monkeypatch.setattr(sys, "stdin", fake)
    assert shape(read("-")) == [("A", "z")]


def test_inputs_keep_their_order(tmp_path):
    txt = tmp_path / "first.txt"
    txt.write_text("First story.", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(jsonl_line(id="third", text="Third story.") + "\n", encoding="utf-8")
    records = read(txt, "-", feed, stdin=io.BytesIO(b"Second story."))
    assert shape(records) == [("A", "first"), ("A", "stdin"), ("A", "third")]


def test_read_inputs_is_lazy_and_validates_usage(tmp_path):
    iterator = read_inputs([str(tmp_path / "missing.txt")])
    assert next(iterator) == Rejection(str(tmp_path / "missing.txt"), None, "cannot read: No such file or directory")
    with pytest.raises(LookupError):
        read_inputs(["x.txt"], encoding="no-such-codec")
    with pytest.raises(TypeError):
        read_inputs("x.txt")  # type: ignore[arg-type]
