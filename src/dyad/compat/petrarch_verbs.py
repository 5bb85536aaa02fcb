"""PETRARCH-2, PETRARCH-1 and TABARI verb dictionaries read into Dyad's pattern model.

    from dyad.compat.petrarch_verbs import read_verbs, write_verbs
    result = read_verbs(Path("CAMEO.2.0.txt"), default_ontology())
    print(result.summary())                    # counts, approximations, problems
    write_verbs(result.patterns, Path("verbs.txt"))   # Dyad's own pattern syntax

The three dialects share one line grammar (written from the files and their header comments):

- `&NAME` starts a synonym set, whose `+ENTRY` lines follow (PETRARCH; TABARI keeps them
  in a `<SYNSETS>` section). An entry may be several words and may name another set.
- `--- NAME [code] ---` starts a verb block (PETRARCH-1 and -2); the verb lines under it
  share the block's patterns and default code. TABARI has no blocks: every verb line
  (`VERB [code]`) starts its own.
- A verb line is `VERB {IRREGULAR FORMS} [code]`; a multi-word verb joins its words with
  `_` and marks the verb with `+` (`+CORDON_OFF`, `WIRE_+TAP`), or is written with spaces
  (`LASH OUT`).
- A pattern line is `- WORDS * WORDS [code]`: `*` is the verb; words before it constrain
  the clause before the verb, words after it the verb phrase. `+` target, `$` source,
  `%` compound actor, `^` skip a noun phrase, `&NAME` a synonym set; `_` joins adjacent
  words; PETRARCH-2 groups a noun phrase in `{...}` and a prepositional phrase in `(...)`;
  TABARI writes alternatives as `{ A | B }`.
- Codes: `[042]`, `[---]` (no event), `[042:043]` (the event and its reverse, target to
  source), `[:173]` (only the reverse), `[023?]` (a weak code, used when nothing else is
  coded), `[080!]` (a strong code).
- `~ a (b c VERB) VERB2 = x y CODE` (PETRARCH-2): a transformation of a verb-in-verb
  construction.
- Comments: `#` (PETRARCH), `;` (TABARI), `<!-- ... -->` (the PETRARCH validation files).

The mapping to Dyad's patterns and what could only be approximated are documented in
docs/dictionaries.md ("Reading PETRARCH and TABARI verb dictionaries").
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dyad.compat import cut_comment
from dyad.ontology import Ontology
from dyad.patterns import PARTICLES, Item, Pattern, PatternError, PatternSet, _before_words, parse_pattern

DIALECTS = ("petrarch2", "petrarch1", "tabari")
BEFORE_MODES = ("drop", "modifiers")
MAX_VARIANTS = 64  # Dyad patterns one peer pattern may expand to (synonym sets with phrases)
MAX_STEM_COMPLETIONS = 3
ARTICLES = frozenset({"a", "an", "the"})
NOT_STEMS = frozenset("should would could must might shall will can may ought".split())
# "_" joins words that follow one another directly (READ_ALOUD, RECENTLY_*): kept as a
# marker between them, written back as a Dyad word chain (`really_pleasant`)
MARKERS = frozenset({"*", "+", "$", "^", "%", "_"})
SPECIAL_NULL_CODES = frozenset({"###", "+++"})  # TABARI/PETRARCH "do not code" markers
_DYAD_WORD = re.compile(r"^[a-z0-9][a-z0-9'\-.]*$")
_CODE = re.compile(r"^(?P<a>---|\d{3,4}|)(?P<am>[?!]?)(?::(?P<b>---|\d{3,4}|)(?P<bm>[?!]?))?$")
_HEADER = re.compile(r"^---+\s*(?P<name>[^\[\s-][^\[]*?)\s*(?P<codes>(?:\[[^\]]*\]\s*)*)[-\s]*$")
_PATTERN = re.compile(r"^-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*(?P<rest>.*)$")
_BRACKETS = re.compile(r"\[([^\]]*)\]")
_BRACES = re.compile(r"\{([^}]*)\}")
_TRANSFORM = re.compile(
    r"^~\s*(?P<a>\S+)\s*\(\s*(?P<x>\S+)\s+(?P<y>\S+)\s+(?P<inner>[^\s)]+)\s*\)\s*(?P<outer>\S+)"
    r"\s*=\s*(?P<s>\S+)\s+(?P<t>\S+)\s+(?P<code>\S+)\s*$")

# notes: constructs approximated or dropped (keys of VerbReadResult.notes)
N_BEFORE_DROPPED = "words before the verb (a constraint on the subject or auxiliaries): pattern dropped"
N_BEFORE_MODIFIERS = "words before the verb: kept (before=: in their order before the verb)"
N_VERB_BEFORE_DROPPED = "multi-word verb with words before the verb (WIRE_+TAP): verb dropped"
N_SKIP = "'^' (skip a noun phrase): ignored"
N_COMPOUND_SUBJECT = "'%' compound actor before the verb: coded as symmetric (sym) between the members"
N_COMPOUND_OBJECT = "'%' compound actor after the verb: taken as the target slot"
N_SLOT_IN_NP = "'+'/'$' inside a noun phrase (followed by its noun): slot marker dropped, default actor rules apply"
N_DUP_SLOT = "second '+' or '$' in a pattern: dropped"
N_TARGET_SUBJECT = "'+' before the verb with no '$' source: marker dropped (Dyad's passive handling applies)"
N_REVERSE_ONLY = "reverse-only code [:B]: written as B, the '+' target (or the object) as '$' source"
N_REVERSE_ONLY_FROM = "reverse-only code [:B] with an object word and no slot: written as B with 'from $' added"
N_REVERSE_ONLY_DROPPED = "reverse-only code [:B] with only a prepositional phrase and no slot: dropped"
N_WEAK = "weak code '?': 'say' flag (coded only when the sentence has no other event)"
N_STRONG = "strong code '!': marker ignored"
N_SPECIAL_NULL = "discard code ###: read as '-' (not an event)"
N_COMPLEX = "complex-event code +++ (TABARI): pattern dropped, the verb's other patterns apply"
N_ARTICLE = "article (a, an, the) in a pattern: dropped"
N_BAD_WORD = "word not expressible in Dyad's syntax (n't, punctuation): alternative dropped"
N_NO_WORDS = "pattern with no expressible word left: dropped"
N_TRUNCATED = f"synonym-set expansion above {MAX_VARIANTS} patterns: truncated"
N_TRANSFORM = "'~' transformation: not converted (Dyad's frames combine verb-in-verb events)"
N_FORMS = "irregular forms in braces: not needed (Dyad matches spaCy lemmas)"
N_RE_PREFIX = "RE_+VERB: head written as re-verb|reverb"
N_EXTRA_CODE = "block header with more than one code: the first is used"
N_SECTION = "TABARI section other than <SYNSETS> (<TIME>, <NOUN>, ...): ignored"
N_STEM = "verb stem completed from the lexicon"
N_UNKNOWN_VERB = "verb word not in the lexicon (kept as written)"
REPORTING_HEADS = frozenset({"say", "said", "says", "saying", "tell", "told", "state", "stated"})
N_INFLECTED = "verb entry is an inflected form (said, met, left): kept as written"
N_DUPLICATE = "duplicate Dyad pattern: removed"


@dataclass(frozen=True)
class Transformation:
    """A PETRARCH-2 `~` line: the events of `inner` under `outer` recoded (not converted)."""

    outer: str
    inner: str
    roles: tuple[str, ...]  # a, x, y, s, t
    code: str
    origin: str


@dataclass(frozen=True)
class VerbLexicon:
    """Known verbs, to complete TABARI stems (`ACCUS` → accuse) and flag inflected entries."""

    verbs: frozenset[str]  # base forms
    forms: frozenset[str] = frozenset()  # irregular inflected forms (said, met, left)


@dataclass
class VerbReadResult:
    """What `read_verbs` read. `counts`: 'blocks', 'verb lines', 'synsets', 'pattern lines'
    (= 'converted' + 'dropped' + 'problem lines'), 'dyad patterns' (after duplicates are
    removed). `problems` lists every skipped line (patterns, verb lines, headers, synonym-set
    entries); `notes` counts the lines where a construct was approximated or dropped."""

    path: Path
    dialect: str
    patterns: PatternSet
    problems: list[str] = field(default_factory=list)  # "file:line: reason" (lines skipped)
    notes: Counter = field(default_factory=Counter)  # approximation → number of lines
    examples: dict[str, list[str]] = field(default_factory=dict)  # approximation → first origins
    counts: Counter = field(default_factory=Counter)
    unknown_codes: Counter = field(default_factory=Counter)  # codes not in the ontology
    transformations: list[Transformation] = field(default_factory=list)
    _noted: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def summary(self) -> str:
        c = self.counts
        lines = [
            f"{self.path.name}: {self.dialect}; {c['verb lines']} verb lines in {c['blocks']} blocks, "
            f"{c['synsets']} synonym sets, {c['pattern lines']} pattern lines",
            f"  patterns: {c['pattern lines']} read, {c['converted']} converted, {c['dropped']} dropped, "
            f"{c['problem lines']} problems; {c['dyad patterns']} Dyad patterns",
        ]
        if self.unknown_codes:
            lines.append("  codes not in the ontology: " + ", ".join(
                f"{code}×{n}" for code, n in self.unknown_codes.most_common(12)))
        for note, n in self.notes.most_common():
            lines.append(f"  {n:6d} lines: {note}")
        return "\n".join(lines)

    def _note(self, key: str, origin: str) -> None:
        """Count a construct once per peer line."""
        if (key, origin) in self._noted:
            return
        self._noted.add((key, origin))
        self.notes[key] += 1
        ex = self.examples.setdefault(key, [])
        if len(ex) < 5:
            ex.append(origin)


# -- lines -----------------------------------------------------------------------------------


def _read_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text without comment); line numbers count '\\n' only, as editors do."""
    raw = path.read_bytes().decode("utf-8", errors="replace")
    out: list[tuple[int, str]] = []
    in_xml_comment = False
    for lineno, line in enumerate(raw.split("\n"), 1):
        line = line.rstrip("\r")
        if in_xml_comment:
            if "-->" in line:
                in_xml_comment = False
            continue
        stripped = line.strip()
        if stripped.startswith("<!--"):
            in_xml_comment = "-->" not in stripped
            continue
        out.append((lineno, cut_comment(line).rstrip()))
    return out


