"""PETRARCH, PETRARCH-2 and TABARI actor, agent, discard and issue dictionaries.

Every reader returns Dyad's internal model, whatever the format of the file:

- `read_actors(path)`   → `ReadResult` whose model is a `dyad.actors.ActorDictionary`;
- `read_agents(path)`   → `ReadResult` whose model is a `dyad.actors.AgentDictionary`;
- `read_discards(path)` → `Discards` (sentence-level and story-level discard phrases);
- `read_issues(path)`   → `Issues` (issue codes and the phrases that signal them);
- `read_dictionary(path)` → `ReadResult` for any of the four kinds (format detected).

The peer formats (PETRARCH, PETRARCH-2, TABARI: "petrarch") and Dyad's own TSV formats
("dyad") are both read; `detect_format(path)` tells which kind and format a file holds. The
writers (`write_actors`, `write_agents`, `write_discards`, `write_issues`) write the model in
Dyad's formats, so that a converted file reads back into the same model: a peer dictionary
behaves the same used directly or converted.

Malformed lines are skipped and reported as "file:line: reason" in `problems`; the
approximations taken (constructs Dyad's model cannot hold, or holds differently) are
summarised in `notes`. The mapping of every construct is documented in
docs/dictionaries.md, "Reading PETRARCH and TABARI dictionaries".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from itertools import product
from pathlib import Path

from dyad.actors import (
    INTERNATIONAL,
    KINDS,
    SECTORS,
    ActorDictionary,
    ActorEntry,
    AgentDictionary,
    AgentEntry,
    pluralize,
    tsv_rows,
)
from dyad.compat import cut_comment

DICTIONARY_KINDS = ("actors", "agents", "discards", "issues")

# A full actor code: mostly a three-letter head, then groups of three letters or digits
# (IRQ, IRQGOV, IGOUNOREFHCR, CHRCTH411); PETRARCH also has others (ITHTV, G77): kept
_CODE_RE = re.compile(r"[A-Z][A-Z0-9]{2,}")
_SECTORS_RE = re.compile(r"(?:[A-Z]{3})+")
_ISSUE_CODE_RE = re.compile(r"[A-Za-z0-9_\-]+")
# Sector codes that name a role, never an actor on their own ("[ELI]", "[MED]" with no
# country): NGO/IGO/MNC and the religions (MUS, CHR, ...) do begin actor codes.
ROLE_SECTORS = SECTORS - {"NGO", "IGO", "MNC", "JEW", "MUS", "CHR", "BUD", "HIN", "REL"}
# Words of phrases and texts for discard and issue matching: letters and digits, joined by
# inner periods, hyphens, slashes or ampersands ("u.s", "al-qaeda", "at&t"); an apostrophe
# splits ("united's" → "united", "s").
_WORD_RE = re.compile(r"[^\W_]+(?:[.\-/&][^\W_]+)*")


# ---------------------------------------------------------------------------------------
# Results, notes, file reading


@dataclass
class ReadResult:
    """What a reader made of a file."""

    model: object  # ActorDictionary | AgentDictionary | Discards | Issues
    entries: int  # entries read (actor entries, agent entries, discard phrases, issue phrases)
    problems: list[str] = field(default_factory=list)  # "file:line: reason" of each skipped line
    notes: list[str] = field(default_factory=list)  # approximations taken
    kind: str = ""  # actors | agents | discards | issues
    fmt: str = ""  # petrarch | dyad


class _Notes:
    """Approximations, each with the lines it applies to, summarised for the reader."""

    def __init__(self) -> None:
        self._where: dict[str, list[str]] = {}

    def add(self, message: str, where: str | None = None) -> None:
        lines = self._where.setdefault(message, [])
        if where and where not in lines[-1:]:
            lines.append(where)

    def render(self, examples: int = 5) -> list[str]:
        out = []
        for message, where in self._where.items():
            if not where:
                out.append(message)
            elif len(where) == 1:
                out.append(f"{where[0]}: {message}")
            else:
                more = ", …" if len(where) > examples else ""
                out.append(f"{message}: {len(where)} lines ({', '.join(where[:examples])}{more})")
        return out


def _load_lines(path: Path, notes: _Notes) -> list[str]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        notes.add(f"{path}: not UTF-8 (first bad byte on line {line}); read as Latin-1")
        text = data.decode("latin-1")
    if text.startswith("\ufeff"):
        text = text[1:]
    return [line.rstrip("\r") for line in text.split("\n")]


def _clean_lines(lines: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(line number, text) of the lines of a PETRARCH/TABARI file that hold something:
    `<!-- -->` comments (also over several lines), lines beginning with `<!`, `#`/`;`
    comments and blank lines removed; the text is stripped."""
    in_comment = False
    for number, raw in enumerate(lines, 1):
        text = raw
        if in_comment:
            end = text.find("-->")
            if end < 0:
                continue
            text = text[end + 3:]
            in_comment = False
        while True:
            start = text.find("<!--")
            if start < 0:
                break
            end = text.find("-->", start + 4)
            if end < 0:
                text = text[:start]
                in_comment = True
                break
            text = text[:start] + " " + text[end + 3:]
        if text.lstrip().startswith("<!"):  # "<! -- ... -->", "<!DOCTYPE ...>"
            continue
        text = cut_comment(text).strip()
        if text:
            yield number, text


def _line_of(problem: str) -> int:
    """The line number of a "file:line: reason" problem (for sorting)."""
    m = re.search(r":(\d+): ", problem)
    return int(m.group(1)) if m else 0


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _tokens(text: str | Sequence[str]) -> list[str]:
    """Lower-cased words of a text (or of a sequence of tokens) for discard/issue matching."""
    if not isinstance(text, str):
        text = " ".join(text)
    return _WORD_RE.findall(text.lower())


