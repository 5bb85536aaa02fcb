"""Ingest: read news articles from files, folders and standard input, and clean their text.

Entry points:

* :func:`read_inputs` turns command-line inputs (``.txt``, ``.html``/``.htm``, ``.jsonl``,
  ``.jsonl.gz``, folders of them, or ``-`` for standard input) into a stream of
  :class:`~dyad.records.Article` and :class:`~dyad.records.Rejection` records, in input
  order. Bad data never raises: every bad record becomes a ``Rejection`` and reading goes on.
* :func:`clean_article_text` separates a raw article into headline, dateline and body and
  removes bylines and web-page boilerplate (donation appeals, share buttons, copyright lines,
  wire credits).

Every pattern here runs on one line of bounded length (or on the first 200 characters of
the first paragraph), never on the whole text, so a multi-megabyte article costs time linear
in its size.
"""

from __future__ import annotations

import codecs
import gzip
import itertools
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO, NamedTuple, TextIO

from dyad.records import Article, Rejection

__all__ = [
    "SUPPORTED_SUFFIXES",
    "STDIN_ORIGIN",
    "CleanText",
    "clean_article_text",
    "read_inputs",
]

SUPPORTED_SUFFIXES: tuple[str, ...] = (".jsonl.gz", ".jsonl", ".txt", ".html", ".htm")
STDIN_ORIGIN = "<stdin>"
STDIN_ID = "stdin"

# JSONL fields that map onto Article attributes; every other field goes to Article.meta.
_ARTICLE_FIELDS = frozenset({"id", "text", "date", "title", "source", "url"})

# ---------------------------------------------------------------------------------------
# News agencies: alias (casefolded) -> canonical name used for Article.source.
# ---------------------------------------------------------------------------------------
_AGENCY_ALIASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Xinhua", ("Xinhua", "Xinhua News Agency", "Xinhuanet", "Xinhua News")),
    ("Reuters", ("Reuters", "Thomson Reuters", "Reuters Health")),
    ("AFP", ("AFP", "Agence France-Presse", "Agence France Presse")),
    ("AP", ("AP", "Associated Press", "The Associated Press")),
    ("IRNA", ("IRNA", "Islamic Republic News Agency")),
    ("TASS", ("TASS",)),
    ("ITAR-TASS", ("Itar-Tass", "Itar Tass")),
    ("Anadolu", ("Anadolu", "Anadolu Agency", "AA")),
    ("dpa", ("dpa", "Deutsche Presse-Agentur")),
    ("Kyodo", ("Kyodo", "Kyodo News")),
    ("Yonhap", ("Yonhap", "Yonhap News Agency")),
    ("UPI", ("UPI", "United Press International")),
    ("Bernama", ("Bernama",)),
    ("PTI", ("PTI", "Press Trust of India")),
    ("IANS", ("IANS", "Indo-Asian News Service")),
    ("ANI", ("ANI", "Asian News International")),
    ("EFE", ("EFE",)),
    ("ANSA", ("ANSA",)),
    ("Interfax", ("Interfax",)),
    ("WAFA", ("WAFA",)),
    ("SANA", ("SANA", "Syrian Arab News Agency")),
    ("KUNA", ("KUNA", "Kuwait News Agency")),
    ("SPA", ("SPA", "Saudi Press Agency")),
    ("Trend", ("Trend", "Trend News Agency")),
    ("APA", ("APA",)),
    ("BBC", ("BBC", "BBC News")),
    ("CNN", ("CNN",)),
    ("RIA Novosti", ("RIA Novosti", "RIA")),
    ("MENA", ("MENA", "Middle East News Agency")),
    ("Fars", ("Fars", "Fars News Agency")),
    ("ISNA", ("ISNA",)),
    ("Mehr", ("Mehr", "Mehr News Agency")),
    ("Tasnim", ("Tasnim", "Tasnim News Agency")),
    ("Petra", ("Petra",)),
    ("QNA", ("QNA", "Qatar News Agency")),
    ("WAM", ("WAM",)),
    ("APP", ("APP", "Associated Press of Pakistan")),
    ("Antara", ("Antara",)),
    ("KCNA", ("KCNA", "Korean Central News Agency")),
    ("Jiji", ("Jiji", "Jiji Press")),
    ("Sputnik", ("Sputnik",)),
    ("Bloomberg", ("Bloomberg",)),
)
_AGENCIES: Mapping[str, str] = MappingProxyType(
    {alias.casefold(): canonical for canonical, aliases in _AGENCY_ALIASES for alias in aliases}
)


def _agency(name: str) -> str | None:
    """Canonical agency name for ``name`` ("The Associated Press" -> "AP"), else None."""
    key = name.strip().strip(",.:;").strip().casefold()
    if key in _AGENCIES:
        return _AGENCIES[key]
    if key.startswith("the "):
        return _AGENCIES.get(key[4:].strip())
    return None


# ---------------------------------------------------------------------------------------
# Line-level patterns
# ---------------------------------------------------------------------------------------
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_CLOSERS = "\"'”’»)]"
_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))\s+")
_SENTENCE_END = (".", "!", "?", "…")

# Lines longer than these are never boilerplate / bylines (keeps the checks cheap and
# stops a long news paragraph that merely mentions "copyright" from being dropped).
_MAX_STRONG_BOILERPLATE = 250
_MAX_SHORT_APPEAL = 90
_MAX_INLINE_BOILERPLATE = 5000
_MAX_BYLINE = 120
_MAX_HEADLINE_WORDS = 20
_DATELINE_HEAD = 200