def _sample(path: Path, limit: int = 4000) -> list[str]:
    try:
        lines = _read_lines(path)
    except (OSError, UnicodeError):
        return []
    return [text.strip() for _, text in lines[:limit] if text.strip()]


_VERB_LINE = re.compile(r"^[+A-Z0-9][A-Z0-9_ +'\-.]*(\{[^}]*\})?\s*(\[[^\]]*\])?\s*(\{[^}]*\})?$")


def detect(path: Path) -> bool:
    """Whether `path` is a PETRARCH-1/-2 or TABARI verb dictionary: it has `--- NAME [code] ---`
    block headers or `- ... * ... [code]` pattern lines, and most of its lines are lines of
    such a dictionary (actor, agent and Dyad pattern files, or a manual quoting a few
    patterns, are not)."""
    if not path.is_file():
        return False
    lines = _sample(path)
    if not lines:
        return False
    headers = sum(1 for t in lines if t.startswith("---") and _BRACKETS.search(t))
    patterns = sum(1 for t in lines if t.startswith("-") and not t.startswith("--") and "*" in t
                   and _BRACKETS.search(t))
    other = sum(1 for t in lines if t[0] in "&+{~<" or _VERB_LINE.match(t))
    return headers + patterns > 0 and headers + patterns + other >= 0.6 * len(lines)