def _phrase_text(raw: str) -> tuple[str, bool]:
    """(words separated by single spaces, stopped) of a PETRARCH phrase: underscores and
    runs of blanks become one space; `stopped` when the phrase ends with `_`."""
    raw = raw.strip()
    return " ".join(raw.replace("_", " ").split()), raw.endswith("_")


def _is_stem(raw: str) -> bool:
    raw = raw.strip()
    return bool(raw) and not raw.endswith("_") and raw[-1].isalnum()


_DOTTED_RE = re.compile(r"(?:[A-Z]\.)+[A-Z]?\.?")
_SHORT_ABBREV_RE = re.compile(r"[A-Z]{2,3}|(?=[A-Z0-9&]*[0-9&])[A-Z][A-Z0-9&]{1,3}")


def _actor_case(text: str) -> tuple[str, bool]:
    """(phrase as Dyad stores it, kept in capitals): a one-word abbreviation written with
    periods ("U.N.", "U.S.") or of two or three capitals ("UN", "US", "PLO") or with a digit
    or `&` ("MI6", "AT&T") stays as written — Dyad matches such a phrase case-sensitively,
    so "US" does not match "us"; every other phrase is lower-cased."""
    if " " not in text and (_DOTTED_RE.fullmatch(text) or _SHORT_ABBREV_RE.fullmatch(text)):
        return text, True
    return text.lower(), False


# ---------------------------------------------------------------------------------------
# Actor dictionaries


def _petrarch_date(digits: str) -> date:
    """YYMMDD (years up to 30 are 20YY, later ones 19YY, as KEDS, TABARI and PETRARCH do)
    or YYYYMMDD."""
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(digits[2:4]), int(digits[4:6])
    elif len(digits) == 8:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        raise ValueError(f"date {digits!r} has {len(digits)} digits (YYMMDD or YYYYMMDD expected)")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"date {digits!r} is not a calendar date") from None


_RESTRICTION_RE = re.compile(
    r"(?:(?P<op>[<>])\s*(?P<d>\d+)|(?P<d1>\d+)\s*-\s*(?P<d2>\d+)|(?P<single>\d+))"
)
_CODE_BLOCK_RE = re.compile(r"(?P<code>[^\s<>\d][^\s<>]*)?\s*(?P<rest>.*)")
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class _Code:
    code: str
    start: date | None
    end: date | None


def _parse_code(content: str, where: str, problems: list[str], notes: _Notes) -> _Code | None:
    """One `[CODE]`, `[CODE yymmdd-yymmdd]`, `[CODE <date]`, `[CODE >date]`; None when the
    code is skipped (reported in problems or notes)."""
    content = content.strip()
    m = _CODE_BLOCK_RE.fullmatch(content)
    raw, rest = (m.group("code") or "", m.group("rest").strip()) if m else ("", content)
    if not raw:
        problems.append(f"{where}: code block [{content}] has no actor code")
        return None
    start = end = None
    if rest:
        r = _RESTRICTION_RE.fullmatch(rest)
        if not r:
            problems.append(f"{where}: bad date restriction {rest!r} in [{content}] "
                            "(expected <DATE, >DATE or DATE-DATE)")
            return None
        try:
            if r.group("op") == "<":  # before the date
                end = _petrarch_date(r.group("d")) - _DAY
            elif r.group("op") == ">":  # from the date on (PETRARCH compares with >=)
                start = _petrarch_date(r.group("d"))
            elif r.group("d1"):  # from the first date up to the day before the second
                start = _petrarch_date(r.group("d1"))
                end = _petrarch_date(r.group("d2")) - _DAY
                if end < start:
                    problems.append(f"{where}: empty date range in [{content}]")
                    return None
            else:
                start = _petrarch_date(r.group("single"))
                notes.add("a date without <, > or a range taken as the start of the code's validity", where)
        except ValueError as exc:
            problems.append(f"{where}: {exc} in [{content}]")
            return None
    code = raw
    if code == "---":
        notes.add("null code [---] (\"not an actor\") skipped: Dyad has no null actor, so the phrase no longer "
                  "hides a shorter one inside it", where)
        return None
    if code in ("###", "+++"):
        notes.add(f"TABARI special code [{code}] skipped (not an actor code)", where)
        return None
    if "/" in code:
        notes.add("TABARI compound code [A/B]: a phrase naming several actors (written A/B)", where)
    if code != code.upper():
        notes.add("lower-case code upper-cased", where)
        code = code.upper()
    if not all(_CODE_RE.fullmatch(part) for part in code.split("/")):
        problems.append(f"{where}: bad actor code {raw!r} (letters and digits, at least three, "
                        "beginning with a letter)")
        return None
    if code in ROLE_SECTORS:
        notes.add(f"a sector code alone is not an actor (no country or international code): [{code}] skipped",
                  where)
        return None
    return _Code(code, start, end)


def actor_kind(code: str) -> str:
    """Dyad kind of a peer actor code: a bare three-letter code (a country, region, ethnic or
    religious group) is a `name`, which composes with agents ("Iraqi defense minister");
    anything longer, and an international code (IGO, NGO, MNC, ...), is an `org`. A person
    coded with a role (USAGOV) is also an `org`: the peer formats do not mark persons."""
    first = code.split("/")[0]  # several actors named at once ([FRO/BIL/SAM]): as the first
    return "name" if len(first) == 3 and first not in INTERNATIONAL else "org"


@dataclass
class _Block:
    line: int  # line of the primary phrase
    phrases: list[tuple[str, int, str]] = field(default_factory=list)  # (phrase, line, raw)
    codes: list[_Code] = field(default_factory=list)
    skipped_codes: int = 0


