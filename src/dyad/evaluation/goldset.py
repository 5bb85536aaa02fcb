"""Dyad's own gold format: annotated sentences stored by reference (docs/annotation.md).

One JSON object per line::

    {"id": "dyad-dev-0001", "split": "dev",
     "ref": {"corpus": "corpora/news_samples_2017_2020/articles.jsonl", "line": 12,
             "article_id": "REUT-2020-02-25-idUSKCN20J0HS", "start": 0, "end": 143,
             "sha1": "<sha1 of the sentence text, UTF-8>"},
     "published": "2020-02-25",
     "events": [{"source": "MYSGOV", "target": "MYSLEG", "cameo": "043"}],
     "note": "optional"}

A record holds either a `ref` into a corpus file under the shared root (the sentence is
`text[start:end]` of the article on that 1-based line) or, for sentences the team writes
itself, an inline `"text"`. `events: []` means the sentence holds no event.

`load_gold(path)` validates every record and fails on the first bad one with the file,
line number and record id; `load_gold(path, shared_root)` also resolves the referenced
sentences and checks their sha1. Nothing is cached between calls.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pycountry

from dyad.actors import INTERNATIONAL, REGIONS, SECTORS
from dyad.ontology import default_ontology

SPLITS = ("dev", "test")

# ISO 3166-1 alpha-3 codes, plus Kosovo's user-assigned code used by CAMEO coders.
COUNTRIES = frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX"})

_ACTOR_RE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
_SHA1_RE = re.compile(r"^[0-9a-f]{40}$")
_REF_KEYS = ("corpus", "line", "start", "end", "sha1")


class GoldFormatError(ValueError):
    """A gold record does not follow the format; the message names file, line and record id."""


class GoldReferenceError(ValueError):
    """A gold record's reference does not resolve to the recorded sentence."""


@dataclass(frozen=True)
class GoldEvent:
    source: str
    target: str | None
    cameo: str

    @property
    def root(self) -> str:
        return self.cameo[:2]


@dataclass
class GoldSentence:
    id: str
    split: str
    text: str | None  # None until a referenced sentence is resolved
    published: str | None
    events: list[GoldEvent]
    ref: dict[str, Any] | None
    note: str | None = None
    line: int | None = None  # line of the record in the gold file
    origin: str = ""  # the gold file

    @property
    def roots(self) -> set[str]:
        return {e.root for e in self.events}


def check_actor(code: Any) -> str | None:
    """None when `code` is a valid CAMEO actor code, else the reason it is not."""
    if not isinstance(code, str) or not _ACTOR_RE.match(code):
        return f"actor code {code!r} is not three-letter blocks of capitals"
    head, rest = code[:3], code[3:]
    triples = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    if head in INTERNATIONAL:
        return None  # IGO/NGO/IMG + organisation code + optional sub-codes
    if head in REGIONS:
        bad = [t for t in triples if t not in SECTORS]
    elif head in COUNTRIES:
        bad = [t for t in triples if t not in SECTORS]
    else:
        return f"actor code {code!r} does not start with an ISO 3166 alpha-3 country or an international code"
    if bad:
        return f"actor code {code!r} has unknown sector(s) {', '.join(bad)}"
    return None


def _fail(origin: str, lineno: int, rid: Any, message: str) -> GoldFormatError:
    who = f"record {rid!r}" if rid is not None else "record"
    return GoldFormatError(f"{origin}:{lineno}: {who}: {message}")


def parse_record(obj: Any, origin: str = "<gold>", lineno: int = 0) -> GoldSentence:
    """Validate one decoded JSON object and turn it into a GoldSentence (text unresolved)."""
    if not isinstance(obj, dict):
        raise _fail(origin, lineno, None, "not a JSON object")
    rid = obj.get("id")
    if not isinstance(rid, str) or not rid.strip():
        raise _fail(origin, lineno, rid, "missing or empty 'id'")
    split = obj.get("split")
    if split not in SPLITS:
        raise _fail(origin, lineno, rid, f"'split' must be one of {', '.join(SPLITS)}, not {split!r}")

    has_ref, has_text = "ref" in obj, "text" in obj
    if has_ref == has_text:
        raise _fail(origin, lineno, rid, "needs exactly one of 'ref' and 'text'")
    ref = None
    text = None
    if has_ref:
        ref = obj["ref"]
        if not isinstance(ref, dict):
            raise _fail(origin, lineno, rid, "'ref' must be an object")
        missing = [k for k in _REF_KEYS if k not in ref]
        if missing:
            raise _fail(origin, lineno, rid, f"'ref' lacks {', '.join(missing)}")
        corpus = ref["corpus"]
        if not isinstance(corpus, str) or not corpus or Path(corpus).is_absolute() or ".." in Path(corpus).parts:
            raise _fail(origin, lineno, rid, f"ref.corpus {corpus!r} must be a path relative to the shared root")
        for key in ("line", "start", "end"):
            if not isinstance(ref[key], int) or isinstance(ref[key], bool) or ref[key] < 0:
                raise _fail(origin, lineno, rid, f"ref.{key} must be a non-negative integer, not {ref[key]!r}")
        if ref["line"] < 1:
            raise _fail(origin, lineno, rid, "ref.line is 1-based")
        if ref["end"] <= ref["start"]:
            raise _fail(origin, lineno, rid, f"ref.end ({ref['end']}) must be greater than ref.start ({ref['start']})")
        if not isinstance(ref["sha1"], str) or not _SHA1_RE.match(ref["sha1"]):
            raise _fail(origin, lineno, rid, "ref.sha1 must be 40 lower-case hex digits")
        if "article_id" in ref and not isinstance(ref["article_id"], str):
            raise _fail(origin, lineno, rid, "ref.article_id must be a string")
    else:
        text = obj["text"]
        if not isinstance(text, str) or not text.strip():
            raise _fail(origin, lineno, rid, "'text' must be a non-empty string")

    published = obj.get("published")
    if published is not None:
        try:
            date.fromisoformat(published)
        except (TypeError, ValueError):
            raise _fail(origin, lineno, rid, f"'published' must be YYYY-MM-DD or null, not {published!r}") from None

    raw_events = obj.get("events")
    if not isinstance(raw_events, list):
        raise _fail(origin, lineno, rid, "'events' must be a list (empty for no event)")
    codes = default_ontology().codes
    events = []
    for k, ev in enumerate(raw_events, 1):
        if not isinstance(ev, dict) or set(ev) != {"source", "target", "cameo"}:
            raise _fail(origin, lineno, rid, f"event {k} must have exactly source, target and cameo")
        cameo = ev["cameo"]
        if not isinstance(cameo, str) or cameo not in codes:
            raise _fail(origin, lineno, rid, f"event {k}: unknown CAMEO code {cameo!r}")
        problem = check_actor(ev["source"])
        if problem:
            raise _fail(origin, lineno, rid, f"event {k} source: {problem}")
        if ev["target"] is not None:
            problem = check_actor(ev["target"])
            if problem:
                raise _fail(origin, lineno, rid, f"event {k} target: {problem}")
        events.append(GoldEvent(source=ev["source"], target=ev["target"], cameo=cameo))
    if len(events) > 3:
        raise _fail(origin, lineno, rid, f"{len(events)} events; at most 3 are coded per sentence")

    note = obj.get("note")
    if note is not None and not isinstance(note, str):
        raise _fail(origin, lineno, rid, "'note' must be a string")
    return GoldSentence(id=rid, split=split, text=text, published=published, events=events,
                        ref=ref, note=note, line=lineno, origin=origin)