# Boilerplate that is unmistakable in a line of moderate length. Patterns that must start
# the line are tried with .match (one position only); the few that may appear anywhere are
# searched only when the line contains one of their keywords, which keeps long articles fast.
# The patterns are case-sensitive; (?i:...) marks the case-insensitive parts.
_LINE_START_BOILERPLATE = re.compile(
    "|".join(
        (
            r"(?i:donate\b)",
            r"(?i:support\s+us\b)",
            r"(?i:become\s+a\s+(?:member|subscriber|supporter|patron)\b)",
            r"(?i:subscribe\b)",
            r"(?i:(?:get|receive)\s+(?:our|the)\s+(?:[\w-]+\s+){0,3}newsletters?\b)",
            r"(?i:our\s+(?:[\w-]+\s+){0,2}newsletters?\b)",
            r"(?i:sign\s+up\b)",
            r"(?i:follow\s+us\b)",
            r"(?i:\(\s*(?:additional\s+)?(?:reporting|writing|editing|compiled)\s+by\b)",
            r"(?i:(?:additional\s+)?reporting\s+by\b.{0,200}\b(?:editing|writing)\s+by\b)",
            r"(?i:editing\s+by\b)",
            r"(?i:(?:copyright|\(c\))\s*(?:©\s*)?\d{4})",
            r"(?i:copyright\b.{0,100}\ball\s+rights\b)",
            r"©",
            r"(?i:\(?\s*(?:photo|photograph|picture|image|file\s+photo|photo\s+credit|caption|video)s?"
            r"\s*(?:credits?\s*)?[:|])",
            r"(?i:\(?\s*(?:photo|picture|image)s?\s+(?:by|courtesy)\s)",
            r"(?i:(?:read\s+more|read\s+also|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?"
            r"|related(?:\s+(?:articles?|stories|news|coverage|content|posts?|links?|reading))?"
            r"|tags|topics|keywords|filed\s+under)\s*(?:[:»>|]|$))",
            r"(?i:(?:advertisement|advertising|sponsored(?:\s+content)?|ad"
            r"|story\s+continues\s+below(?:\s+advertisement)?|continue\s+reading(?:\s+below)?"
            r"|scroll\s+to\s+continue(?:\s+with\s+content)?)\s*$)",
            r"(?i:share\s+(?:this|on|via|the\s+story|article|story)\b)",
            r"(?i:(?:share|tweet|e-?mail|print|comments?|whatsapp|facebook|twitter|linkedin"
            r"|telegram|reddit|pinterest)\s*$)",
            r"(?i:(?:e-?mail|print)\s+(?:this|to\s+a\s+friend)\b)",
            r"(?i:(?:download|get)\s+(?:our|the)\s+(?:free\s+)?app\b)",
            r"(?i:this\s+(?:story|article)\s+(?:is|was)\s+(?:from|published\s+on)\s+\w+\.?\s+\d)",
        )
    )
)
# (keyword, pattern) pairs searched in the lower-cased line, each only when its keyword
# occurs: a pattern that starts with a literal is searched fast, an alternation is not.
_ANYWHERE_BOILERPLATE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (keyword, re.compile(pattern))
    for keyword, pattern in (
        ("donate", r"donate\s+(?:now|here|today|online)\b"),
        ("subscribe", r"subscribe\s+(?:now|today|here)\b"),
        (
            "subscribe",
            r"subscribe\s+to\s+our\s+(?:[\w-]+\s+){0,2}"
            r"(?:newsletters?|channel|podcast|feed|updates|mailing\s+list|alerts)\b",
        ),
        ("newsletter", r"\b(?:sign\s+up|subscribe|register)\b.{0,60}\bnewsletters?\b"),
        ("newsletter", r"newsletters?\b.{0,60}\b(?:sign\s+up|subscribe|inbox)\b"),
        ("reserved", r"all\s+rights\s+reserved\b"),
        ("follow", r"follow\s+us\s+(?:on|at)\s"),
        ("facebook", r"like\s+us\s+on\s+facebook\b"),
        ("click", r"click\s+here\b"),
        ("©", r"©\s*\d{4}"),
    )
)
_SHOUTED_DONATE = re.compile(r"\bDONATE\b")

# A short line without sentence punctuation that starts with one of these verbs and
# otherwise consists of appeal words (plus, for some verbs, the site's name) is an appeal.
_APPEAL_VERBS = frozenset(
    {
        "support", "donate", "subscribe", "follow", "share", "join", "become", "sign",
        "contribute", "help", "click", "like", "tweet", "email", "e-mail", "print",
        "download", "register", "login", "log", "read", "get",
    }
)  # fmt: skip
_APPEAL_VERBS_WITH_NAME = frozenset({"support", "donate", "subscribe", "follow", "like", "join"})
_APPEAL_WORDS = _APPEAL_VERBS | frozenset(
    {
        "us", "our", "me", "this", "the", "a", "an", "to", "on", "for", "at", "via", "by", "and",
        "or", "now", "today", "here", "page", "article", "story", "post", "site", "website",
        "newsletter", "newsletters", "updates", "member", "members", "membership", "subscriber",
        "subscribers", "supporter", "supporters", "journalism", "independent", "non-profit",
        "nonprofit", "media", "news", "free", "up", "in", "with", "twitter", "facebook",
        "instagram", "youtube", "telegram", "whatsapp", "linkedin", "x", "friend", "more",
        "channel", "podcast", "app", "alerts", "latest", "daily", "weekly", "please", "your",
        "you", "quality", "reader-funded", "work", "mission", "reporting", "community",
        "become", "contribution", "donation", "donations", "it", "conversation", "discussion",
    }
)  # fmt: skip
_WORD_STRIP = ".,:;!?\"'“”‘’()[]«»|>-–—"