def _split_brackets(text: str) -> tuple[str, list[str], str] | None:
    """(text before the first '[', contents of each [...], text after them) or None when the
    brackets do not pair."""
    depth, start, contents, outside = 0, 0, [], []
    for i, ch in enumerate(text):
        if ch == "[":
            if depth:
                return None
            outside.append(text[start:i])
            depth, start = 1, i + 1
        elif ch == "]":
            if not depth:
                return None
            contents.append(text[start:i])
            depth, start = 0, i + 1
    if depth:
        return None
    outside.append(text[start:])
    between = " ".join(s.strip() for s in outside[1:]).strip()
    return outside[0], contents, between


_TAG_RE = re.compile(r"<(/?)([A-Za-z_]+)>")


def _read_petrarch_actors(path: Path) -> ReadResult:
    notes = _Notes()
    problems: list[str] = []
    lines = _load_lines(path, notes)
    blocks: list[_Block] = []
    block: _Block | None = None
    skip_tag: str | None = None
    for number, text in _clean_lines(lines):
        where = f"{path}:{number}"
        tag = _TAG_RE.fullmatch(text)
        if skip_tag is not None:
            if tag and tag.group(1) and tag.group(2).upper() == skip_tag:
                skip_tag = None
            continue
        if tag:
            if not tag.group(1):
                skip_tag = tag.group(2).upper()
                notes.add(f"TABARI <{skip_tag}> list skipped (word classes for TABARI's parser, not actors)",
                          where)
            continue
        if text.startswith("~~"):
            notes.add("TABARI end-of-file marker (~~FINISH) ignored", where)
            continue
        parts = _split_brackets(text)
        if parts is None:
            problems.append(f"{where}: unbalanced brackets in {text!r}")
            continue
        before, contents, after = parts
        if after:
            notes.add("text after the codes ignored (a comment without '#'?)", where)
        synonym = before.startswith("+")
        code_line = not before.strip()
        if code_line and not contents:
            continue
        if not code_line:
            raw = before[1:] if synonym else before
            phrase, _ = _phrase_text(raw)
            if not phrase:
                problems.append(f"{where}: empty phrase")
                continue
            if re.search(r"[{}<>=\]]", phrase):
                problems.append(f"{where}: unexpected character in phrase {phrase!r}")
                continue
            if synonym and block is None:
                problems.append(f"{where}: synonym {phrase!r} before any primary phrase")
                continue
            if not synonym:
                block = _Block(line=number)
                blocks.append(block)
            assert block is not None
            block.phrases.append((phrase, number, raw))
        elif block is None:
            problems.append(f"{where}: code line before any phrase")
            continue
        for content in contents:
            code = _parse_code(content, where, problems, notes)
            if code is None:
                block.skipped_codes += 1
            elif code not in block.codes:
                block.codes.append(code)
        if synonym and contents:
            notes.add("a code on a '+' synonym line applies to the whole phrase group", where)

    # phrase → (block index, entries); a phrase defined again in a later group replaces the
    # earlier definition, as in PETRARCH (the last definition read wins)
    by_phrase: dict[str, tuple[int, list[ActorEntry]]] = {}
    kept_caps: list[str] = []
    stems: list[str] = []
    for index, blk in enumerate(blocks):
        if not blk.codes:
            if not blk.skipped_codes:
                problems.append(f"{path}:{blk.line}: no code for {blk.phrases[0][0]!r} (nor for its synonyms; "
                                "a synonym missing its '+'?)")
            continue
        for phrase, number, raw in blk.phrases:
            where = f"{path}:{number}"
            text, caps = _actor_case(phrase)
            if caps:
                kept_caps.append(where)
            if _is_stem(raw):
                stems.append(where)
            key = _norm(text)
            previous = by_phrase.get(key)
            if previous is not None and previous[0] != index:
                notes.add("phrase defined again in a later group: the later definition replaces the earlier one "
                          "(as in PETRARCH)", where)
                previous = None
            entries = previous[1] if previous is not None else []
            for code in blk.codes:
                entry = ActorEntry(code=code.code, kind=actor_kind(code.code), phrase=text, start=code.start,
                                   end=code.end, origin=where)
                if all((e.code, e.start, e.end) != (code.code, code.start, code.end) for e in entries):
                    entries.append(entry)
            by_phrase[key] = (index, entries)
    dictionary = ActorDictionary()
    for _, entries in by_phrase.values():
        for entry in entries:
            dictionary.add(entry)
    for where in stems:
        notes.add("phrase without the final '_': a stem in TABARI and PETRARCH-1 (its last word matches as a "
                  "prefix: ARGENTIN → Argentina); read as the whole words written, as PETRARCH-2 does", where)
    for where in kept_caps:
        notes.add("one-word abbreviation kept in capitals: Dyad matches it case-sensitively (US ≠ us)", where)
    problems.sort(key=_line_of)
    dictionary.problems = problems
    count = sum(len(v) for v in dictionary.entries.values())
    out_notes = [f"{path}: {len(blocks)} phrase groups, {len(dictionary.entries)} phrases, {count} entries"]
    return ReadResult(dictionary, count, problems, out_notes + notes.render(), "actors", "petrarch")


def read_actors(path: Path | str, fmt: str | None = None) -> ReadResult:
    """An actor dictionary (PETRARCH/TABARI `.actors` or Dyad actor TSV) as an ActorDictionary."""
    path = Path(path)
    fmt = fmt or _format_of(path, "actors")
    if fmt == "dyad":
        d = ActorDictionary()
        d.read(path)
        return ReadResult(d, sum(len(v) for v in d.entries.values()), list(d.problems), [], "actors", "dyad")
    return _read_petrarch_actors(path)