class _Corpora:
    """Corpus lines read for one resolution run: each corpus file is read once."""

    def __init__(self, shared_root: Path):
        self.root = Path(shared_root)
        self._lines: dict[str, list[str]] = {}

    def line(self, corpus: str, lineno: int, rid: str) -> str:
        if corpus not in self._lines:
            path = self.root / corpus
            if not path.is_file():
                raise GoldReferenceError(f"record {rid!r}: corpus file {path} not found")
            with path.open(encoding="utf-8") as fh:
                self._lines[corpus] = fh.read().split("\n")
        lines = self._lines[corpus]
        if lineno > len(lines) or not lines[lineno - 1].strip():
            raise GoldReferenceError(f"record {rid!r}: {corpus} has no line {lineno}")
        return lines[lineno - 1]


def resolve_text(record: GoldSentence | dict[str, Any], shared_root: Path, _corpora: _Corpora | None = None) -> str:
    """The sentence a record refers to, checked against its sha1.

    `record` is a GoldSentence or the record's raw JSON object. Inline-text records return
    their text. Raises GoldReferenceError, naming the record id, when the corpus line, the
    article id, the offsets or the sha1 do not match.
    """
    if isinstance(record, GoldSentence):
        rid, ref, text = record.id, record.ref, record.text if record.ref is None else None
    else:
        rid, ref, text = record.get("id"), record.get("ref"), record.get("text")
    if ref is None:
        if not isinstance(text, str):
            raise GoldReferenceError(f"record {rid!r}: neither 'ref' nor 'text'")
        return text
    corpora = _corpora if _corpora is not None else _Corpora(Path(shared_root))
    raw = corpora.line(ref["corpus"], ref["line"], rid)
    try:
        article = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GoldReferenceError(f"record {rid!r}: {ref['corpus']}:{ref['line']} is not JSON ({exc})") from None
    if ref.get("article_id") is not None and article.get("id") != ref["article_id"]:
        raise GoldReferenceError(
            f"record {rid!r}: {ref['corpus']}:{ref['line']} holds article {article.get('id')!r}, "
            f"not {ref['article_id']!r}")
    body = article.get("text")
    if not isinstance(body, str) or ref["end"] > len(body):
        raise GoldReferenceError(f"record {rid!r}: offsets {ref['start']}:{ref['end']} are outside the article text")
    sentence = body[ref["start"]:ref["end"]]
    digest = hashlib.sha1(sentence.encode("utf-8")).hexdigest()
    if digest != ref["sha1"]:
        raise GoldReferenceError(
            f"record {rid!r}: sha1 mismatch for {ref['corpus']}:{ref['line']} [{ref['start']}:{ref['end']}] "
            f"(expected {ref['sha1']}, found {digest}); the corpus or the offsets changed")
    return sentence


def load_gold(path: Path, shared_root: Path | None = None) -> list[GoldSentence]:
    """Read and validate a gold file; with `shared_root`, resolve and check every reference."""
    path = Path(path)
    origin = str(path)
    sentences: list[GoldSentence] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{origin}:{lineno}: not valid JSON ({exc})") from None
            sent = parse_record(obj, origin, lineno)
            if sent.id in seen:
                raise _fail(origin, lineno, sent.id, f"duplicate id (first on line {seen[sent.id]})")
            seen[sent.id] = lineno
            sentences.append(sent)
    if shared_root is not None:
        corpora = _Corpora(Path(shared_root))
        for sent in sentences:
            if sent.ref is not None:
                sent.text = resolve_text(sent, shared_root, corpora)
    return sentences