# Bylines
_CORRESPONDENT = re.compile(
    r"(?i:^(?:(?:from|by)\s+)?(?:our|a|an|special|staff)\s+"
    r"(?:own\s+|special\s+|staff\s+|foreign\s+|diplomatic\s+|political\s+|senior\s+)*"
    r"(?:correspondents?|reporters?|staff(?:\s+(?:reporter|writer|correspondent))?|writers?"
    r"|team|bureau)(?:\s+in\s+[^\W\d_][\w'’.\- ]{0,40})?\s*[.,:;]?$)"
)
_BYLINE_PREFIX = re.compile(r"(?i:^by\s+)")
_BYLINE_SPLIT = re.compile(r"\s*(?:[,;|/&]|\s(?i:and)\s|\s[-–—]\s)\s*")
_NAME_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-])*")
_NAME_PARTICLES = frozenset(
    {
        "de", "da", "das", "do", "dos", "del", "della", "di", "du", "van", "von", "der", "den",
        "ter", "bin", "binti", "bint", "ibn", "al", "el", "la", "le", "y", "abu", "ben",
    }
)  # fmt: skip
_BYLINE_ROLE_WORDS = frozenset(
    {
        "writer", "writers", "correspondent", "correspondents", "reporter", "reporters",
        "staff", "editor", "editors", "in", "for", "news", "agency", "desk", "bureau",
        "contributor", "special", "senior", "chief", "photographer",
    }
)  # fmt: skip
_CALENDAR_WORDS = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "noon", "midnight", "then", "now",
    }
)  # fmt: skip

# Datelines
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = rf"(?i:{_MONTH}\.?\s+{_DAY}(?:,?\s+\d{{4}})?|{_DAY}\s+{_MONTH}\.?(?:,?\s+\d{{4}})?)"
_PLACE_WORD = r"[^\W\d_][\w'’.\-/]*"  # "/" joins places: "NEW YORK/SAN FRANCISCO"
_PLACE = rf"{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,3}}"
# A lone hyphen must have space before it ("Cup- winning" is not a dateline); dashes need none.
_SEPARATOR = r"(?P<sep>(?<=[\s)])-(?=\s|$)|--|[—–―]|:(?=\s|$))"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE})"
    rf"(?P<region>(?:[ \t]*,[ \t]*{_PLACE}){{0,2}})"
    rf"(?:[ \t]*,[ \t]*(?P<date>{_DATE}))?"
    rf"(?:[ \t]*\((?P<agency>[^()\n]{{1,40}})\))?"
    rf"(?P<space>[ \t]*){_SEPARATOR}[ \t]*"
)
_AGENCY_ONLY_DATELINE = re.compile(rf"\((?P<agency>[^()\n]{{1,40}})\)[ \t]*{_SEPARATOR}[ \t]*")
_INLINE_BYLINE = re.compile(r"(?i:by)[ \t]+")
_WORD = re.compile(r"\S+")
_INITIAL = re.compile(r"[A-Z]\.")
_PLACE_PARTICLES = frozenset(
    {
        "de", "da", "das", "do", "dos", "del", "della", "di", "du", "des", "la", "le", "les",
        "el", "of", "upon", "on", "sur", "en", "es", "y", "au", "aux", "am", "der", "den",
        "van", "von",
    }
)  # fmt: skip
_NOT_PLACE_START = _CALENDAR_WORDS | frozenset(
    {
        "update", "updated", "breaking", "exclusive", "analysis", "factbox", "explainer",
        "timeline", "correction", "corrected", "refile", "note", "editor's", "editors",
        "opinion", "comment", "commentary", "interview", "video", "watch", "photos", "live",
        "urgent", "flash", "alert", "feature", "preview", "review", "summary", "wrapup",
        "highlights", "in", "on", "at", "a", "an", "but", "and", "or", "for", "from", "after",
        "before", "when", "while", "as", "if", "mr", "mrs", "ms", "dr", "president", "prime",
        "minister", "secretary", "general", "sen", "senator", "gov", "governor", "rep", "king",
        "queen", "prince", "sheikh", "pope", "officials", "police", "meanwhile", "however",
        "also", "earlier", "later", "today", "yesterday", "tomorrow", "tonight", "this",
        "that", "these", "those", "it", "he", "she", "they", "we", "i", "you", "there", "here",
        "what", "who", "why", "how", "where", "q", "question", "answer", "sec", "by",
    }
)  # fmt: skip
_CAPS_FUNCTION_WORDS = frozenset(
    {"and", "or", "says", "said", "say", "to", "in", "on", "at", "for", "with", "is", "are",
     "was", "were", "will", "not", "no", "a", "an", "as", "by", "from"}
)  # fmt: skip
_LOWER_TEXT_NOT_PLACE = _CAPS_FUNCTION_WORDS | frozenset(
    {"the", "said", "says", "told", "added", "officials", "police", "sources", "he", "she"}
)
_NOT_AGENCY_PARENTHESES = frozenset(
    {"updated", "update", "corrected", "correction", "refile", "refiled", "file", "photos",
     "video", "live", "wrapup", "factbox", "analysis", "recasts", "adds", "changes"}
)  # fmt: skip