def write_actors(dictionary: ActorDictionary, path: Path | str) -> None:
    """An ActorDictionary as a Dyad actor TSV (docs/dictionaries.md, "Actor dictionaries")."""
    out = ["# Dyad actor dictionary (docs/dictionaries.md, \"Actor dictionaries\")",
           "# CODE<TAB>KIND<TAB>PHRASE[<TAB>FROM[<TAB>TO]]"]
    for entries in dictionary.entries.values():
        for e in entries:
            cols = [e.code, e.kind, e.phrase]
            if e.dated:
                cols.append(e.start.isoformat() if e.start else "")
                if e.end:
                    cols.append(e.end.isoformat())
            out.append("\t".join(cols))
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Agent dictionaries

_MARKER_RE = re.compile(r"!([A-Za-z0-9_]+)!")
_SUBST_DEF_RE = re.compile(r"!([A-Za-z0-9_]+)!\s*=\s*(.*)")
_AGENT_RE = re.compile(
    r"(?P<phrase>[^\[\]{}]*?)\s*(?:\{(?P<plural>[^{}\[\]]*)\})?\s*\[(?P<code>[^\[\]]*)\]\s*(?P<rest>.*)"
)


def _agent_code(raw: str, where: str, problems: list[str], notes: _Notes) -> tuple[tuple[str, ...], bool] | None:
    """(sectors, prefix) of an agent code: `[~GOV]` follows the actor's code, `[NGO~]` goes
    before it (NGO~ + IRQ → NGOIRQ)."""
    code = "".join(raw.split())
    prefix = False
    if code.startswith("~"):
        code = code[1:]
    elif code.endswith("~"):
        code = code[:-1]
        prefix = True
    else:
        problems.append(f"{where}: agent code [{raw.strip()}] needs a '~' before (sector) or after (prefix) it")
        return None
    if code != code.upper():
        notes.add("lower-case agent code upper-cased", where)
        code = code.upper()
    if not _SECTORS_RE.fullmatch(code):
        problems.append(f"{where}: bad agent code [{raw.strip()}] (groups of three capital letters)")
        return None
    return tuple(code[i:i + 3] for i in range(0, len(code), 3)), prefix


def _expand_markers(raw: str, sets: dict[str, list[str]], where: str, problems: list[str],
                    notes: _Notes) -> list[str] | None:
    """The phrases a `!SET!` substitution marker stands for ("CONGRESS!PERSON!" →
    CONGRESSMAN, CONGRESSMEN, ...); a later marker inside a word is the word itself
    ("AD!MINIST!RATIVE" → ADMINISTRATIVE: a search-and-replace accident in Phoenix)."""
    if raw.count("!") % 2:
        problems.append(f"{where}: unbalanced '!' in {raw.strip()!r}")
        return None
    pieces: list[list[str]] = []
    pos = 0
    for i, m in enumerate(_MARKER_RE.finditer(raw)):
        pieces.append([raw[pos:m.start()]])
        name = m.group(1)
        inside = m.start() > 0 and raw[m.start() - 1].isalpha() and m.end() < len(raw) and raw[m.end()].isalpha()
        if i and inside:
            notes.add("substitution marker inside a word read as the word itself (AD!MINIST!RATIVE → "
                      "ADMINISTRATIVE)", where)
            pieces.append([name])
        elif name in sets:
            pieces.append(sets[name])
        else:
            problems.append(f"{where}: substitution set !{name}! is not defined (define it above: "
                            f"!{name}! = A, B, C)")
            return None
        pos = m.end()
    pieces.append([raw[pos:]])
    return ["".join(p) for p in product(*pieces)]


def _read_petrarch_agents(path: Path) -> ReadResult:
    notes = _Notes()
    problems: list[str] = []
    lines = _load_lines(path, notes)
    d = AgentDictionary()
    sets: dict[str, list[str]] = {}
    count = 0
    for number, text in _clean_lines(lines):
        where = f"{path}:{number}"
        if "=" in text and "[" not in text and text.startswith("!"):
            m = _SUBST_DEF_RE.fullmatch(text)
            values = [v.strip() for v in m.group(2).split(",") if v.strip()] if m else []
            if not m or not values:
                problems.append(f"{where}: bad substitution set (expected !NAME! = A, B, C)")
                continue
            sets[m.group(1)] = values
            continue
        if "[" not in text:
            problems.append(f"{where}: no agent code [~CODE] for {text!r}")
            continue
        if text.count("[") != text.count("]") or text.count("{") != text.count("}"):
            problems.append(f"{where}: unbalanced brackets in {text!r}")
            continue
        m = _AGENT_RE.fullmatch(text)
        if not m:
            problems.append(f"{where}: malformed agent line (expected PHRASE [{{PLURAL}}] [~CODE])")
            continue
        if m.group("rest"):
            notes.add("text after the agent code ignored", where)
        parsed = _agent_code(m.group("code"), where, problems, notes)
        if parsed is None:
            continue
        sectors, prefix = parsed
        raw = m.group("phrase").strip()
        if not raw:
            problems.append(f"{where}: empty agent phrase")
            continue
        forms: list[list[str]]  # [singular, plural?] per entry
        if "!" in raw:
            expanded = _expand_markers(raw, sets, where, problems, notes)
            if expanded is None:
                continue
            if m.group("plural") is not None:
                notes.add("{plural} ignored on a substitution-marker line (the set gives every form)", where)
            forms = [[_phrase_text(e)[0]] for e in expanded]
        else:
            singular, stopped = _phrase_text(raw)
            if m.group("plural") is not None:
                plural = _phrase_text(m.group("plural"))[0]
                forms = [[singular, plural] if plural else [singular]]
            elif stopped:
                notes.add("agent ending in '_' (an exact word) gets no generated plural", where)
                forms = [[singular]]
            else:
                forms = [[singular, pluralize(singular.lower())]]
        for group in forms:
            group = [_norm(f) for f in group if _norm(f)]
            if not group:
                continue
            entry = AgentEntry(sectors=sectors, phrase=group[0], origin=where, prefix=prefix)
            count += 1
            for form in dict.fromkeys(group):
                old = d.entries.get(form)
                if old is not None and old.sectors != sectors:
                    notes.add("agent phrase defined again with another code: the later one wins (as in PETRARCH)",
                              where)
                d.entries[form] = entry
    d.problems = problems
    out_notes = [f"{path}: {count} agent entries, {len(d.entries)} phrases with their plurals",
                 "regular plurals are generated with Dyad's English rules (-y → -ies after a consonant, "
                 "-s/-x/-z/-ch/-sh → -es, -man → -men); PETRARCH adds -S/-ES/-IES without them"]
    return ReadResult(d, count, problems, out_notes + notes.render(), "agents", "petrarch")


