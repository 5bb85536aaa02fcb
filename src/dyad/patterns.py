"""Event pattern dictionaries: loading and validating Dyad's pattern files.

The format is documented in docs/dictionaries.md. A pattern is anchored on a head lemma
(a verb, or an event noun) and lists the words that must depend on it; the event stage
(`dyad.events`) matches them against spaCy's dependency parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dyad.ontology import Ontology

# Prepositions and particles: an item in this list is a function word, anything else is a
# content word (object noun, adjective, adverb).
DATA_PATTERNS = Path(__file__).parent / "data" / "patterns"

PARTICLES = frozenset(
    """aboard about above across after against along alongside amid amidst among amongst around
    as at away back before behind below beneath beside besides between beyond by down during
    for forth from in inside into like near of off on onto out outside over past per since than
    through throughout till to toward towards under underneath until up upon via with within
    without""".split()
)

FRAMES = frozenset({"intent", "appeal", "demand", "threat", "reject", "say", "consider", "attempt", "deny"})

_CODE_RE = re.compile(r"^(=|-|\d{3,4})$")
_WORD_RE = re.compile(r"^[a-z0-9][a-z0-9'\-.]*(\|[a-z0-9][a-z0-9'\-.]*)*$")


class PatternError(ValueError):
    """A malformed pattern line."""


@dataclass(frozen=True)
class Item:
    """One element of a pattern after the head."""

    kind: str  # "prep" | "word" | "target" | "source"
    lemmas: frozenset[str] = frozenset()
    actor_required: bool = False  # "@": a target slot that must hold an actor for the pattern to match
    modifiers: tuple[frozenset[str], ...] = ()  # for "word": required modifiers of this noun
    attach: int = -1  # index of the item this one hangs on (-1: the head)
    # for each word of the item (its modifiers, then the word; or the preposition): whether
    # it follows the pattern's previous word directly in the text (`really_pleasant`);
    # empty: none does. Read by PETRARCH's word-sequence matching (dyad.events).
    adjacent: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Pattern:
    code: str  # CAMEO code, or "=" for light verbs
    heads: frozenset[str]
    items: tuple[Item, ...]
    flags: frozenset[str]
    frame: str | None
    reverse_code: str | None  # code of the reverse event (sym → same code)
    origin: str  # "file:line"
    text: str  # the pattern as written, for explanations
    order: int = 0
    negated_code: str | None = None  # code when the head is negated ("would not comment" → 011)
    # the word sets of which one must occur near the head for the pattern to have a chance:
    # a quick filter before the tree is matched
    required: tuple[frozenset[str], ...] = ()
    head_modifiers: tuple[frozenset[str], ...] = ()  # nouns: "defense cooperation" → (defense,)
    # verbs, the words before the verb (`before=`) that follow one another directly: one flag
    # per word (it follows the previous word directly), then one for the verb (it follows the
    # last word directly); empty: none ("most_certainly", "recently_")
    before_adjacent: tuple[bool, ...] = ()

    @property
    def specificity(self) -> int:
        score = 0
        for item in self.items:
            if item.kind == "prep":
                score += 2
            elif item.kind == "word":
                score += 3 + len(item.modifiers)
            else:
                score += 1
        return score + 3 * len(self.head_modifiers) + 2 * ("pair" in self.flags)

    @property
    def target_item(self) -> int | None:
        for i, item in enumerate(self.items):
            if item.kind == "target":
                return i
        return None

    @property
    def source_item(self) -> int | None:
        for i, item in enumerate(self.items):
            if item.kind == "source":
                return i
        return None


@dataclass
class PatternSet:
    """All patterns, indexed by head lemma."""

    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    frames: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, pattern: Pattern, noun: bool) -> None:
        index = self.nouns if noun else self.verbs
        for head in pattern.heads:
            index.setdefault(head, []).append(pattern)

    def sort(self) -> None:
        for index in (self.verbs, self.nouns):
            for plist in index.values():
                plist.sort(key=lambda p: (-p.specificity, p.order))

    def all_patterns(self) -> list[Pattern]:
        seen: dict[int, Pattern] = {}
        for index in (self.verbs, self.nouns):
            for plist in index.values():
                for p in plist:
                    seen[id(p)] = p
        return list(seen.values())

    def frame_code(self, frame: str, code: str) -> str | None:
        """The combined code of a frame verb and a complement event code (longest prefix;
        a result '=' keeps the complement's code)."""
        table = self.frames.get(frame)
        if not table:
            return None
        hit = None
        for n in range(len(code), 1, -1):
            hit = table.get(code[:n])
            if hit:
                break
        hit = hit or table.get("*")
        return code if hit == "=" else hit


def _parse_alternatives(word: str) -> frozenset[str]:
    return frozenset(w.replace("_", " ") for w in word.split("|"))


def parse_pattern(line: str, origin: str, ontology: Ontology | None = None, order: int = 0,
                  noun: bool = False) -> Pattern | None:
    """Parse one line of a pattern file; None for blank/comment lines; PatternError if malformed.

    In noun patterns the head is the last word of the leading run of content words, the
    words before it are its required modifiers ("defense cooperation", "air strikes").
    """
    text = line.split("#", 1)[0].strip()
    if not text:
        return None
    body, _, flag_text = text.partition(";")
    parts = body.split()
    if len(parts) < 2:
        raise PatternError("expected a CODE and a HEAD word")
    code, head, rest = parts[0], parts[1].lower(), [p.lower() for p in parts[2:]]
    head_mods: list[frozenset[str]] = []
    if noun:
        while rest and rest[0] not in ("+", "$", "@") and not _parse_alternatives(rest[0]) <= PARTICLES:
            if not _WORD_RE.match(head):
                raise PatternError(f"bad modifier {head!r}")
            head_mods.append(_parse_alternatives(head))
            head, rest = rest[0], rest[1:]
    if not _CODE_RE.match(code):
        raise PatternError(f"bad CAMEO code {code!r} (3 or 4 digits, '=' or '-')")
    if ontology is not None and code not in ("=", "-") and code not in ontology.codes:
        raise PatternError(f"unknown CAMEO code {code}")
    if not _WORD_RE.match(head):
        raise PatternError(f"bad head word {head!r}")
    items: list[Item] = []
    pending_mods: list[frozenset[str]] = []
    pending_adj: list[bool] = []
    last_prep = -1  # index of the last preposition item
    # a word chain `a_b_c`: words that follow one another directly
    chained: list[tuple[str, bool]] = []
    for tok in rest:
        if "_" in tok and tok not in ("+", "$", "@"):
            parts = tok.split("_")
            if any(not part for part in parts):
                raise PatternError(f"bad word chain {tok!r}")
            chained.extend((part, k > 0) for k, part in enumerate(parts))
        else:
            chained.append((tok, False))
    rest = [tok for tok, _ in chained]
    glued = [adj for _, adj in chained]
    for i, tok in enumerate(rest):
        if tok in ("+", "$", "@"):
            if pending_mods:
                raise PatternError(f"modifier {'|'.join(sorted(pending_mods[-1]))!r} before {tok!r} has no noun")
            items.append(Item(kind="source" if tok == "$" else "target", attach=last_prep, actor_required=tok == "@"))
            continue
        if not _WORD_RE.match(tok):
            raise PatternError(f"bad item {tok!r}")
        alts = _parse_alternatives(tok)
        if alts <= PARTICLES:
            if pending_mods:
                raise PatternError(f"modifier {'|'.join(sorted(pending_mods[-1]))!r} has no noun after it")
            # a preposition hangs on the last content word if there is one since the last
            # preposition, else on the head
            attach = -1
            for j in range(len(items) - 1, last_prep, -1):
                if items[j].kind == "word":
                    attach = j
                    break
            items.append(Item(kind="prep", lemmas=alts, attach=attach, adjacent=(True,) if glued[i] else ()))
            last_prep = len(items) - 1
            continue
        # content word: a modifier if another content word follows directly
        nxt = rest[i + 1] if i + 1 < len(rest) else None
        if nxt is not None and nxt not in ("+", "$", "@") and not _parse_alternatives(nxt) <= PARTICLES:
            pending_mods.append(alts)
            pending_adj.append(glued[i])
            continue
        adjacent = tuple(pending_adj) + (glued[i],)
        items.append(Item(kind="word", lemmas=alts, modifiers=tuple(pending_mods), attach=last_prep,
                          adjacent=adjacent if any(adjacent) else ()))
        pending_mods, pending_adj = [], []
    if sum(1 for it in items if it.kind == "target") > 1:
        raise PatternError("more than one target slot ('+' or '@')")
    if sum(1 for it in items if it.kind == "source") > 1:
        raise PatternError("more than one source slot '$'")
    flags: set[str] = set()
    frame = None
    reverse = None
    negated = None
    before_adjacent: tuple[bool, ...] = ()
    for flag in flag_text.split():
        if flag == "sym":
            flags.add("sym")
            reverse = code
        elif flag.startswith("rev="):
            reverse = flag[4:]
            if not _CODE_RE.match(reverse) or reverse in ("=", "-"):
                raise PatternError(f"bad reverse code {reverse!r}")
            if ontology is not None and reverse not in ontology.codes:
                raise PatternError(f"unknown CAMEO code {reverse}")
            flags.add("rev")
        elif flag.startswith("frame="):
            frame = flag[6:]
            if frame not in FRAMES:
                raise PatternError(f"unknown frame {frame!r} (one of {', '.join(sorted(FRAMES))})")
        elif flag.startswith("before="):
            # words that must stand before a verb head, among its left dependents ("heavily
            # criticized", "troops rushed"): PETRARCH patterns with words before the verb
            if noun:
                raise PatternError("'before=' is a flag of verb patterns")
            # `a_b`: words that follow one another directly; a final `_`: the verb follows
            words, adjacent = _before_words(flag[7:].lower())
            head_mods.extend(words)
            before_adjacent = adjacent if any(adjacent) else ()
        elif flag.startswith("neg="):
            negated = flag[4:]
            if not re.fullmatch(r"\d{3,4}", negated) or (ontology is not None and negated not in ontology.codes):
                raise PatternError(f"bad negated code {negated!r}")
        elif flag == "bound":
            if not noun:
                raise PatternError("'bound' is a flag of event nouns")
            flags.add("bound")
        elif flag == "say":
            flags.add("say")
            frame = frame or "say"
        elif flag == "pair":
            # the subject must be a compound actor ("Iran and Iraq agreed"): PETRARCH's '%'
            if noun:
                raise PatternError("'pair' is a flag of verb patterns")
            flags.add("pair")
        elif flag == "phrase":
            # PETRARCH's target rule: without a target slot, the target is the first actor
            # in the verb's phrase, and Dyad's own target conventions are not applied
            flags.add("phrase")
        else:
            raise PatternError(f"unknown flag {flag!r}")
    if code in ("=", "-") and reverse:
        raise PatternError(f"a '{code}' pattern codes no event of its own; it cannot carry sym/rev")
    if code == "-" and frame:
        raise PatternError("a '-' pattern codes no event; it cannot carry a frame")
    return Pattern(
        code=code,
        heads=_parse_alternatives(head),
        items=tuple(items),
        flags=frozenset(flags),
        frame=frame,
        reverse_code=reverse,
        origin=origin,
        text=body.strip(),
        order=order,
        head_modifiers=tuple(head_mods),
        before_adjacent=before_adjacent,
        negated_code=negated,
        required=tuple(item.lemmas for item in items if item.kind in ("prep", "word"))
        + tuple(m for item in items for m in item.modifiers) + tuple(head_mods),
    )


def _before_words(text: str) -> tuple[list[frozenset[str]], tuple[bool, ...]]:
    """The words of a `before=` flag and their adjacency flags (see Pattern.before_adjacent)."""
    words: list[frozenset[str]] = []
    adjacent: list[bool] = []
    glue = False
    for part in text.split(","):
        if not part:
            continue
        links = part.split("_")
        for k, link in enumerate(links):
            if not link:
                if k == len(links) - 1 and k > 0:
                    glue = True  # a final "_": what comes next follows directly
                    continue
                raise PatternError(f"bad word chain {part!r} in before=")
            if not _WORD_RE.match(link):
                raise PatternError(f"bad word {link!r} in before=")
            words.append(_parse_alternatives(link))
            adjacent.append(bool(words[:-1]) and (k > 0 or glue))
            glue = False
    return words, tuple(adjacent) + (glue,)


def load_frames(path: Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    """frames.tsv: FRAME, COMPLEMENT-CODE-PREFIX (or '*'), RESULT-CODE."""
    frames: dict[str, dict[str, str]] = {}
    problems: list[str] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        parts = text.split()
        if (len(parts) != 3 or parts[0] not in FRAMES or not (parts[1] == "*" or parts[1].isdigit())
                or not (parts[2].isdigit() or parts[2] == "=")):
            problems.append(f"{path}:{lineno}: expected FRAME PREFIX CODE, got {text!r}")
            continue
        frames.setdefault(parts[0], {})[parts[1]] = parts[2]
    return frames, problems


def iter_pattern_lines(path: Path) -> Iterable[tuple[int, str]]:
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        yield lineno, line


def pattern_files(directory: Path) -> list[tuple[Path, bool]]:
    """The pattern files of a directory: (path, is_noun_file), verbs first."""
    out: list[tuple[Path, bool]] = []
    for sub, noun in (("verbs", False), ("nouns", True)):
        out.extend((p, noun) for p in sorted((directory / sub).glob("*.txt")))
    return out


def load_patterns(directory: Path, ontology: Ontology | None = None, files: Iterable[tuple[Path, bool]] | None = None) -> PatternSet:
    """Load verbs/*.txt, nouns/*.txt and frames.tsv from a pattern directory; `files`
    (path, is_noun_file) replace the directory's verb and noun files when given.

    Malformed lines are skipped and listed in `PatternSet.problems` as "file:line: reason".
    """
    pset = PatternSet()
    order = 0
    sources = list(files) if files is not None else pattern_files(directory)
    for path, noun in sources:
        for lineno, line in iter_pattern_lines(path):
            origin = f"{path.name}:{lineno}"
            try:
                pattern = parse_pattern(line, origin, ontology, order, noun)
            except PatternError as exc:
                pset.problems.append(f"{path}:{lineno}: {exc}")
                continue
            if pattern is None:
                continue
            order += 1
            pset.add(pattern, noun)
    frames_path = directory / "frames.tsv"
    if frames_path.exists():
        pset.frames, problems = load_frames(frames_path)
        pset.problems.extend(problems)
    pset.sort()
    return pset


def merge_patterns(target: PatternSet, extra: PatternSet) -> None:
    """Add another set's verb and noun patterns (and problems) to `target`, re-sorted."""
    for index, noun in ((extra.verbs, False), (extra.nouns, True)):
        seen: set[int] = set()
        for plist in index.values():
            for p in plist:
                if id(p) not in seen:
                    seen.add(id(p))
                    target.add(p, noun)
    target.problems.extend(extra.problems)
    target.sort()