# ---------------------------------------------------------------------------------------
# Text cleaning
# ---------------------------------------------------------------------------------------
@dataclass
class CleanText:
    """An article's raw text split into its parts.

    ``body`` holds the paragraphs separated by one blank line ("\\n\\n"); ``removed`` lists
    the byline and boilerplate lines taken out, in order. ``byline_source`` is the news
    agency named by a byline, ``dateline_source`` the one named in the dateline
    ("BAGHDAD (Reuters) -").
    """

    title: str | None
    body: str
    dateline: str | None = None
    byline_source: str | None = None
    removed: list[str] = field(default_factory=list)
    dateline_source: str | None = None

    @property
    def source(self) -> str | None:
        """The agency the text itself names: the byline's, else the dateline's."""
        return self.byline_source or self.dateline_source


@dataclass
class _Paragraph:
    lines: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def clean_article_text(
    raw: str, *, detect_headline: bool = True, known_title: str | None = None
) -> CleanText:
    """Split ``raw`` article text into headline, dateline and cleaned body.

    Steps: normalise newlines and strip each line; drop bylines and boilerplate lines
    (recorded in ``removed``); group lines into paragraphs, joining a line to the previous
    one only when it clearly continues it (the previous line lacks sentence-final
    punctuation and this one starts in lower case); take the first paragraph as the
    headline when ``detect_headline`` is true and it looks like one (one line, at most 20
    words, no final ``.``/``?``/``!``, more text after it); drop a first paragraph that
    repeats ``known_title``; finally recognise and remove a dateline at the start of the
    first body paragraph. Never raises for any string.
    """
    removed: list[str] = []
    byline_source: str | None = None
    kept: list[str | None] = []  # None marks a paragraph break (blank or removed line)
    for line in _NEWLINES.sub("\n", raw).split("\n"):
        line = line.strip()
        if not line:
            kept.append(None)
            continue
        is_byline, agency = _parse_byline(line)
        if is_byline:
            removed.append(line)
            byline_source = byline_source or agency
            kept.append(None)
        else:
            text, junk = _strip_boilerplate(line)
            if junk:
                removed.append(junk)
            kept.append(text)

    paragraphs = _group_paragraphs(kept)
    title: str | None = None
    if detect_headline and len(paragraphs) > 1 and _is_headline(paragraphs[0]):
        title = paragraphs.pop(0).text
    if known_title and len(paragraphs) > 1 and _same_text(paragraphs[0].text, known_title):
        paragraphs.pop(0)

    texts = [p.text for p in paragraphs]
    dateline: str | None = None
    dateline_source: str | None = None
    if texts:
        found = _parse_dateline(texts[0])
        if found is not None:
            dateline, dateline_source = found.place, found.agency
            if found.byline:
                removed.append(found.byline)
                byline_source = byline_source or _parse_byline(found.byline)[1]
            if found.rest:
                texts[0] = found.rest
            else:
                texts.pop(0)
    return CleanText(
        title=title,
        body="\n\n".join(texts),
        dateline=dateline,
        byline_source=byline_source,
        removed=removed,
        dateline_source=dateline_source,
    )


def _group_paragraphs(lines: Iterable[str | None]) -> list[_Paragraph]:
    """Each line is a paragraph unless it clearly continues the previous line."""
    paragraphs: list[_Paragraph] = []
    can_continue = False
    for line in lines:
        if line is None:
            can_continue = False
            continue
        if can_continue and line[0].islower():
            paragraphs[-1].lines.append(line)
        else:
            paragraphs.append(_Paragraph([line]))
        can_continue = not _ends_sentence(line)
    return paragraphs


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def _is_headline(paragraph: _Paragraph) -> bool:
    if len(paragraph.lines) != 1:
        return False
    text = paragraph.text
    if _ends_sentence(text) or len(text.split()) > _MAX_HEADLINE_WORDS:
        return False
    return _parse_dateline(text) is None


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _bare_word(word: str) -> str:
    return word.strip(_WORD_STRIP).casefold()


def _boilerplate_kind(line: str) -> str | None:
    """'line' when the line starts as boilerplate, 'inline' when it contains a strong
    boilerplate phrase ("DONATE HERE", "all rights reserved"), else None."""
    if len(line) <= _MAX_STRONG_BOILERPLATE and _LINE_START_BOILERPLATE.match(line):
        return "line"
    if len(line) <= _MAX_SHORT_APPEAL and _is_short_appeal(line):
        return "line"
    if len(line) <= _MAX_INLINE_BOILERPLATE:
        if "DONATE" in line and _SHOUTED_DONATE.search(line):
            return "inline"
        lowered = line.lower()
        for keyword, pattern in _ANYWHERE_BOILERPLATE:
            if keyword in lowered and pattern.search(lowered):
                return "inline"
    return None


def _strip_boilerplate(line: str) -> tuple[str | None, str | None]:
    """Split a line into (text kept or None, text removed or None).

    A line that starts as boilerplate goes whole. A line that only contains a boilerplate
    phrase loses the sentences with it (and short fragments such as "Free!" next to them);
    the rest is kept when it is real prose (six words or more, not all capitals), as in
    "... investment banking. Free! Sign up here to receive our newsletter!".
    """
    kind = _boilerplate_kind(line)
    if kind is None:
        return line, None
    if kind == "line":
        return None, line
    sentences = _SENTENCE_BREAK.split(line)
    flags = [
        len(sentence) <= _MAX_STRONG_BOILERPLATE and _boilerplate_kind(sentence) is not None
        for sentence in sentences
    ]
    if not any(flags):  # the phrase sits in a long sentence: news, not boilerplate
        return line, None
    for i, sentence in enumerate(sentences):
        near = (i > 0 and flags[i - 1]) or (i + 1 < len(flags) and flags[i + 1])
        if near and len(sentence.split()) <= 2:
            flags[i] = True
    kept = " ".join(s for s, flag in zip(sentences, flags) if not flag)
    if len(kept.split()) < 6 or not any(c.islower() for c in kept):
        return None, line
    return kept, " ".join(s for s, flag in zip(sentences, flags) if flag)