def detect_dialect(path: Path) -> str:
    """'petrarch2' (blocks; `{}`/`()` phrase groups or `~` lines), 'petrarch1' (blocks, flat
    patterns) or 'tabari' (no blocks: every verb line has its own patterns)."""
    return _dialect([t for _, t in _read_lines(path)])


def _dialect(texts: Iterable[str]) -> str:
    headers = grouped = 0
    for t in texts:
        t = t.strip()
        if t.startswith("---") and _BRACKETS.search(t):
            headers += 1
        elif t.startswith("~"):
            grouped += 1
        elif t.startswith("-") and "*" in t:
            body = t.split("[", 1)[0]
            if "(" in body or ("{" in body and "|" not in body):
                grouped += 1
    if not headers:
        return "tabari"
    return "petrarch2" if grouped else "petrarch1"


# -- codes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Code:
    code: str | None  # CAMEO code, "-" (not an event) or None (reverse only)
    reverse: str | None = None
    weak: bool = False
    strong: bool = False
    special: bool = False  # ### / +++
    complex: bool = False  # +++

    @property
    def null(self) -> bool:
        return self.code == "-" and self.reverse is None


def _parse_code(text: str) -> _Code:
    """A PETRARCH/TABARI code; PatternError when malformed."""
    t = text.strip()
    if t in SPECIAL_NULL_CODES:
        return _Code("-", special=True, complex=t == "+++")
    m = _CODE.match(t)
    if not m:
        raise PatternError(f"bad event code [{t}]")
    a, b = m.group("a"), m.group("b")
    mods = (m.group("am") or "") + (m.group("bm") or "")
    weak, strong = "?" in mods, "!" in mods
    b = None if b in ("", None, "---") else b
    a = None if a in ("", None) or (a == "---" and b is not None) else ("-" if a == "---" else a)
    if a is None and b is None:
        if m.group("b") is None and not t:
            raise PatternError("empty event code []")
        return _Code("-", weak=weak, strong=strong)
    return _Code(a, b, weak, strong)


# -- pattern bodies --------------------------------------------------------------------------