def read_agents(path: Path | str, fmt: str | None = None) -> ReadResult:
    """An agent dictionary (PETRARCH/TABARI `.agents` or Dyad agent TSV) as an AgentDictionary."""
    path = Path(path)
    fmt = fmt or _format_of(path, "agents")
    if fmt == "dyad":
        d = AgentDictionary()
        d.read(path)
        count = len({id(e) for e in d.entries.values()})
        return ReadResult(d, count, list(d.problems), [], "agents", "dyad")
    return _read_petrarch_agents(path)


def write_agents(dictionary: AgentDictionary, path: Path | str) -> None:
    """An AgentDictionary as a Dyad agent TSV (docs/dictionaries.md, "Agent dictionary"):
    one line per entry with its phrase and plural; a phrase without a plural carries itself
    as PLURAL (so that none is generated when it is read back)."""
    groups: dict[int, tuple[AgentEntry, list[str]]] = {}
    for form, entry in dictionary.entries.items():
        groups.setdefault(id(entry), (entry, []))[1].append(form)
    out = ["# Dyad agent dictionary (docs/dictionaries.md, \"Agent dictionary\")",
           "# SECTOR<TAB>PHRASE[<TAB>PLURAL]   (SECTOR~: a code put before the actor's, NGO~ + IRQ → NGOIRQ)"]
    for entry, forms in groups.values():
        sector = "".join(entry.sectors) + ("~" if entry.prefix else "")
        singular = _norm(entry.phrase)
        if singular in forms:
            rest = [f for f in forms if f != singular]
            if rest:
                plural = rest.pop(0)
                out.append(f"{sector}\t{singular}" + ("" if plural == pluralize(singular) else f"\t{plural}"))
            else:
                out.append(f"{sector}\t{singular}\t{singular}")
        else:
            rest = forms
        out.extend(f"{sector}\t{form}\t{form}" for form in rest)
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Discards


@dataclass(frozen=True)
class Discards:
    """Phrases that discard a sentence, or the whole story, they occur in."""

    sentence: frozenset[str] = frozenset()
    story: frozenset[str] = frozenset()
    problems: tuple[str, ...] = field(default=(), compare=False)
    notes: tuple[str, ...] = field(default=(), compare=False)

    @cached_property
    def _index(self) -> dict[str, list[tuple[tuple[str, ...], bool]]]:
        """First word → (words, is story-level), story-level phrases first."""
        index: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
        for is_story, phrases in ((True, self.story), (False, self.sentence)):
            for phrase in sorted(phrases):
                words = tuple(_tokens(phrase))
                if words:
                    index.setdefault(words[0], []).append((words, is_story))
        return index

    def match(self, text_lower_tokens: str | Sequence[str]) -> str | None:
        """"story" when a story-level phrase occurs in the text (as whole words), else
        "sentence" when a sentence-level one does, else None. The text is a string or a
        sequence of tokens (spaCy's, lower-cased or not)."""
        words = _tokens(text_lower_tokens)
        index = self._index
        found = False
        for i, word in enumerate(words):
            for phrase, is_story in index.get(word, ()):
                if tuple(words[i:i + len(phrase)]) == phrase:
                    if is_story:
                        return "story"
                    found = True
        return "sentence" if found else None

    def __len__(self) -> int:
        return len(self.sentence) + len(self.story)


def _read_petrarch_discards(path: Path) -> Discards:
    notes = _Notes()
    problems: list[str] = []
    lines = _load_lines(path, notes)
    sentence: dict[str, None] = {}
    story: dict[str, None] = {}
    for number, text in _clean_lines(lines):
        where = f"{path}:{number}"
        if re.search(r"\S\t+\S", cut_comment(lines[number - 1])) or lines[number - 1].count("\t") >= 3:
            problems.append(f"{where}: tab-separated columns: not a discard phrase")
            continue
        is_story = text.startswith("+")
        raw = text[1:] if is_story else text
        if re.search(r"[\[\]{}]", raw):
            problems.append(f"{where}: unexpected bracket in discard phrase {raw.strip()!r}")
            continue
        phrase = _norm(_phrase_text(raw)[0])
        if not _tokens(phrase):
            problems.append(f"{where}: empty discard phrase")
            continue
        if _is_stem(raw):
            notes.add("discard phrase without the final '_': PETRARCH-1 matched it as a stem (a substring of the "
                      "text); Dyad matches whole words, as PETRARCH-2 does", where)
        (story if is_story else sentence)[phrase] = None
    if len(problems) > len(sentence) + len(story):
        notes.add(f"{path}: more lines rejected than read: is this a discard list?")
    both = set(sentence) & set(story)
    if both:
        notes.add(f"{path}: {len(both)} phrases are both sentence- and story-level discards: story-level kept")
    return Discards(frozenset(sentence.keys() - both), frozenset(story), tuple(problems),
                    tuple([f"{path}: {len(sentence) - len(both)} sentence-level, {len(story)} story-level "
                           "discard phrases"] + notes.render()))