def _is_short_appeal(line: str) -> bool:
    """'Support TwoCircles', 'Join us today', 'Follow The Daily Post on Twitter'."""
    if line.rstrip(_CLOSERS).endswith((".", "?", "…")):
        return False
    words = line.split()
    if not 1 <= len(words) <= 8:
        return False
    verb = _bare_word(words[0])
    if verb not in _APPEAL_VERBS:
        return False
    # The site's name ("TwoCircles", "The Daily Post") may follow the verb directly.
    rest = words[1:]
    start = 1 if rest and _bare_word(rest[0]) == "the" else 0
    names = 0
    if verb in _APPEAL_VERBS_WITH_NAME:
        while start + names < len(rest) and names < 3 and _is_site_name_word(rest[start + names]):
            names += 1
    leftover = rest[:start] + rest[start + names :]
    return all(_bare_word(word) in _APPEAL_WORDS for word in leftover)


def _is_site_name_word(word: str) -> bool:
    return word[:1].isupper() and _bare_word(word) not in _APPEAL_WORDS


def _parse_byline(line: str) -> tuple[bool, str | None]:
    """Recognise a byline; return (is_byline, agency named in it or None)."""
    if len(line) > _MAX_BYLINE:
        return False, None
    if _CORRESPONDENT.match(line):
        return True, None
    prefix = _BYLINE_PREFIX.match(line)
    if prefix is None:
        return False, None
    rest = line[prefix.end() :].rstrip(",.:;").strip()
    pieces = [p for p in _BYLINE_SPLIT.split(rest) if p]
    if not pieces or len(pieces) > 5:
        return False, None
    agency: str | None = None
    for index, piece in enumerate(pieces):
        found = _piece_agency(piece)
        if found is not None:
            agency = agency or found
            continue
        if not _is_name_piece(piece, first=index == 0):
            return False, None
    return True, agency


def _piece_agency(piece: str) -> str | None:
    """The agency a byline piece names: 'Reuters', 'for AFP', 'Xinhua writer Li Ming'."""
    words = piece.split()
    if words and words[0].casefold() == "for":
        words = words[1:]
    for size in range(min(len(words), 4), 0, -1):
        found = _agency(" ".join(words[:size]))
        if found is not None and all(
            _bare_word(w) in _BYLINE_ROLE_WORDS or w[:1].isupper() for w in words[size:]
        ):
            return found
    return None


def _is_name_piece(piece: str, *, first: bool) -> bool:
    words = piece.split()
    if not 1 <= len(words) <= 6:
        return False
    if first and _bare_word(words[0]) in _CALENDAR_WORDS:
        return False
    capitalised = 0
    for word in words:
        if not _NAME_TOKEN.fullmatch(word):
            return False
        if word[0].isupper():
            capitalised += 1
        elif word.casefold() not in _NAME_PARTICLES and word.casefold() not in _BYLINE_ROLE_WORDS:
            return False
    return capitalised > 0


class _Dateline(NamedTuple):
    place: str | None
    agency: str | None
    rest: str  # the paragraph after the dateline
    byline: str | None = None  # "By Jude Webber" written before the place


def _parse_dateline(paragraph: str) -> _Dateline | None:
    """Find a dateline at the start of ``paragraph``, or return None.

    Recognised: ``PLACE[, REGION][, DATE] [(AGENCY)] SEPARATOR`` with an all-caps place
    ("BAGHDAD (Reuters) -", "LONDON —"), a title-case place with some context
    ("Kabul, Afghanistan —", "Tehran :"), an agency alone ("(Reuters) -", "AFP -"), a
    lower-case "place:" in all-lower-case text, and any of these after an inline byline
    ("By Jude Webber LIMA, Peru (Reuters) -").
    """
    head = paragraph[:_DATELINE_HEAD]
    found = _dateline_at(head, 0)
    if found is None:
        found = _dateline_after_byline(head)
    if found is None:
        return None
    place, agency, end, byline = found
    return _Dateline(place, agency, paragraph[end:].strip(), byline)


def _dateline_at(head: str, pos: int) -> tuple[str | None, str | None, int, None] | None:
    only_agency = _AGENCY_ONLY_DATELINE.match(head, pos)
    if only_agency is not None:
        agency = _agency(only_agency.group("agency"))
        return None if agency is None else (None, agency, only_agency.end(), None)
    match = _DATELINE.match(head, pos)
    if match is None:
        return None
    place_text = match.group("place")
    if not (match.group("region") or match.group("date") or match.group("agency")):
        agency = _agency(place_text)
        if agency is not None:  # "AFP - ..."
            return None, agency, match.end(), None
    place = _dateline_place(match, lower_text=not any(c.isupper() for c in head))
    if place is None:
        return None
    parenthesised = match.group("agency")
    agency = _dateline_agency(parenthesised) if parenthesised else None
    return place, agency, match.end(), None