def _lex(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """Tokens of a pattern body: `_` joins words (split here), `{ } ( ) | *` stand alone,
    markers glued to a word are split off; `&NAME` keeps the underscores of a known set name
    (`&FIGHT_OF_WORDS`), the longest one that fits (`&TIETYPES_RELATIONS` is a set and a word)."""
    for ch in "{}()|*":
        text = text.replace(ch, f" {ch} ")
    out: list[str] = []
    for chunk in text.split():
        parts = chunk.split("_")
        i = 0
        while i < len(parts):
            part = parts[i]
            span = 1
            if "&" in part:
                for j in range(i + 1, len(parts) + 1):
                    joined = "_".join(parts[i:j])
                    if joined[joined.index("&") + 1:].rstrip("_").upper() in names:
                        span = j - i
                part = "_".join(parts[i:i + span])
            if i and out and out[-1] != "_":
                out.append("_")  # the part follows the previous one directly
            i += span
            if not part:
                continue
            while len(part) > 1 and part[0] in "+$^%":
                out.append(part[0])
                part = part[1:]
            if len(part) > 1 and part[-1] in "+$^%" and "&" not in part:
                out.extend((part[:-1], part[-1]))  # "PESO$": a trailing marker
                continue
            out.append(part)
    return out


# tree nodes: ("w", word) | ("m", marker) | ("seq", [nodes]) | ("alt", [[nodes], ...])
def _parse_tree(tokens: list[str]) -> list[tuple]:
    pos = 0

    def seq(closer: str | None) -> list[tuple]:
        nonlocal pos
        nodes: list[tuple] = []
        while pos < len(tokens):
            tok = tokens[pos]
            if tok in (")", "}", "|"):
                if closer is None:
                    raise PatternError(f"unbalanced {tok!r}")
                return nodes
            pos += 1
            if tok == "(":
                inner = seq(")")
                expect(")")
                nodes.append(("seq", inner))
            elif tok == "{":
                alts = [seq("}")]
                while pos < len(tokens) and tokens[pos] == "|":
                    pos += 1
                    alts.append(seq("}"))
                expect("}")
                nodes.append(("alt", alts) if len(alts) > 1 else ("seq", alts[0]))
            elif tok in MARKERS:
                nodes.append(("m", tok))
            else:
                nodes.append(("w", tok))
        if closer is not None:
            raise PatternError(f"missing {closer!r}")
        return nodes

    def expect(ch: str) -> None:
        nonlocal pos
        if pos >= len(tokens) or tokens[pos] != ch:
            raise PatternError(f"missing {ch!r}")
        pos += 1

    nodes = seq(None)
    if pos != len(tokens):
        raise PatternError(f"unexpected {tokens[pos]!r}")
    return nodes


class _Expander:
    """Turns pattern trees into Dyad token sequences: synonym sets and `{A | B}` become
    alternatives of one item (`a|b`) when their members are single words, separate
    patterns when they are phrases."""

    def __init__(self, synsets: dict[str, list[tuple[int, str]]], result: VerbReadResult, problem):
        self.synsets = synsets
        self.problem = problem
        self.names = frozenset(synsets)
        self.result = result
        self.cache: dict[str, list[tuple[str, ...]]] = {}
        self.origin = ""
        self.truncated = False

    def synset(self, name: str, stack: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
        key = name.rstrip("_").upper()
        if key in self.cache:
            return self.cache[key]
        if key not in self.synsets:
            raise PatternError(f"unknown synonym set &{key}")
        if key in stack:
            raise PatternError(f"synonym set &{key} contains itself")
        alts: list[tuple[str, ...]] = []
        for lineno, entry in self.synsets[key]:
            try:
                alts.extend(self.sequence(_parse_tree(_lex(entry, self.names)), stack + (key,)))
            except PatternError as exc:
                self.problem(lineno, f"synonym-set entry {entry!r} skipped: {exc}")
        merged = self.merge(alts)
        self.cache[key] = merged
        return merged

    def word(self, w: str, stack: tuple[str, ...]) -> list[tuple[str, ...]]:
        if "&" in w:
            if not w.startswith("&"):
                raise PatternError(f"bad synonym-set reference {w!r}")
            return self.synset(w[1:], stack)
        low = w.lower()
        if low in ARTICLES:
            self.result._note(N_ARTICLE, self.origin)
            return [()]
        if not _DYAD_WORD.match(low):
            self.result._note(N_BAD_WORD, self.origin)
            return []
        return [(low,)]

    def node(self, n: tuple, stack: tuple[str, ...]) -> list[tuple[str, ...]]:
        kind, value = n
        if kind == "w":
            return self.word(value, stack)
        if kind == "m":
            return [(value,)]
        if kind == "seq":
            return self.sequence(value, stack)
        alts = [a for option in value for a in self.sequence(option, stack)]
        return self.merge(alts)

    def sequence(self, nodes: list[tuple], stack: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
        acc: list[tuple[str, ...]] = [()]
        for n in nodes:
            options = self.node(n, stack)
            acc = [a + b for a in acc for b in options]
            if len(acc) > MAX_VARIANTS:
                acc = acc[:MAX_VARIANTS]
                self.truncated = True
            if not acc:
                return []
        return acc

    @staticmethod
    def merge(alts: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        """Alternatives as few Dyad token sequences as possible, exactly: sequences that differ
        in one word become one sequence with `a|b` there ("cruise missile", "ballistic
        missile" → `cruise|ballistic missile`); prepositions and content words are not mixed."""
        out: list[tuple[str, ...]] = []
        for a in alts:
            if a not in out:
                out.append(a)
        changed = True
        while changed:
            changed = False
            for k in range(max((len(a) for a in out), default=0)):
                groups: dict[tuple, list[tuple[str, ...]]] = {}
                order: list[tuple] = []
                for a in out:
                    if len(a) <= k or a[k] in MARKERS:
                        key: tuple = ("#", a)
                    else:
                        kind = "p" if set(a[k].split("|")) <= PARTICLES else "c"
                        key = (kind, len(a), a[:k], a[k + 1:])
                    if key not in groups:
                        groups[key] = []
                        order.append(key)
                    groups[key].append(a)
                merged: list[tuple[str, ...]] = []
                for key in order:
                    group = groups[key]
                    if len(group) == 1 or key[0] == "#":
                        merged.extend(group)
                        continue
                    words: list[str] = []
                    for a in group:
                        words.extend(w for w in a[k].split("|") if w not in words)
                    merged.append(group[0][:k] + ("|".join(words),) + group[0][k + 1:])
                    changed = True
                out = merged
        return out


def _is_content(tok: str) -> bool:
    return tok not in MARKERS and not set(tok.split("|")) <= PARTICLES


def _join_adjacent(tokens: list[str]) -> list[str]:
    """Words joined by a "_" marker become one Dyad word chain (`really_pleasant`); a marker
    next to a slot, another marker or nothing (a dropped article: THE_NEATEST) is dropped."""
    out: list[str] = []
    glue = False
    for tok in tokens:
        if tok == "_":
            glue = bool(out) and out[-1] not in MARKERS and out[-1] not in ("@",)
            continue
        if glue and tok not in MARKERS:
            out[-1] = f"{out[-1]}_{tok}"
        else:
            out.append(tok)
        glue = False
    return out


# -- verbs -----------------------------------------------------------------------------------


@dataclass
class _Verb:
    heads: frozenset[str]
    before: tuple[str, ...]  # words of a multi-word verb before the verb (WIRE_+TAP)
    after: tuple[str, ...]  # particles and words after the verb (CORDON_OFF, LASH OUT)
    code: _Code | None  # own code, None: the block's
    lineno: int

    @property
    def shape(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return self.before, self.after


@dataclass
class _Block:
    lineno: int
    name: str
    code: _Code | None
    verbs: list[_Verb] = field(default_factory=list)
    patterns: list[tuple[int, str, str]] = field(default_factory=list)  # lineno, body, code text


class _Reader:
    def __init__(self, path: Path, ontology: Ontology | None, before_verb: str, lexicon: VerbLexicon | None):
        if before_verb not in BEFORE_MODES:
            raise ValueError(f"before_verb must be one of {BEFORE_MODES}")
        self.path = path
        self.ontology = ontology
        self.before_verb = before_verb
        self.lexicon = lexicon
        self.result = VerbReadResult(path=path, dialect="", patterns=PatternSet())
        self.synsets: dict[str, list[tuple[int, str]]] = {}
        self.blocks: list[_Block] = []
        self.order = 0
        self.seen: dict[tuple, Pattern] = {}

    # problems and notes
    def origin(self, lineno: int) -> str:
        return f"{self.path.name}:{lineno}"

    def problem(self, lineno: int, reason: str) -> None:
        self.result.problems.append(f"{self.path}:{lineno}: {reason}")

    def note(self, key: str, lineno: int) -> None:
        self.result._note(key, self.origin(lineno))

    # pass 1: the line structure
    def scan(self) -> None:
        lines = _read_lines(self.path)
        self.result.dialect = _dialect(t for _, t in lines)
        blocks_in_file = self.result.dialect != "tabari"
        section: str | None = None
        synset: str | None = None
        block: _Block | None = None
        counts = self.result.counts
        for lineno, text in lines:
            t = text.strip()
            if not t:
                continue
            tag = re.fullmatch(r"<(/?)([A-Za-z]+)>", t)
            if tag:
                name = tag.group(2).upper()
                if tag.group(1):
                    section = None
                    synset = None
                else:
                    section = name
                    if name != "SYNSETS":
                        self.note(N_SECTION, lineno)
                continue
            if section is not None and section != "SYNSETS":
                continue
            if t.startswith("&"):
                name = t[1:].split()[0].rstrip("_").upper() if len(t) > 1 else ""
                if not re.fullmatch(r"[A-Z0-9_\-]+", name) or len(t[1:].split()) > 1:
                    self.problem(lineno, f"bad synonym set name {t!r}")
                    synset = None
                    continue
                if name in self.synsets:
                    self.problem(lineno, f"synonym set &{name} defined twice; the first is kept")
                    synset = "\x00"  # swallow its entries
                    continue
                self.synsets[name] = []
                synset = name
                counts["synsets"] += 1
                continue
            if t.startswith("+") and synset is not None:
                if synset != "\x00":
                    entry = t[1:].strip()
                    try:
                        _parse_tree(_lex(entry))
                        if not entry:
                            raise PatternError("empty entry")
                    except PatternError as exc:
                        self.problem(lineno, f"bad synonym-set entry {t!r}: {exc}")
                        continue
                    self.synsets[synset].append((lineno, entry))
                continue
            synset = None
            if t.startswith("---"):
                m = _HEADER.match(t)
                codes = _BRACKETS.findall(t)
                if not m or not m.group("name"):
                    self.problem(lineno, f"bad block header {t!r} (expected --- NAME [code] ---)")
                    block = None
                    continue
                code = None
                if codes:
                    try:
                        code = _parse_code(codes[0])
                    except PatternError as exc:
                        self.problem(lineno, f"{exc}; the block has no default code")
                    if len(codes) > 1:
                        self.note(N_EXTRA_CODE, lineno)
                block = _Block(lineno, m.group("name"), code)
                self.blocks.append(block)
                counts["blocks"] += 1
                continue
            if t.startswith("~~"):
                break  # TABARI's end-of-dictionary line (~~FINISH)
            if t.startswith("~"):
                self.transformation(lineno, t)
                continue
            if t.startswith("-"):
                counts["pattern lines"] += 1
                if block is None or not block.verbs:
                    self.problem(lineno, "pattern line outside a verb block (no verb line before it)")
                    counts["problem lines"] += 1
                    continue
                m = _PATTERN.match(t)
                if not m:
                    self.problem(lineno, "pattern line without an event code [code]")
                    counts["problem lines"] += 1
                    continue
                if m.group("rest").strip():
                    self.problem(lineno, f"text after the event code: {m.group('rest').strip()!r}")
                    counts["problem lines"] += 1
                    continue
                block.patterns.append((lineno, m.group("body"), m.group("code")))
                continue
            if t.startswith("{"):
                self.note(N_FORMS, lineno)  # TABARI: irregular forms of the verb above
                continue
            if t[0] in "*$%^(":
                self.problem(lineno, "a pattern line must start with '- '")
                continue
            # a verb line
            if not blocks_in_file:
                block = _Block(lineno, t, None)  # without a verb (bad line) its patterns are problems
                self.blocks.append(block)
            elif block is None:
                self.problem(lineno, f"verb line {t!r} outside a --- block")
                continue
            verb = self.verb_line(lineno, t, own_block=not blocks_in_file)
            if verb is None:
                continue
            counts["verb lines"] += 1
            if not blocks_in_file:
                block.code, verb.code = verb.code, None
                counts["blocks"] += 1
            block.verbs.append(verb)

    def verb_line(self, lineno: int, text: str, own_block: bool) -> _Verb | None:
        codes = _BRACKETS.findall(text)
        forms = _BRACES.findall(text)
        words_text = _BRACES.sub(" ", _BRACKETS.sub(" ", text))
        if "[" in words_text or "]" in words_text or "{" in words_text or "}" in words_text:
            self.problem(lineno, f"unbalanced brackets in verb line {text!r}")
            return None
        if forms:
            self.note(N_FORMS, lineno)
        code = None
        if codes:
            if len(codes) > 1:
                self.problem(lineno, f"verb line with {len(codes)} codes {text!r}")
                return None
            try:
                code = _parse_code(codes[0])
            except PatternError as exc:
                self.problem(lineno, f"{exc}; the verb's own default is not used")
                code = None
        words = words_text.replace("_", " ").split()
        if not words:
            self.problem(lineno, f"verb line without a verb {text!r}")
            return None
        marked = [i for i, w in enumerate(words) if w.startswith("+")]
        if len(marked) > 1:
            self.problem(lineno, f"more than one '+' verb marker in {text!r}")
            return None
        vi = marked[0] if marked else 0
        words = [w.lstrip("+").rstrip("_").lower() for w in words]
        verb = words[vi]
        before = tuple(w for w in words[:vi] if w not in ARTICLES)
        after = tuple(w for w in words[vi + 1:] if w not in ARTICLES)
        bad = [w for w in (verb, *before, *after) if not _DYAD_WORD.match(w)]
        if bad:
            self.problem(lineno, f"verb line word {bad[0]!r} cannot be written in Dyad's syntax")
            return None
        heads = frozenset({verb})
        if before == ("re",):
            heads = frozenset({f"re-{verb}", f"re{verb}"})
            before = ()
            self.note(N_RE_PREFIX, lineno)
        elif self.lexicon is not None and not before:
            heads = self.complete(verb, lineno)
        return _Verb(heads, before, after, code, lineno)

    def complete(self, verb: str, lineno: int) -> frozenset[str]:
        """A verb word checked against the lexicon: a TABARI stem (`ACCUS`, `CLARIF`) becomes
        the verbs it is a stem of (up to two letters longer); an inflected entry (`SAID`,
        `KILLED`) is kept as written (Dyad finds it by the token's form)."""
        lex = self.lexicon
        assert lex is not None
        if verb in lex.verbs:
            return frozenset({verb})
        if verb in lex.forms or _regular_base(verb, lex.verbs):
            self.note(N_INFLECTED, lineno)
            return frozenset({verb})
        found = sorted(v for v in lex.verbs if v.startswith(verb) and len(v) <= len(verb) + 2) \
            if len(verb) >= 4 and verb not in NOT_STEMS else []
        if 1 <= len(found) <= MAX_STEM_COMPLETIONS:
            self.note(N_STEM, lineno)
            return frozenset(found)
        self.note(N_UNKNOWN_VERB, lineno)
        return frozenset({verb})

    def transformation(self, lineno: int, text: str) -> None:
        m = _TRANSFORM.match(text)
        if not m:
            self.problem(lineno, f"bad transformation {text!r} (expected ~ a (b c VERB) VERB = x y CODE)")
            return
        self.result.transformations.append(Transformation(
            outer=m.group("outer"), inner=m.group("inner"),
            roles=(m.group("a"), m.group("x"), m.group("y"), m.group("s"), m.group("t")),
            code=m.group("code"), origin=self.origin(lineno)))
        self.note(N_TRANSFORM, lineno)

    # pass 2: conversion
    def convert(self) -> None:
        expander = _Expander(self.synsets, self.result, self.problem)
        for block in self.blocks:
            groups: dict[tuple, set[str]] = {}
            for v in block.verbs:
                groups.setdefault(v.shape, set()).update(v.heads)
                self.bare(block, v)
            for lineno, body, code_text in block.patterns:
                status = self.pattern(lineno, body, code_text, groups, expander)
                self.result.counts[status] += 1

    def bare(self, block: _Block, verb: _Verb) -> None:
        """The verb alone takes its own code, else the block's (none when it is `---`)."""
        code = verb.code if verb.code is not None else block.code
        if code is None or code.null:
            return
        if self.ontology is not None:
            unknown = [c for c in (code.code, code.reverse) if c not in (None, "-") and c not in self.ontology.codes]
            if unknown:
                self.result.unknown_codes.update(unknown)
                self.problem(verb.lineno, f"verb default: unknown CAMEO code {unknown[0]}")
                return
        try:
            self.emit(verb.lineno, code, verb.heads, verb.before, verb.after, [], [], bare=True)
        except PatternError as exc:
            self.problem(verb.lineno, f"verb default: {exc}")

    def pattern(self, lineno: int, body: str, code_text: str, groups: dict[tuple, set[str]],
                expander: _Expander) -> str:
        """'converted', 'dropped' or 'problem lines'."""
        try:
            code = _parse_code(code_text)
            tree = _parse_tree(_lex(body, expander.names))
        except PatternError as exc:
            self.problem(lineno, str(exc))
            return "problem lines"
        stars = [i for i, n in enumerate(tree) if n == ("m", "*")]
        if len(stars) != 1:
            nested = "*" in _lex(body, expander.names)
            self.problem(lineno, "the verb marker '*' is inside a phrase group" if nested and not stars
                         else f"expected one '*' verb marker, found {len(stars)}")
            return "problem lines"
        if code.code is not None and code.code != "-" and self.ontology is not None \
                and code.code not in self.ontology.codes:
            self.result.unknown_codes[code.code] += 1
            self.problem(lineno, f"unknown CAMEO code {code.code}")
            return "problem lines"
        if code.reverse is not None and self.ontology is not None and code.reverse not in self.ontology.codes:
            self.result.unknown_codes[code.reverse] += 1
            self.problem(lineno, f"unknown CAMEO code {code.reverse}")
            return "problem lines"
        expander.origin = self.origin(lineno)
        expander.truncated = False
        try:
            pre_alts = expander.sequence(tree[: stars[0]])
            post_alts = expander.sequence(tree[stars[0] + 1:])
        except PatternError as exc:
            self.problem(lineno, str(exc))
            return "problem lines"
        if not pre_alts or not post_alts:
            self.note(N_NO_WORDS, lineno)
            return "dropped"
        variants = list(itertools.product(pre_alts, post_alts))
        if len(variants) > MAX_VARIANTS or expander.truncated:
            variants = variants[:MAX_VARIANTS]
            self.note(N_TRUNCATED, lineno)
        made = 0
        errors: list[str] = []
        for pre, post in variants:
            for (before, after), heads in groups.items():
                try:
                    made += self.emit(lineno, code, frozenset(heads), before, after, list(pre), list(post))
                except PatternError as exc:
                    errors.append(str(exc))
        if made:
            return "converted"
        if errors:
            self.problem(lineno, errors[0])
            return "problem lines"
        return "dropped"

    def emit(self, lineno: int, code: _Code, heads: frozenset[str], verb_before: tuple[str, ...],
             verb_after: tuple[str, ...], pre: list[str], post: list[str], bare: bool = False) -> int:
        """Build and add one Dyad pattern; the number added (0: dropped or duplicate)."""
        target_before = "+" in pre
        sym = "%" in pre  # ("$" before the verb: the source is the subject, Dyad's default)
        if "^" in pre:
            self.note(N_SKIP, lineno)
        # the words before the verb, "_"-joined where adjacent; a final "_": the verb follows
        words_before = [t for t in _join_adjacent(list(verb_before) + [t for t in pre if t != "*"])
                        if t not in MARKERS]
        before_flag = ",".join(words_before) + ("_" if words_before and pre and pre[-1] == "_" else "")
        items = _join_adjacent(self.items(lineno, list(verb_after) + post))
        if target_before and "$" not in items:
            self.note(N_TARGET_SUBJECT, lineno)
        flags: list[str] = []
        cameo = code.code
        if cameo is None:  # only the reverse event: its source is the pattern's target
            cameo = code.reverse
            if "+" in items or "$" in items:
                items = ["$" if t == "+" else "+" if t == "$" else t for t in items]
                self.note(N_REVERSE_ONLY, lineno)
            elif items and not _is_content(items[-1]):
                items.append("$")  # "created uproar in": the object of the last preposition
                self.note(N_REVERSE_ONLY, lineno)
            elif not items:
                items = ["$"]  # "offended Y": the object
                self.note(N_REVERSE_ONLY, lineno)
            elif _is_content(items[0]):
                items += ["from", "$"]  # "received a loan from Y"
                self.note(N_REVERSE_ONLY_FROM, lineno)
            else:
                self.note(N_REVERSE_ONLY_DROPPED, lineno)
                return 0
        elif cameo != "-":
            if code.reverse is not None:
                flags.append("sym" if code.reverse == cameo else f"rev={code.reverse}")
            elif sym:
                flags.append("sym")
                self.note(N_COMPOUND_SUBJECT, lineno)
        if sym and cameo != "-":
            flags.append("pair")  # the subject must be a compound actor
        if code.complex:
            self.note(N_COMPLEX, lineno)
            return 0
        if code.special:
            self.note(N_SPECIAL_NULL, lineno)
        if code.weak and cameo != "-":
            flags.append("say")
            self.note(N_WEAK, lineno)
        if code.strong:
            self.note(N_STRONG, lineno)
        if words_before:
            if self.before_verb == "drop":
                self.note(N_VERB_BEFORE_DROPPED if verb_before else N_BEFORE_DROPPED, lineno)
                return 0
            self.note(N_BEFORE_MODIFIERS, lineno)
        if bare and not items and cameo != "-" and heads & REPORTING_HEADS and "say" not in flags:
            # "X said" on its own: PETRARCH codes what was said, the saying only when
            # nothing else codes; Dyad's say frame does the same
            flags.append("say")
        flags.append("phrase")  # PETRARCH's target rule, kept through conversion
        line = f"{cameo} {'|'.join(sorted(heads))} {' '.join(items)}".rstrip()
        if flags:
            line += " ; " + " ".join(flags)
        pattern = parse_pattern(line, self.origin(lineno), self.ontology, self.order)
        assert pattern is not None
        if words_before:
            mods, adjacent = _before_words(before_flag)
            pattern = dataclasses.replace(
                pattern, head_modifiers=tuple(mods), required=pattern.required + tuple(mods),
                before_adjacent=adjacent if any(adjacent) else (), text=f"{pattern.text} ; before={before_flag}")
        key = _key(pattern)
        if key in self.seen:
            self.note(N_DUPLICATE, lineno)
            return 0
        self.seen[key] = pattern
        self.order += 1
        self.result.patterns.add(pattern, noun=False)
        return 1

    def items(self, lineno: int, tokens: list[str]) -> list[str]:
        out: list[str] = []
        for i, tok in enumerate(tokens):
            if tok == "*":
                continue
            if tok == "^":
                self.note(N_SKIP, lineno)
                continue
            if tok == "%":
                self.note(N_COMPOUND_OBJECT, lineno)
                tok = "+"
            if tok in ("+", "$"):
                nxt = next((t for t in tokens[i + 1:] if t != "^"), None)
                if nxt is not None and _is_content(nxt):
                    self.note(N_SLOT_IN_NP, lineno)
                    continue
                if tok in out:
                    self.note(N_DUP_SLOT, lineno)
                    continue
            out.append(tok)
        return out

    def finish(self) -> VerbReadResult:
        self.result.patterns.problems = list(self.result.problems)
        self.result.patterns.sort()
        self.result.counts["dyad patterns"] = len(self.seen)
        return self.result


def _regular_base(word: str, verbs: frozenset[str]) -> str | None:
    """The base of a regular inflected form (called → call, raided → raid, urging → urge)."""
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("ied", "y"), ("ies", "y"),
                         ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)] + repl
            if base in verbs:
                return base
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] and base[:-1] in verbs:
                return base[:-1]  # stopped → stop
    return None


def _key(p: Pattern) -> tuple:
    return (p.code, p.heads, p.items, p.flags, p.frame, p.reverse_code, p.head_modifiers, p.before_adjacent)


# -- public API ------------------------------------------------------------------------------


def read_verbs(path: Path, ontology: Ontology | None, before_verb: str = "modifiers",
               lexicon: VerbLexicon | None = None) -> VerbReadResult:
    """Read a PETRARCH-2, PETRARCH-1 or TABARI verb dictionary into Dyad's pattern model.

    `ontology`: event codes must be CAMEO codes of it (others are reported in `problems`
    and counted in `unknown_codes`); None accepts any 3-4 digit code. `before_verb`: what
    to do with pattern words before the verb ("HAVE POSTPONED *"): keep them as head
    modifiers ("modifiers", the default: the words must occur among the verb's left
    dependents; written with the `before=` flag), or "drop" the pattern.
    `lexicon`: known verbs, to complete TABARI verb stems (ACCUS → accuse).

    Malformed lines are skipped and reported as "file:line: reason"; constructs that could
    only be approximated are counted in `notes`. The PatternSet's `frames` are left empty.
    """
    path = Path(path)
    reader = _Reader(path, ontology, before_verb, lexicon)
    reader.scan()
    reader.convert()
    return reader.finish()


def spacy_lexicon(nlp) -> VerbLexicon:
    """The verbs of a spaCy pipeline's lookup lemmatizer (base forms and irregular forms)."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    verbs: set[str] = set()
    forms: set[str] = set()
    if lookups.has_table("lemma_index"):
        verbs.update(w.lower() for w in lookups.get_table("lemma_index").get("verb", []))
    if lookups.has_table("lemma_exc"):
        exc = lookups.get_table("lemma_exc").get("verb", {})
        forms.update(w.lower() for w in exc)
    return VerbLexicon(frozenset(verbs), frozenset(forms - verbs))


def format_pattern(p: Pattern, noun: bool = False) -> str:
    """A pattern in Dyad's syntax (`CODE HEAD ITEMS ; FLAGS`), parsed back to the same
    code, heads, items and flags by `parse_pattern`."""
    parts = [p.code]
    if noun:
        parts.extend(_alts(m) for m in p.head_modifiers)
    elif p.head_modifiers and not before_flag_supported():
        raise PatternError("words before the verb cannot be written in Dyad's syntax")
    parts.append(_alts(p.heads))
    for item in p.items:
        tokens = _item_tokens(item)
        for k, tok in enumerate(tokens):
            if k < len(item.adjacent) and item.adjacent[k] and len(parts) > 1:
                parts[-1] += "_" + tok  # a word chain: the words follow one another directly
            else:
                parts.append(tok)
    flags: list[str] = []
    if "sym" in p.flags:
        flags.append("sym")
    elif p.reverse_code:
        flags.append(f"rev={p.reverse_code}")
    if p.frame and not (p.frame == "say" and "say" in p.flags):
        flags.append(f"frame={p.frame}")
    if "say" in p.flags:
        flags.append("say")
    if "bound" in p.flags:
        flags.append("bound")
    if "pair" in p.flags:
        flags.append("pair")
    if "phrase" in p.flags:
        flags.append("phrase")
    if p.negated_code:
        flags.append(f"neg={p.negated_code}")
    if p.head_modifiers and not noun:
        adjacent = p.before_adjacent or (False,) * (len(p.head_modifiers) + 1)
        text = "".join(("_" if adjacent[k] else ",") * (k > 0) + _alts(m) for k, m in enumerate(p.head_modifiers))
        flags.append("before=" + text + ("_" if adjacent[-1] else ""))
    line = " ".join(parts)
    return line + (" ; " + " ".join(flags) if flags else "")


def _alts(words: Iterable[str]) -> str:
    return "|".join(sorted(w.replace(" ", "_") for w in words))


def _item_tokens(item: Item) -> list[str]:
    if item.kind == "target":
        return ["@" if item.actor_required else "+"]
    if item.kind == "source":
        return ["$"]
    if item.kind == "prep":
        return [_alts(item.lemmas)]
    return [_alts(m) for m in item.modifiers] + [_alts(item.lemmas)]


_BEFORE_SUPPORTED: bool | None = None


def before_flag_supported() -> bool:
    """Whether Dyad's pattern syntax has the `before=` flag (words before a verb); see the
    report of issue 4. Until it has, patterns with such words are not written."""
    global _BEFORE_SUPPORTED
    if _BEFORE_SUPPORTED is None:
        try:
            p = parse_pattern("010 say ; before=x", "probe:1")
            _BEFORE_SUPPORTED = bool(p is not None and p.head_modifiers)
        except PatternError:
            _BEFORE_SUPPORTED = False
    return _BEFORE_SUPPORTED


def write_verbs(pset: PatternSet, path: Path, header: str | None = None) -> int:
    """Write the verb patterns of `pset` as a Dyad pattern file, one line per pattern, with
    the origin of each as a comment; the number of patterns written. Patterns Dyad's syntax
    cannot express (words before the verb) are written as comments."""
    seen: set[int] = set()
    patterns: list[Pattern] = []
    for plist in pset.verbs.values():
        for p in plist:
            if id(p) not in seen:
                seen.add(id(p))
                patterns.append(p)
    patterns.sort(key=lambda p: p.order)
    out: list[str] = []
    if header:
        out.extend(f"# {line}".rstrip() for line in header.splitlines())
    written = 0
    for p in patterns:
        try:
            line = format_pattern(p)
        except PatternError as exc:
            out.append(f"# not written ({exc}): {p.text}  # {p.origin}")
            continue
        out.append(f"{line}  # {p.origin}")
        written += 1
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
    return written