def _read_dyad_discards(path: Path) -> Discards:
    problems: list[str] = []
    sentence: set[str] = set()
    story: set[str] = set()
    for where, cols in tsv_rows(path):
        if len(cols) != 2 or cols[0] not in ("sentence", "story") or not _tokens(cols[1]):
            problems.append(f"{where}: expected sentence|story<TAB>PHRASE")
            continue
        (story if cols[0] == "story" else sentence).add(_norm(cols[1]))
    return Discards(frozenset(sentence - story), frozenset(story), tuple(problems), ())


def read_discards(path: Path | str, fmt: str | None = None) -> Discards:
    """A discard list (PETRARCH/TABARI or Dyad `discards.tsv`)."""
    path = Path(path)
    fmt = fmt or _format_of(path, "discards")
    return _read_dyad_discards(path) if fmt == "dyad" else _read_petrarch_discards(path)


def write_discards(discards: Discards, path: Path | str) -> None:
    """Discards as a Dyad `discards.tsv`: `sentence<TAB>PHRASE` or `story<TAB>PHRASE`."""
    out = ["# Dyad discard list (docs/dictionaries.md, \"Discard lists\")", "# sentence|story<TAB>PHRASE"]
    out += [f"story\t{p}" for p in sorted(discards.story)]
    out += [f"sentence\t{p}" for p in sorted(discards.sentence)]
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Issues


@dataclass(frozen=True)
class Issues:
    """Issue codes and the phrases that signal them; a negative phrase of an issue stops the
    issue's phrases inside it from counting ("olive oil" is not OIL)."""

    phrases: frozenset[tuple[str, str]] = frozenset()  # (issue code, phrase)
    negatives: frozenset[tuple[str, str]] = frozenset()  # (issue code, phrase that must not count)
    problems: tuple[str, ...] = field(default=(), compare=False)
    notes: tuple[str, ...] = field(default=(), compare=False)

    @cached_property
    def _index(self) -> dict[str, list[tuple[tuple[str, ...], str, bool]]]:
        index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        for negative, pairs in ((False, self.phrases), (True, self.negatives)):
            for code, phrase in sorted(pairs):
                words = tuple(_tokens(phrase))
                if words:
                    index.setdefault(words[0], []).append((words, code, negative))
        return index

    def counts(self, text: str | Sequence[str]) -> dict[str, int]:
        """Issue code → number of its phrases in the text (whole words, case-insensitive),
        in the order the issues first occur."""
        words = _tokens(text)
        index = self._index
        hits: list[tuple[int, int, str]] = []
        blocked: list[tuple[int, int, str]] = []
        for i, word in enumerate(words):
            for phrase, code, negative in index.get(word, ()):
                n = len(phrase)
                if tuple(words[i:i + n]) == phrase:
                    (blocked if negative else hits).append((i, i + n, code))
        out: dict[str, int] = {}
        for start, end, code in hits:
            if not any(c == code and s <= start and end <= e for s, e, c in blocked):
                out[code] = out.get(code, 0) + 1
        return out

    def match(self, text: str | Sequence[str]) -> list[str]:
        """The issue codes found in a sentence, in order of first occurrence."""
        return list(self.counts(text))

    def __len__(self) -> int:
        return len(self.phrases) + len(self.negatives)


def _verb_forms(w: str) -> list[str]:
    if w.endswith("e"):
        forms = [w, w + "s", w + "d", w[:-1] + "ing"]
    elif re.search(r"[^aeiou]y$", w):
        forms = [w, w[:-1] + "ies", w[:-1] + "ied", w + "ing"]
    elif re.search(r"(s|x|z|ch|sh)$", w):
        forms = [w, w + "es", w + "ed", w + "ing"]
    else:
        forms = [w, w + "s", w + "ed", w + "ing"]
        if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", w):  # kidnap → kidnapped (and kidnaped)
            forms += [w + w[-1] + "ed", w + w[-1] + "ing"]
    return forms


def _issue_forms(text: str) -> list[str]:
    """The phrases a PETRARCH issue pattern stands for: `n:word` → singular and plural,
    `v:word` → the verb's regular forms, `a+b` → "a b" and "a-b"."""
    alternatives: list[list[str]] = []
    for token in text.lower().replace("_", " ").split():
        parts = [p for p in token.split("+") if p]
        part_forms = []
        for p in parts:
            if p.startswith("n:") and len(p) > 2:
                part_forms.append([p[2:], pluralize(p[2:])])
            elif p.startswith("v:") and len(p) > 2:
                part_forms.append(_verb_forms(p[2:]))
            else:
                part_forms.append([p])
        token_forms: list[str] = []
        for combo in product(*part_forms):
            for joins in product((" ", "-"), repeat=len(combo) - 1):
                s = combo[0] + "".join(j + p for j, p in zip(joins, combo[1:]))
                token_forms.append(s)
        if token_forms:
            alternatives.append(list(dict.fromkeys(token_forms)))
    return list(dict.fromkeys(" ".join(c) for c in product(*alternatives))) if alternatives else []