def _dateline_after_byline(head: str) -> tuple[str | None, str | None, int, str] | None:
    """'By Jude Webber LIMA, Peru (Reuters) -', 'By LAURAN NEERGAARD WASHINGTON (AP) --'."""
    by = _INLINE_BYLINE.match(head)
    if by is None:
        return None
    words = list(_WORD.finditer(head, by.end()))[:6]
    if not words:
        return None
    mixed = [w for w in words if not _is_caps_word(w.group())]
    if words[0].group()[0].isupper() and mixed and mixed[0] is words[0]:
        # "Jude Webber LIMA": the name is the run of words before the first all-caps word
        size = next((i for i, w in enumerate(words) if _is_caps_word(w.group())), 0)
    else:  # all capitals: a first and last name, plus any initials ("JOHN Q. PUBLIC")
        size = 2 + sum(1 for w in words[1:3] if _INITIAL.fullmatch(w.group()))
    if not 0 < size < len(words):
        return None
    name = head[words[0].start() : words[size - 1].end()]
    if not _is_name_piece(name, first=True):
        return None
    found = _dateline_at(head, words[size].start())
    if found is None or found[0] is None or not _is_caps_word(head[words[size].start() :].split()[0]):
        return None
    place, agency, end, _ = found
    return place, agency, end, head[: words[size - 1].end()]


def _is_caps_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _dateline_place(match: re.Match[str], *, lower_text: bool) -> str | None:
    """Validate the place of a dateline match and return it in title case."""
    words = match.group("place").split("/")[0].split()  # "NEW YORK/SAN FRANCISCO" -> first
    if not words or _bare_word(words[0]) in _NOT_PLACE_START:
        return None
    region = match.group("region").replace(",", " ").split()
    if any(w.endswith(("'s", "’s")) for w in words + region):
        return None
    if not all(w[0].isupper() or w.casefold() in _PLACE_PARTICLES for w in region):
        return None
    has_context = bool(region or match.group("date") or match.group("agency"))
    spaced_colon = match.group("sep") == ":" and bool(match.group("space"))
    if all(w.upper() == w for w in words):  # "BAGHDAD", "NEW YORK"
        if len(words[0]) < 2 or any(_bare_word(w) in _CAPS_FUNCTION_WORDS for w in words):
            return None
        if match.group("sep") == ":" and not (has_context or spaced_colon) and len(words[0]) < 3:
            return None  # "SL: ..." is a label, not a place
        return _title_case_place(words)
    if lower_text and all(w.lower() == w for w in words):  # "lucknow: ..." in lower-cased text
        if match.group("sep") != ":" or region or len(words) > 3:
            return None
        if any(_bare_word(w) in _LOWER_TEXT_NOT_PLACE for w in words):
            return None
        return _title_case_place(words)
    # Title case: "Tehran", "Kabul", "Rio de Janeiro"
    for i, word in enumerate(words):
        if _is_caps_word(word) and len(word) > 2:  # "BASEBALL Atlanta"
            return None
        if not (word[0].isupper() or (i > 0 and word.casefold() in _PLACE_PARTICLES)):
            return None
    if not (has_context or spaced_colon):
        return None
    return " ".join(words)


def _dateline_agency(text: str) -> str | None:
    agency = _agency(text)
    if agency is not None:
        return agency
    words = text.split()
    if not words or len(words) > 4 or _bare_word(words[0]) in _NOT_AGENCY_PARENTHESES:
        return None
    if all(_NAME_TOKEN.fullmatch(w) and w[0].isupper() for w in words):
        return " ".join(words)
    return None


def _title_case_place(words: Sequence[str]) -> str:
    """'RIO DE JANEIRO' -> 'Rio de Janeiro', 'SHARM EL-SHEIKH' -> 'Sharm el-Sheikh'."""
    out: list[str] = []
    for i, word in enumerate(words):
        parts = word.lower().split("-")
        cased = [
            p if (i or j) and p in _PLACE_PARTICLES else _capitalise(p) for j, p in enumerate(parts)
        ]
        out.append("-".join(cased))
    return " ".join(out)


def _capitalise(word: str) -> str:
    """Upper-case the first letter, and the letter after a one-letter prefix ("N'Djamena")."""
    if len(word) > 2 and word[1] in "'’":
        return word[0].upper() + word[1] + word[2:].capitalize()
    return word[:1].upper() + word[1:]


# ---------------------------------------------------------------------------------------
# Reading inputs
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Options:
    default_date: date | None
    encoding: str
    label: str  # encoding name for messages: "UTF-8"


def read_inputs(
    inputs: Sequence[str],
    *,
    default_date: date | None = None,
    encoding: str = "utf-8",
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Article | Rejection]:
    """Read articles from files, folders and standard input, in input order.

    ``inputs`` are paths of ``.txt``, ``.html``/``.htm``, ``.jsonl`` or ``.jsonl.gz``
    files, folders (walked recursively in sorted order; other files, and names starting
    with a dot, are skipped), or ``-`` for standard input (``stdin`` when given, else
    ``sys.stdin.buffer``): JSONL when its first non-blank character is ``{``, else one
    plain-text article with id ``"stdin"``.

    Yields one :class:`Article` per article and one :class:`Rejection` per record that
    cannot be used (missing or unreadable file, unsupported file type, undecodable bytes,
    invalid JSONL line, empty article, corrupt gzip data); reading always goes on after a
    rejection. ``default_date`` is the publication date of articles that carry none;
    ``encoding`` decodes the bytes of every input.

    Raises ``LookupError`` for an unknown encoding and ``TypeError`` when ``inputs`` is a
    single string; those are usage errors, not bad data.
    """
    if isinstance(inputs, (str, bytes)):
        raise TypeError("inputs must be a sequence of paths, not a single string")
    name = codecs.lookup(encoding).name
    options = _Options(default_date, encoding, "UTF-8" if name == "utf-8" else encoding)
    return _read_all(list(inputs), options, stdin)


