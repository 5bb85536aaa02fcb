"""Run the coder on a gold set and score it: the engine of `dyad eval`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from dyad.evaluation.readers import GoldItem, read_pentaclass, read_plover
from dyad.evaluation.scoring import score_pentaclass, score_plover
from dyad.pipeline import Coder
from dyad.records import Article, Event

FORMATS = ("plover", "pentaclass")


def detect_format(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".json"):
        head = path.read_text(encoding="utf-8", errors="replace")[:2000]
        if '"eventText"' in head or "PLOVER" in head:
            return "plover"
    if name.endswith(".tsv"):
        first = path.open(encoding="utf-8", errors="replace").readline()
        if first.rstrip("\n").rpartition("\t")[2].strip().isdigit():
            return "pentaclass"
    raise ValueError(f"{path}: cannot tell the gold format; pass --format ({', '.join(FORMATS)})")


def read_gold(path: Path, fmt: str | None = None) -> tuple[str, list[GoldItem]]:
    fmt = fmt or detect_format(path)
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


def evaluate(coder: Coder, path: Path, fmt: str | None = None) -> dict:
    fmt, items = read_gold(path, fmt)
    predictions = code_items(coder, items)
    if fmt == "plover":
        scores = score_plover(items, predictions)
    else:
        scores = score_pentaclass(items, predictions, coder.ontology)
    return {"gold": str(path), "format": fmt, **scores}


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
            lines.append(f"- `{err['id']}` gold {json.dumps(err['gold'])} predicted {json.dumps(err.get('predicted'))}: {err['text'][:160]}")
    return "\n".join(lines) + "\n"
