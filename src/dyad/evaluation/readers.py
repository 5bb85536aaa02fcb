"""Readers for the field's public gold sets, into one shape: `GoldItem`s.

- PLOVER gold records (JSON list; PLOVER_GSR_CAMEO): event type (old labels mapped:
  DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT), source and target actors.
- ConfliBERT 5-class TSV (sentence<TAB>label 0-4).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO's own country codes that differ from ISO 3166 alpha-3 (facts of the CAMEO codebook)
LEGACY_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "GER": "DEU", "TAW": "TWN",
                    "BOS": "BIH", "SER": "SRB", "ZAR": "COD", "YUG": "SRB", "USR": "RUS", "CZR": "CZE"}


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


def read_plover(path: Path) -> list[GoldItem]:
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    items = []
    for r in records:
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        items.append(GoldItem(
            id=r["id"], text=r["text"], published=r.get("date"),
            plover_type=OLD_PLOVER.get(r["event"], r["event"]),
            sources=_actors(r.get("source")), targets=_actors(r.get("target")),
        ))
    return items


def read_pentaclass(path: Path) -> list[GoldItem]:
    items = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            text, _, label = line.rpartition("\t")
            if not text or not label.strip().isdigit():
                raise ValueError(f"{path}:{lineno}: expected SENTENCE<TAB>LABEL")
            items.append(GoldItem(id=f"{Path(path).stem}-{lineno}", text=text.strip(), pentaclass=int(label)))
    return items


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