def _read_all(
    inputs: list[str], options: _Options, stdin: TextIO | BinaryIO | None
) -> Iterator[Article | Rejection]:
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
            yield from _read_stdin(stream, options)
        elif os.path.isdir(item):
            yield from _walk_folder(item, options, set())
        else:
            yield from _read_file(item, options)


def _suffix(name: str) -> str | None:
    lower = name.lower()
    for suffix in SUPPORTED_SUFFIXES:
        if lower.endswith(suffix):
            return suffix
    return None


def _os_error(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _walk_folder(
    folder: str, options: _Options, seen: set[tuple[int, int]]
) -> Iterator[Article | Rejection]:
    """Read the supported files under ``folder``, sorted by name, recursing in place."""
    try:
        info = os.stat(folder)
        key = (info.st_dev, info.st_ino)
        if key in seen:  # a symbolic link back up the tree
            return
        seen.add(key)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield Rejection(folder, None, f"cannot read folder: {_os_error(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk_folder(path, options, seen)
        elif _suffix(entry.name) is not None:
            yield from _read_file(path, options)


def _read_file(path: str, options: _Options) -> Iterator[Article | Rejection]:
    try:
        os.stat(path)
    except OSError as exc:
        yield Rejection(path, None, f"cannot read: {_os_error(exc)}")
        return
    suffix = _suffix(path)
    if suffix is None:
        shown = "".join(Path(path).suffixes[-2:]) or "(no extension)"
        yield Rejection(
            path,
            None,
            f"unsupported file type {shown}: expected .txt, .html, .htm, .jsonl or .jsonl.gz",
        )
    elif suffix in (".jsonl", ".jsonl.gz"):
        yield from _read_jsonl_file(path, options, compressed=suffix == ".jsonl.gz")
    else:
        yield _read_document(path, options, html=suffix in (".html", ".htm"))


def _decode_reason(exc: UnicodeDecodeError, column: int, options: _Options) -> str:
    byte = exc.object[exc.start]
    return (
        f"not valid {options.label}: byte 0x{byte:02x} at column {column}; "
        f"pass --encoding if the file is not {options.label}"
    )


def _decode_document(data: bytes, origin: str, options: _Options) -> str | Rejection:
    """Decode a whole document; a Rejection names the line and column of the first bad byte."""
    try:
        text = data.decode(options.encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Rejection(origin, line, _decode_reason(exc, column, options))
    return text.removeprefix("\ufeff")


def _read_document(path: str, options: _Options, *, html: bool) -> Article | Rejection:
    """One .txt or .html article."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Rejection(path, None, f"cannot read: {_os_error(exc)}")
    text = _decode_document(data, path, options)
    if isinstance(text, Rejection):
        return text
    article_id = Path(path).stem
    if html:
        return _html_article(text, article_id, path, options)
    return _make_article(
        raw=text, article_id=article_id, origin=path, line=None, published=options.default_date
    )


def _html_article(page: str, article_id: str, path: str, options: _Options) -> Article | Rejection:
    """Extract the main text and metadata of a web page with trafilatura."""
    import trafilatura  # imported here: slow to import and only needed for HTML

    try:
        body = trafilatura.extract(page, include_comments=False, include_tables=False)
        metadata = trafilatura.extract_metadata(page)
    except Exception as exc:  # noqa: BLE001 - any parser failure is bad data, not a bug
        return Rejection(path, None, f"cannot extract text from HTML: {exc}")
    published = options.default_date
    if metadata.date:
        try:
            published = date.fromisoformat(str(metadata.date)[:10])
        except ValueError:
            pass
    meta = {"author": metadata.author} if metadata.author else {}
    return _make_article(
        raw=body or "",
        article_id=article_id,
        origin=path,
        line=None,
        published=published,
        title=metadata.title or None,
        source=metadata.sitename or None,
        url=metadata.url or None,
        meta=meta,
        detect_headline=False,
    )


def _make_article(
    *,
    raw: str,
    article_id: str,
    origin: str,
    line: int | None,
    published: date | None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    meta: dict[str, Any] | None = None,
    detect_headline: bool = True,
) -> Article | Rejection:
    """Clean ``raw`` and build the Article, or reject it when nothing is left."""
    clean = clean_article_text(raw, detect_headline=detect_headline, known_title=title)
    if not clean.body.strip():
        return Rejection(origin, line, "empty article")
    return Article(
        id=article_id,
        text=clean.body,
        title=title or clean.title,
        published=published,
        source=source or clean.source,
        url=url,
        dateline=clean.dateline,
        origin=origin if line is None else f"{origin}:{line}",
        meta=meta or {},
    )


# --- JSONL ---------------------------------------------------------------------------------
_NumberedLine = tuple[int, bytes | str]


def _read_jsonl_file(
    path: str, options: _Options, *, compressed: bool
) -> Iterator[Article | Rejection]:
    try:
        handle: BinaryIO = gzip.open(path, "rb") if compressed else open(path, "rb")  # type: ignore[assignment]
    except OSError as exc:
        yield Rejection(path, None, f"cannot read: {_os_error(exc)}")
        return
    with handle:
        yield from _jsonl_records(_numbered_lines(handle, path, compressed=compressed), path, options)


def _numbered_lines(
    lines: Iterable[bytes | str], origin: str, *, compressed: bool = False
) -> Iterator[_NumberedLine | Rejection]:
    """Number the lines from 1; a read error ends the stream with a Rejection."""
    last = 0
    try:
        for number, line in enumerate(lines, 1):
            last = number
            yield number, line
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
        if isinstance(exc, UnicodeDecodeError):  # a text stream that decodes as it reads
            reason = f"cannot decode the input after line {last}: {exc}"
        elif not compressed:
            reason = f"read error after line {last}: {exc}"
        elif last == 0 and isinstance(exc, gzip.BadGzipFile):
            reason = f"not a gzip file: {exc}"
        else:
            reason = (
                f"gzip data truncated or corrupt after line {last} ({exc}); "
                f"the lines before it were read"
            )
        yield Rejection(origin, last + 1, reason)


def _jsonl_records(
    lines: Iterable[_NumberedLine | Rejection], origin: str, options: _Options
) -> Iterator[Article | Rejection]:
    """Turn numbered JSONL lines into Articles and Rejections; blank lines are skipped."""
    for item in lines:
        if isinstance(item, Rejection):
            yield item
            continue
        number, raw = item
        if isinstance(raw, bytes):
            try:
                text = raw.decode(options.encoding)
            except UnicodeDecodeError as exc:
                yield Rejection(origin, number, _decode_reason(exc, exc.start + 1, options))
                continue
        else:
            text = raw
        if number == 1:
            text = text.removeprefix("\ufeff")
        text = text.rstrip("\r\n")
        if not text.strip():
            continue
        yield _jsonl_line(text, number, origin, options)


def _jsonl_line(text: str, number: int, origin: str, options: _Options) -> Article | Rejection:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        where = "column" if exc.msg.endswith(" at") else "at column"  # "... starting at"
        return Rejection(origin, number, f"invalid JSON: {exc.msg} {where} {exc.colno}")
    except (ValueError, RecursionError) as exc:
        return Rejection(origin, number, f"invalid JSON: {exc or 'nested too deeply'}")
    return _record_article(record, number, origin, options)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _record_article(record: Any, number: int, origin: str, options: _Options) -> Article | Rejection:
    """Validate one decoded JSONL record and build its Article."""
    if not isinstance(record, dict):
        return Rejection(origin, number, f"not a JSON object (got {_json_type(record)})")
    if "text" not in record:
        return Rejection(origin, number, 'record has no "text"')
    text = record["text"]
    if not isinstance(text, str):
        return Rejection(origin, number, f'"text" is not a string (got {_json_type(text)})')
    if not text.strip():
        return Rejection(origin, number, '"text" is empty')
    published = _record_date(record.get("date"), options.default_date)
    if isinstance(published, str):
        return Rejection(origin, number, published)
    raw_id = record.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        article_id = str(number)
    else:
        article_id = raw_id if isinstance(raw_id, str) else str(raw_id)
    return _make_article(
        raw=text,
        article_id=article_id,
        origin=origin,
        line=number,
        published=published,
        title=_optional_str(record.get("title")),
        source=_optional_str(record.get("source")),
        url=_optional_str(record.get("url")),
        meta={k: v for k, v in record.items() if k not in _ARTICLE_FIELDS},
        detect_headline=False,
    )


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    text = (value if isinstance(value, str) else str(value)).strip()
    return text or None


def _record_date(value: Any, default: date | None) -> date | None | str:
    """The record's publication date, the default when absent, or an error message."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
    shown = json.dumps(value, ensure_ascii=False)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f'unparseable "date": {shown} (expected an ISO date such as 2008-06-08 or a date-time)'


# --- standard input ------------------------------------------------------------------------
def _read_stdin(stream: TextIO | BinaryIO, options: _Options) -> Iterator[Article | Rejection]:
    """JSONL when the first non-blank character is '{', else one plain-text article."""
    lines: Iterator[bytes | str] = iter(stream)
    head: list[bytes | str] = []
    first: bytes | str = b""
    try:
        for line in lines:
            head.append(line)
            first = _first_char(line)
            if first:
                break
    except (OSError, UnicodeDecodeError) as exc:
        yield Rejection(STDIN_ORIGIN, None, f"cannot read: {exc}")
        return
    if first in (b"{", "{"):
        numbered = _numbered_lines(itertools.chain(head, lines), STDIN_ORIGIN)
        yield from _jsonl_records(numbered, STDIN_ORIGIN, options)
        return
    try:
        rest = list(lines)
    except (OSError, UnicodeDecodeError) as exc:
        yield Rejection(STDIN_ORIGIN, None, f"cannot read: {exc}")
        return
    chunks = head + rest
    if chunks and isinstance(chunks[0], bytes):
        text = _decode_document(b"".join(chunks), STDIN_ORIGIN, options)  # type: ignore[arg-type]
        if isinstance(text, Rejection):
            yield text
            return
    else:
        text = "".join(chunks).removeprefix("\ufeff")  # type: ignore[arg-type]
    yield _make_article(
        raw=text, article_id=STDIN_ID, origin=STDIN_ORIGIN, line=None, published=options.default_date
    )


def _first_char(line: bytes | str) -> bytes | str:
    """The first non-blank character of a line (ignoring a byte-order mark), or empty."""
    if isinstance(line, bytes):
        stripped = line.strip()
        if stripped.startswith(codecs.BOM_UTF8):
            stripped = stripped[len(codecs.BOM_UTF8) :].strip()
        return stripped[:1]
    return line.strip().lstrip("\ufeff").strip()[:1]