_ISSUE_TAG_RE = re.compile(r"<ISSUE\b(?P<attrs>[^>]*)>", re.IGNORECASE)
_ATTR_RE = re.compile(r"(\w+)\s*=\s*\"([^\"]*)\"")
_ISSUE_SEGMENT_RE = re.compile(r"([^\[\]]*)\[([^\[\]]*)\]")


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def _read_petrarch_issues(path: Path) -> Issues:
    notes = _Notes()
    problems: list[str] = []
    lines = _load_lines(path, notes)
    phrases: dict[tuple[str, str], None] = {}
    negatives: dict[tuple[str, str], None] = {}
    section: list = ["", {}, []]  # category, {code: [forms]}, [(where, forms)] negatives
    patterns = 0

    def close_section() -> None:
        _, codes, pending = section
        for where, forms in pending:
            words = [tuple(_tokens(f)) for f in forms]
            inside = [c for c, pos in codes.items()
                      if any(_contains(w, tuple(_tokens(p))) for w in words for p in pos)]
            targets = inside or list(codes)
            if not targets:
                problems.append(f"{where}: negative phrase in a section without issue codes")
                continue
            for code in targets:
                for f in forms:
                    negatives[(code, f)] = None
        section[:] = ["", {}, []]

    for number, text in _clean_lines(lines):
        where = f"{path}:{number}"
        if text.startswith("<"):
            tag = _ISSUE_TAG_RE.fullmatch(text)
            if tag:
                close_section()
                attrs = dict(_ATTR_RE.findall(tag.group("attrs")))
                section[0] = attrs.get("CATEGORY", "")
                kind = attrs.get("TYPE", "ALL")
                if kind != "ALL":
                    notes.add(f"section TYPE=\"{kind}\" read like TYPE=\"ALL\"", where)
            elif re.fullmatch(r"</ISSUE\s*>", text, re.IGNORECASE):
                close_section()
            else:
                problems.append(f"{where}: unknown tag {text!r}")
            continue
        if text.startswith("~"):
            story = text.startswith("~~")
            if story:
                notes.add("story-level negative phrase (~~) applied to the sentence", where)
            forms = _issue_forms(text.lstrip("~"))
            if not any(_tokens(f) for f in forms):
                problems.append(f"{where}: empty negative phrase")
                continue
            section[2].append((where, forms))
            patterns += 1
            continue
        segments = _ISSUE_SEGMENT_RE.findall(text)
        if not segments:
            problems.append(f"{where}: no issue code [CODE] for {text!r}")
            continue
        tail = _ISSUE_SEGMENT_RE.sub("", text).strip()
        if tail:
            notes.add("text after the issue code ignored", where)
        last = None
        for raw, code in segments:
            code = code.strip()
            if not _ISSUE_CODE_RE.fullmatch(code):
                problems.append(f"{where}: bad issue code [{code}]")
                continue
            if not raw.strip():
                if code != last:
                    problems.append(f"{where}: issue code [{code}] without a phrase")
                continue
            forms = [f for f in _issue_forms(raw) if _tokens(f)]
            if not forms:
                problems.append(f"{where}: empty issue phrase")
                continue
            if len(segments) > 1 and raw.strip() and last is not None:
                notes.add("two patterns on one line read as two lines", where)
            last = code
            patterns += 1
            section[1].setdefault(code, []).extend(forms)
            for f in forms:
                phrases[(code, f)] = None
    close_section()
    summary = (f"{path}: {patterns} issue patterns → {len(phrases)} phrases, {len(negatives)} negative phrases "
               f"of {len({c for c, _ in phrases})} issues; a negative phrase (~) stops the issue phrases inside it "
               "from counting (PETRARCH cancels every issue of the sentence)")
    return Issues(frozenset(phrases), frozenset(negatives), tuple(problems), tuple([summary] + notes.render()))


def _read_dyad_issues(path: Path) -> Issues:
    problems: list[str] = []
    phrases: set[tuple[str, str]] = set()
    negatives: set[tuple[str, str]] = set()
    for where, cols in tsv_rows(path):
        if len(cols) != 2 or not _ISSUE_CODE_RE.fullmatch(cols[0]):
            problems.append(f"{where}: expected ISSUE<TAB>PHRASE (or ISSUE<TAB>-PHRASE)")
            continue
        negative = cols[1].startswith("-")
        phrase = _norm(cols[1][1:] if negative else cols[1])
        if not _tokens(phrase):
            problems.append(f"{where}: empty phrase")
            continue
        (negatives if negative else phrases).add((cols[0], phrase))
    return Issues(frozenset(phrases), frozenset(negatives), tuple(problems), ())


def read_issues(path: Path | str, fmt: str | None = None) -> Issues:
    """An issue dictionary (PETRARCH `IssueCoding` or Dyad `issues.tsv`)."""
    path = Path(path)
    fmt = fmt or _format_of(path, "issues")
    return _read_dyad_issues(path) if fmt == "dyad" else _read_petrarch_issues(path)


def write_issues(issues: Issues, path: Path | str) -> None:
    """Issues as a Dyad `issues.tsv`: `ISSUE<TAB>PHRASE`, `ISSUE<TAB>-PHRASE` for a phrase
    that must not count."""
    out = ["# Dyad issue dictionary (docs/dictionaries.md, \"Issue dictionaries\")",
           "# ISSUE<TAB>PHRASE, or ISSUE<TAB>-PHRASE for a phrase that must not count"]
    rows = sorted([(c, False, p) for c, p in issues.phrases] + [(c, True, p) for c, p in issues.negatives])
    out += [f"{c}\t{'-' if neg else ''}{p}" for c, neg, p in rows]
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Format detection and a single entry point


