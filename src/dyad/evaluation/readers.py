"""Readers for the field's public gold sets, into one shape: `GoldItem`s.

- PLOVER gold records (JSON list; PLOVER_GSR_CAMEO): event type (old labels mapped:
  DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT), source and target actors.
- ConfliBERT 5-class TSV (sentence<TAB>label 0-4).
- ConfliBERT source/target span files (CoNLL `token<SP>tag`, BIO tags S source, T target,
  R reciprocal; a blank line ends a sentence).
- PETRARCH validation XML (`<Sentence>` records with `<Text>` and `<EventCoding>`), read
  leniently: some files self-close the `<Sentence .../>` tag, so records are cut at each
  `<Sentence` start tag rather than parsed as an XML tree.
- Dyad's own gold JSONL (docs/annotation.md), references resolved against the shared root.
- The ConfliBERT multi-coder rounds (`round_*_summary*.csv`, or their JSONL version) for the
  human agreement ceiling: `MultiCoderItem`s.

Definitions of what is scored: docs/evaluation.md.
"""

from __future__ import annotations

import csv
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO's own country codes that differ from ISO 3166 alpha-3 (facts of the CAMEO codebook)
LEGACY_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "GER": "DEU", "TAW": "TWN",
                    "BOS": "BIH", "SER": "SRB", "ZAR": "COD", "YUG": "SRB", "USR": "RUS", "CZR": "CZE"}
UNKNOWN_COUNTRY = "---"  # PETRARCH's placeholder for an actor whose country is not known


@dataclass
class GoldActor:
    code: str  # country (ISO3) or international prefix (IGO, NGO, IMG)
    text: str = ""
    sector: str = ""


@dataclass
class GoldItem:
    id: str
    text: str
    published: str | None = None
    plover_type: str | None = None
    sources: list[GoldActor] = field(default_factory=list)
    targets: list[GoldActor] = field(default_factory=list)
    pentaclass: int | None = None
    cameo: str | None = None
    # full gold events (source code, target code or None, CAMEO code) for event-level scores
    events: list[tuple[str, str | None, str]] | None = None
    split: str | None = None
    # span files: the tokens, their BIO tags, and each token's (start, end) offsets in `text`
    tokens: list[str] | None = None
    tags: list[str] | None = None
    offsets: list[tuple[int, int]] | None = None
    # PETRARCH validation files: the `<Config>` options in force for this record
    options: dict[str, str] = field(default_factory=dict)
    category: str | None = None  # PETRARCH record category (AFP, GOLD, TEST, ...)


def _actors(value) -> list[GoldActor]:
    if not isinstance(value, list):
        return []
    out = []
    for a in value:
        if not isinstance(a, dict):
            continue
        code = str(a.get("code") or "").strip().upper()[:3]
        if not code.isalpha():
            continue
        out.append(GoldActor(code=LEGACY_COUNTRIES.get(code, code), text=a.get("actorText", ""), sector=a.get("sector", "")))
    return out


# -- PLOVER gold records -------------------------------------------------------------------

def read_plover(path: Path) -> list[GoldItem]:
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    items = []
    for r in records:
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        sources, targets = _actors(r.get("source")), _actors(r.get("target"))
        markup = (r.get("textInfo") or {}).get("markup", "") if isinstance(r.get("textInfo"), dict) else ""
        if not targets and "SRC/TAR:" in markup:
            # "(SRC/TAR: Hungarian) and (SRC/TAR: Romanian) officials agreed": each member is
            # source and target of the other (a symmetric event between compound actors)
            targets = list(sources)
        items.append(GoldItem(
            id=r["id"], text=r["text"], published=r.get("date"),
            plover_type=OLD_PLOVER.get(r["event"], r["event"]),
            sources=sources, targets=targets,
        ))
    return items


# -- ConfliBERT 5-class --------------------------------------------------------------------

def read_pentaclass(path: Path) -> list[GoldItem]:
    items = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            text, _, label = line.rpartition("\t")
            if not text or not label.strip().isdigit() or int(label) > 4:
                raise ValueError(f"{path}:{lineno}: expected SENTENCE<TAB>LABEL (0-4)")
            items.append(GoldItem(id=f"{Path(path).stem}-{lineno}", text=text.strip(), pentaclass=int(label)))
    return items


# -- ConfliBERT source/target spans --------------------------------------------------------

SPAN_ROLES = ("S", "T", "R")
_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'S", "’s", "n't", "'", "’", "''", "”",
                    "...", "-", "–", "/"}
_CLITICS = {"s", "S", "t", "re", "ve", "ll", "d", "m"}  # the "s" of "Moscow ’ s"
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "“", "-", "–", "/", "#"}


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into a sentence the coder can read ("strong ." → "strong.", "free - trade"
    → "free-trade") and return each token's (start, end) offsets in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    prev = before = None
    for tok in tokens:
        glue = (prev is None or tok in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER
                or (tok in _CLITICS and prev in ("'", "’"))
                or (tok[:1].isdigit() and prev in (",", ".") and (before or "")[-1:].isdigit()))  # 20 , 000
        if not glue:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        prev, before = tok, prev
    return "".join(parts), offsets


