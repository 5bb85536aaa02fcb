"""Run the coder on a gold set and score it: the engine of `dyad eval`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from dyad.evaluation.readers import GoldItem, read_dyad, read_pentaclass, read_plover
from dyad.evaluation.scoring import score_events, score_pentaclass, score_plover
from dyad.pipeline import Coder
from dyad.records import Article, Event

FORMATS = ("plover", "pentaclass", "dyad")


def detect_format(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".jsonl"):
        first = path.open(encoding="utf-8", errors="replace").readline()
        if '"events"' in first and ('"ref"' in first or '"text"' in first):
            return "dyad"
    if name.endswith(".json"):
        head = path.read_text(encoding="utf-8", errors="replace")[:2000]
        if '"eventText"' in head or "PLOVER" in head:
            return "plover"
    if name.endswith(".tsv"):
        first = path.open(encoding="utf-8", errors="replace").readline()
        if first.rstrip("\n").rpartition("\t")[2].strip().isdigit():
            return "pentaclass"
    raise ValueError(f"{path}: cannot tell the gold format; pass --format ({', '.join(FORMATS)})")


def read_gold(path: Path, fmt: str | None = None, shared: Path | None = None,
              split: str | None = None) -> tuple[str, list[GoldItem]]:
    fmt = fmt or detect_format(path)
    if fmt == "dyad":
        return fmt, read_dyad(path, shared, split)
    if fmt == "plover":
        return fmt, read_plover(path)
    if fmt == "pentaclass":
        return fmt, read_pentaclass(path)
    raise ValueError(f"unknown gold format {fmt!r}")


def code_items(coder: Coder, items: list[GoldItem]) -> dict[str, list[Event]]:
    """Code each gold sentence as a one-sentence article (no article context)."""
    articles = []
    for item in items:
        published = None
        if item.published:
            try:
                published = date.fromisoformat(item.published[:10])
            except ValueError:
                published = None
        articles.append(Article(id=item.id, text=item.text, published=published))
    return {r.article.id: r.events for r in coder.code_articles(articles)}


def evaluate(coder: Coder, path: Path, fmt: str | None = None, shared: Path | None = None,
             split: str | None = None) -> dict:
    fmt, items = read_gold(path, fmt, shared, split)
    predictions = code_items(coder, items)
    if fmt == "plover":
        scores = score_plover(items, predictions)
    elif fmt == "dyad":
        scores = score_events(items, predictions, coder.ontology)
    else:
        scores = score_pentaclass(items, predictions, coder.ontology)
    name = str(path) + (f" [{split}]" if split else "")
    return {"gold": name, "format": fmt, **scores}


def markdown(result: dict, errors: int = 0) -> str:
    lines = [f"## {result['gold']} ({result['format']})", ""]
    if result["format"] == "plover":
        lines.append(f"- sentences: {result['sentences']}")
        lines.append(f"- PLOVER type + source + target accuracy: **{result['accuracy']:.3f}**")
        lines.append(f"- PLOVER type accuracy (any actors): {result['type_accuracy']:.3f}")
        lines.append(f"- coverage (sentences with any event): {result['coverage']:.3f}")
        lines += ["", "| type | n | accuracy | type accuracy |", "|---|---|---|---|"]
        for t, row in result["per_type"].items():
            lines.append(f"| {t} | {row['n']} | {row['accuracy']:.2f} | {row['type_accuracy']:.2f} |")
    elif result["format"] == "dyad":
        lines.append(f"- sentences: {result['sentences']} ({result['no_event_sentences']} without events)")
        for level, label in (("root", "(source country, target country, root)"), ("code", "(source code, target code, code)")):
            r = result[level]
            lines.append(f"- {label}: P {r['precision']:.3f} R {r['recall']:.3f} **F1 {r['f1']:.3f}** "
                         f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
        lines.append(f"- coverage of sentences with events: {result['coverage']:.3f}; "
                     f"sentences without events given some: {result['false_event_rate']:.3f}")
        lines += ["", "| root | gold | predicted | correct | recall | precision |", "|---|---|---|---|---|---|"]
        for root, row in result["per_root"].items():
            lines.append(f"| {root} | {row['gold']} | {row['predicted']} | {row['tp']} | {row['recall']:.2f} | {row['precision']:.2f} |")
    else:
        lines.append(f"- sentences: {result['sentences']}")
        lines.append(f"- 5-class accuracy: **{result['accuracy']:.3f}**")
        lines.append(f"- coverage: {result['coverage']:.3f}")
        lines += ["", "| class | n | accuracy |", "|---|---|---|"]
        for c, row in result["per_class"].items():
            lines.append(f"| {c} | {row['n']} | {row['accuracy']:.2f} |")
    if errors:
        lines += ["", f"First {errors} errors:", ""]
        for err in result["errors"][:errors]:
            if result["format"] == "dyad":
                lines.append(f"- `{err['id']}` missed {json.dumps(err['missed'])} extra {json.dumps(err['extra'])}: {err['text'][:200]}")
                for p in err["predicted"]:
                    lines.append(f"    - {p['source']} → {p['target']} {p['cameo']}  ({p['rule'][:110]})")
            else:
                lines.append(f"- `{err['id']}` gold {json.dumps(err['gold'])} predicted {json.dumps(err.get('predicted'))}: {err['text'][:160]}")
    return "\n".join(lines) + "\n"