_AGENT_CODE_RE = re.compile(r"\[\s*~\s*[A-Za-z]{3}[^\[\]]*\]|\[\s*[A-Za-z]{3,}\s*~\s*\]")
# a peer actor line with a code: `PHRASE [CODE]`, `+SYNONYM [CODE]`, `[CODE <date]`, ...
_CODE_BLOCK = r"\[\s*[A-Za-z0-9/#+\-]{2,}\s*(?:[<>]?\s*\d{6,9}(?:\s*-\s*\d{6,9})?)?\s*\]"
_ACTOR_LINE_RE = re.compile(rf"(?:\+?[^\[\]\s][^\[\]]*)?(?:\s*{_CODE_BLOCK})+[^\[\]]{{0,80}}")
_PHRASE_LINE_RE = re.compile(r"\+?[A-Z0-9][^\[\]\t,]*")


def _sample(path: Path, n: int = 400) -> tuple[list[str], list[str]]:
    """(raw non-blank, non-comment lines; lines cleaned as PETRARCH does) from the start of a file."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        head = []
        for line in fh:
            head.append(line.rstrip("\r\n"))
            if len(head) >= 4 * n:
                break
    raw = [t for t in head if t.strip() and not t.lstrip().startswith("#")][:n]
    cleaned = [t for _, t in _clean_lines(head)][:n]
    return raw, cleaned


def detect_format(path: Path | str) -> tuple[str, str] | None:
    """(kind, format) of an actor, agent, discard or issue dictionary: kind is one of
    "actors", "agents", "discards", "issues"; format "petrarch" (PETRARCH, PETRARCH-2,
    TABARI) or "dyad". None when the file is none of these (a verb dictionary, a pattern
    file, an empty file)."""
    path = Path(path)
    if not path.is_file():
        return None
    raw, cleaned = _sample(path)
    if not cleaned:
        return None
    name = path.name.lower()
    hint = next((k for k in DICTIONARY_KINDS if k.rstrip("s") in name), None)
    cols = [line.split("\t") for line in raw]

    def most(pred) -> bool:  # nearly every line (a few malformed ones are reported on reading)
        return bool(cols) and sum(1 for c in cols if pred(c)) >= 0.9 * len(cols)

    if most(lambda c: len(c) >= 3 and c[1].strip() in KINDS):
        return "actors", "dyad"
    if most(lambda c: len(c) == 2 and c[0].strip() in ("sentence", "story")):
        return "discards", "dyad"
    issue_like = most(lambda c: len(c) == 2 and re.fullmatch(r"[A-Z][A-Z0-9_\-]*", c[0].strip()) and c[1].strip()
                      and not re.search(r"[\[\]]", c[1]))
    if issue_like and (hint == "issues" or any(len(c) == 2 and c[1].strip().startswith("-") for c in cols)):
        return "issues", "dyad"
    if most(lambda c: len(c) in (2, 3) and _SECTORS_RE.fullmatch(c[0].strip().removesuffix("~")) and c[1].strip()
            and not re.search(r"[,:;()\[\]]", " ".join(c[1:])) and len(" ".join(c[1:]).split()) <= 12):
        return "agents", "dyad"
    # the PETRARCH / TABARI family: verb dictionaries first (their lines also hold [codes])
    if any(re.match(r"---\s*\S|-\s|&[A-Za-z]", t) for t in cleaned):
        return None
    if any(_ISSUE_TAG_RE.match(t) for t in cleaned) or (
            hint == "issues" and any(_ISSUE_SEGMENT_RE.search(t) for t in cleaned)):
        return "issues", "petrarch"
    if any(_AGENT_CODE_RE.search(t) for t in cleaned) and \
            sum(bool(_AGENT_CODE_RE.search(t) or _SUBST_DEF_RE.fullmatch(t)) for t in cleaned) >= 0.5 * len(cleaned):
        return "agents", "petrarch"
    lines = [t for t in cleaned if not _TAG_RE.fullmatch(t)]  # TABARI's <NOUN> lists
    coded = sum(bool(_ACTOR_LINE_RE.fullmatch(t)) for t in lines)
    phrases = sum(bool(_PHRASE_LINE_RE.fullmatch(t)) for t in lines)
    if coded and (hint == "actors" or (coded >= 0.25 * len(lines) and coded + phrases >= 0.85 * len(lines))):
        return "actors", "petrarch"
    if hint == "discards":
        return "discards", "petrarch"
    return None


def _format_of(path: Path, kind: str) -> str:
    found = detect_format(path)
    if found is not None and found[0] == kind:
        return found[1]
    # a file that is not clearly Dyad's TSV of that kind is read as a peer dictionary, which
    # reports its malformed lines
    return "petrarch"


def read_dictionary(path: Path | str, kind: str | None = None, fmt: str | None = None) -> ReadResult:
    """Any of the four kinds, detected unless given, as a ReadResult (its model an
    ActorDictionary, an AgentDictionary, Discards or Issues)."""
    path = Path(path)
    if kind is None:
        found = detect_format(path)
        if found is None:
            raise ValueError(f"{path}: not an actor, agent, discard or issue dictionary")
        kind, fmt = found[0], fmt or found[1]
    if kind == "actors":
        return read_actors(path, fmt)
    if kind == "agents":
        return read_agents(path, fmt)
    if kind == "discards":
        d = read_discards(path, fmt)
        return ReadResult(d, len(d), list(d.problems), list(d.notes), "discards", fmt or _format_of(path, kind))
    if kind == "issues":
        i = read_issues(path, fmt)
        return ReadResult(i, len(i), list(i.problems), list(i.notes), "issues", fmt or _format_of(path, kind))
    raise ValueError(f"unknown dictionary kind {kind!r} (one of {', '.join(DICTIONARY_KINDS)})")