def spans_of(tags: list[str], roles: tuple[str, ...] = SPAN_ROLES) -> list[tuple[str, int, int]]:
    """BIO tags → (role, first token, last token + 1). An I- tag that does not continue a span
    of its role starts one (lenient BIO)."""
    spans: list[tuple[str, int, int]] = []
    role, start = None, 0
    for i, tag in enumerate(list(tags) + ["O"]):
        kind, _, r = tag.partition("-")
        continues = kind == "I" and r == role
        if role is not None and not continues:
            spans.append((role, start, i))
            role = None
        if kind in ("B", "I") and not continues and r in roles:
            role, start = r, i
    return spans


def read_spans(path: Path) -> list[GoldItem]:
    items: list[GoldItem] = []
    tokens: list[str] = []
    tags: list[str] = []
    first = 0

    def flush() -> None:
        if tokens:
            text, offsets = detokenize(tokens)
            items.append(GoldItem(id=f"{Path(path).stem}-{len(items) + 1}", text=text,
                                  tokens=list(tokens), tags=list(tags), offsets=offsets))
        tokens.clear()
        tags.clear()

    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                flush()
                continue
            if not tokens:
                first = lineno
            tok, sep, tag = line.rpartition(" ")
            tag = tag.strip()
            if not sep or not tok or not (tag == "O" or re.fullmatch(r"[BI]-[A-Z]+", tag)):
                raise ValueError(f"{path}:{lineno}: expected TOKEN<SPACE>TAG (O, B-S, I-T, ...) "
                                 f"in the sentence starting on line {first}")
            tokens.append(tok)
            tags.append(tag)
    flush()
    return items


# -- PETRARCH validation XML ---------------------------------------------------------------

_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>", re.S)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_CONFIG = re.compile(r"<Config\b([^>]*?)/?>", re.S)
_ATTR = re.compile(r"([\w:-]+)\s*=\s*\"([^\"]*)\"")


def _attrs(raw: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(raw)}


def _petr_actor(code: str | None) -> str | None:
    code = (code or "").strip().upper()
    if not code or code == UNKNOWN_COUNTRY:
        return None  # "---" alone: no actor
    return code


def read_petrarch(path: Path) -> list[GoldItem]:
    """Records of a PETRARCH validation file. A record with `noevents="True"` and no triple is
    a no-event sentence; a record with neither, or with empty text, or `evaluate="false"`, is
    skipped (it has no gold to score against)."""
    raw = Path(path).read_text(encoding="utf-8", errors="replace")
    body_start = raw.find("<Sentences>")
    body = raw[body_start:] if body_start >= 0 else raw
    starts = list(_SENTENCE.finditer(body))
    items = []
    options: dict[str, str] = {}
    head_end = len(raw) - len(body) + (starts[0].start() if starts else len(body))
    for c in _CONFIG.finditer(raw[:head_end]):  # options set in the <Environment> block
        _set_option(options, _attrs(c.group(1)))
    for k, m in enumerate(starts):
        chunk = body[m.end(): starts[k + 1].start() if k + 1 < len(starts) else len(body)]
        attrs = _attrs(m.group(1))
        record_options = dict(options)
        # a <Config> line between records changes the options of the records after it
        tail = chunk[chunk.find("</Sentence>"):] if "</Sentence>" in chunk else ""
        for c in _CONFIG.finditer(tail):
            _set_option(options, _attrs(c.group(1)))
        if attrs.get("evaluate", "true").lower() == "false":
            continue
        text_m = _TEXT.search(chunk)
        text = " ".join(html.unescape(text_m.group(1)).split()) if text_m else ""
        events: list[tuple[str, str | None, str]] = []
        no_events = False
        for c in _CODING.finditer(chunk):
            ca = _attrs(c.group(1))
            if ca.get("noevents", "").lower() == "true":
                no_events = True
                continue
            code = ca.get("eventcode", "").strip()
            source = _petr_actor(ca.get("sourcecode"))
            if not code or not code.isdigit() or source is None:
                continue
            events.append((source, _petr_actor(ca.get("targetcode")), code))
        if not text or (not events and not no_events):
            continue
        date = attrs.get("date", "")
        published = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if re.fullmatch(r"\d{8}", date) else None
        rid = attrs.get("id") or f"{Path(path).stem}-{k + 1}"
        items.append(GoldItem(id=rid, text=text, published=published, events=events,
                              category=attrs.get("category"), options=record_options))
    return items


def _set_option(options: dict[str, str], attrs: dict[str, str]) -> None:
    name, value = attrs.get("option", "").strip().lower(), attrs.get("value", "").strip()
    if name:
        options[name] = value


# -- Dyad's gold JSONL ---------------------------------------------------------------------

def read_dyad(path: Path, shared_root: Path | None, split: str | None = None) -> list[GoldItem]:
    """Dyad's own gold JSONL (docs/annotation.md); referenced sentences are resolved from
    `shared_root`. `split` keeps only records of that split ("dev", "test")."""
    from dyad.evaluation.goldset import load_gold

    items = []
    for g in load_gold(Path(path), shared_root):
        if split and g.split != split:
            continue
        if g.text is None:
            raise ValueError(f"{path}: record {g.id} references a corpus: pass --shared PATH")
        items.append(GoldItem(id=g.id, text=g.text, published=g.published, split=g.split,
                              events=[(e.source, e.target, e.cameo) for e in g.events]))
    return items


# -- multi-coder rounds (human agreement) --------------------------------------------------

@dataclass
class MultiCoderItem:
    """One sentence coded independently by several coders: for each coder, the CAMEO roots
    ("01".."20") of the actions they coded, in their order (empty: no action coded)."""

    id: str
    text: str
    round: str
    coders: dict[str, list[str]]

    @property
    def first_roots(self) -> dict[str, str]:
        """Each coder's first action's root, for the coders who coded an action."""
        return {c: roots[0] for c, roots in sorted(self.coders.items()) if roots}


_ROOT_LABEL = re.compile(r"^\s*\d\s*-\s*(\d{1,2})\b")
_ROUND = re.compile(r"round_(\d+)")


def root_of_label(label: str | None) -> str | None:
    """'4-18 Assualt' → '18'; '0-1 Make Public Statement' → '01'; anything else → None."""
    m = _ROOT_LABEL.match(label or "")
    if not m or not 1 <= int(m.group(1)) <= 20:
        return None
    return f"{int(m.group(1)):02d}"


def round_number(name: str) -> int:
    m = _ROUND.search(name)
    return int(m.group(1)) if m else 0


def _read_round_csv(path: Path) -> list[MultiCoderItem]:
    rnd = f"round_{round_number(path.name)}"
    items = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), 1):
            text = (row.get("sentences") or "").strip()
            if not text:
                continue
            actions: dict[str, dict[int, str]] = {}
            for key, value in row.items():
                m = re.fullmatch(r"Action(\d+)_CAMEO_(\d+)", key or "")
                root = root_of_label(value) if m else None
                if root:
                    actions.setdefault(m.group(2), {})[int(m.group(1))] = root
            coders = sorted({m.group(1) for k in row for m in [re.fullmatch(r"anncomplete_(\d+)", k or "")] if m})
            items.append(MultiCoderItem(
                id=f"{rnd}-{n}", text=text, round=rnd,
                coders={f"coder_{c}": [r for _, r in sorted(actions.get(c, {}).items())] for c in coders}))
    return items


def _read_multicoder_jsonl(path: Path) -> list[MultiCoderItem]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            coders = {}
            for coder, ann in sorted((r.get("annotations") or {}).items()):
                roots = [root_of_label(a.get("cameo_root")) for a in (ann or {}).get("actions", [])]
                coders[coder] = [x for x in roots if x]
            items.append(MultiCoderItem(id=r.get("id") or f"{path.stem}-{lineno}", text=r.get("text", ""),
                                        round=r.get("round", ""), coders=coders))
    return items


def read_multicoder(path: Path, all_rounds: bool = False) -> list[MultiCoderItem]:
    """A folder of `round_*_summary*.csv` files, one such CSV, or the JSONL version.

    The rounds are coder-training rounds over the same sentences (the ten rounds hold two
    100-sentence sets); by default only the latest round of each sentence set is kept, so
    each sentence counts once. `all_rounds=True` keeps every round."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("round_*_summary*.csv"), key=lambda p: (round_number(p.name), p.name))
        if not files:
            raise ValueError(f"{path}: no round_*_summary*.csv files")
        rounds = [_read_round_csv(f) for f in files]
    elif path.suffix.lower() == ".csv":
        rounds = [_read_round_csv(path)]
    else:
        by_round: dict[str, list[MultiCoderItem]] = {}
        for item in _read_multicoder_jsonl(path):
            by_round.setdefault(item.round, []).append(item)
        rounds = [by_round[r] for r in sorted(by_round, key=lambda r: (round_number(r), r))]
    if all_rounds:
        return [i for r in rounds for i in r]
    # latest round per sentence set: walk the rounds from the last; keep a round only when
    # none of its sentences was kept already
    kept: list[list[MultiCoderItem]] = []
    seen: set[str] = set()
    for r in reversed(rounds):
        texts = {i.text for i in r}
        if texts & seen:
            continue
        seen |= texts
        kept.append(r)
    return [i for r in reversed(kept) for i in r]
