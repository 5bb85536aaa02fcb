"""Run the coder on a gold set and score it: the engine of `dyad eval`."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from dyad.evaluation.ceiling import score_multicoder
from dyad.evaluation.readers import (
    GoldItem,
    MultiCoderItem,
    read_dyad,
    read_multicoder,
    read_pentaclass,
    read_petrarch,
    read_plover,
    read_spans,
)
from dyad.evaluation.scoring import score_events, score_pentaclass, score_plover, score_spans
from dyad.pipeline import Coder
from dyad.records import Article, Event

FORMATS = ("plover", "pentaclass", "spans", "petrarch", "dyad", "multicoder")
_BIO_LINE = re.compile(r"^\S+ (O|[BI]-[A-Z]+)\s*$")


def _head(path: Path, size: int = 4000) -> str:
    with path.open(encoding="utf-8", errors="replace") as fh:
        return fh.read(size)


def detect_format(path: Path) -> str:
    """The gold format of `path`, from its name and first lines; ValueError when unsure."""
    path = Path(path)
    if path.is_dir():
        if any(path.glob("round_*_summary*.csv")):
            return "multicoder"
        raise ValueError(f"{path}: a folder is read only as multi-coder rounds (round_*_summary*.csv)")
    name = path.name.lower()
    head = _head(path)
    first = next((line for line in head.splitlines() if line.strip()), "")
    if name.endswith(".jsonl"):
        if '"annotations"' in first:
            return "multicoder"
        if '"events"' in first and ('"ref"' in first or '"text"' in first):
            return "dyad"
    if name.endswith(".json") and ('"eventText"' in head or "PLOVER" in head):
        return "plover"
    if name.endswith(".csv") and "Action1_CAMEO_" in first:
        return "multicoder"
    if name.endswith(".xml") or head.lstrip().startswith("<?xml"):
        if "<EventCoding" in head or "<Sentence" in head:
            return "petrarch"
    if "\t" in first and first.rstrip("\n").rpartition("\t")[2].strip().isdigit():
        return "pentaclass"
    if _BIO_LINE.match(first):
        return "spans"
    raise ValueError(f"{path}: cannot tell the gold format; pass --format ({', '.join(FORMATS)})")


def read_gold(path: Path, fmt: str | None = None, shared: Path | None = None,
              split: str | None = None) -> tuple[str, list[GoldItem] | list[MultiCoderItem]]:
    path = Path(path)
    fmt = fmt or detect_format(path)
    if split and fmt != "dyad":
        raise ValueError(f"--split applies to the dyad format only, not {fmt}")
    readers = {
        "dyad": lambda: read_dyad(path, shared, split),
        "plover": lambda: read_plover(path),
        "pentaclass": lambda: read_pentaclass(path),
        "spans": lambda: read_spans(path),
        "petrarch": lambda: read_petrarch(path),
        "multicoder": lambda: read_multicoder(path),
    }
    if fmt not in readers:
        raise ValueError(f"unknown gold format {fmt!r}; one of {', '.join(FORMATS)}")
    return fmt, readers[fmt]()


def code_items(coder: Coder, items: list[GoldItem] | list[MultiCoderItem]) -> dict[str, list[Event]]:
    """Code each gold sentence as a one-sentence article (no article context, no dateline)."""
    articles = []
    for item in items:
        published = None
        if getattr(item, "published", None):
            try:
                published = date.fromisoformat(item.published[:10])
            except ValueError:
                published = None
        articles.append(Article(id=item.id, text=item.text, published=published))
    return {r.article.id: r.events for r in coder.code_articles(articles)}


def evaluate(coder: Coder, path: Path, fmt: str | None = None, shared: Path | None = None,
             split: str | None = None, name: str | None = None) -> dict:
    """Read a gold set, code its sentences and score them: a JSON-ready dict."""
    path = Path(path)
    fmt, items = read_gold(path, fmt, shared, split)
    predictions = code_items(coder, items)
    if fmt == "plover":
        scores = score_plover(items, predictions)
    elif fmt in ("dyad", "petrarch"):
        scores = score_events(items, predictions, coder.ontology)
    elif fmt == "spans":
        scores = score_spans(items, predictions)
    elif fmt == "multicoder":
        rounds = read_multicoder(path, all_rounds=True) if path.is_dir() else None
        scores = score_multicoder(items, predictions, rounds)
    else:
        scores = score_pentaclass(items, predictions, coder.ontology)
    label = name or (str(path) + (f" [{split}]" if split else ""))
    return {"gold": label, "format": fmt, **scores}


# -- reports -------------------------------------------------------------------------------

def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _f(x: float) -> str:
    return f"{x:.3f}"


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def confusion_table(confusion: dict[str, dict[str, int]], what: str) -> list[str]:
    cols = sorted({c for row in confusion.values() for c in row} | set(confusion), key=lambda c: (c == "none", c))
    rows = [[f"**{g}**"] + [confusion[g].get(c, "") or "" for c in cols] for g in sorted(confusion, key=lambda c: (c == "none", c))]
    return [f"Confusion ({what}; rows gold, columns predicted):", ""] + _table(["gold \\ predicted"] + cols, rows)


def _prf(r: dict) -> str:
    return f"P {_f(r['precision'])} R {_f(r['recall'])} **F1 {_f(r['f1'])}**"


def _event(p: dict) -> str:
    return f"{p['source']} → {p['target']} {p['cameo']}"


def _error_lines(result: dict, limit: int | None) -> list[str]:
    errors = result.get("errors", [])
    shown = errors if limit is None else errors[:limit]
    if not shown:
        return []
    head = f"Errors ({len(errors)})" if limit is None else f"First {len(shown)} of {len(errors)} errors"
    lines = ["", head + ":", ""]
    for err in shown:
        fmt = result["format"]
        if fmt in ("dyad", "petrarch"):
            gold = ", ".join(f"{s} → {t} {c}" for s, t, c in err["gold_events"]) or "no event"
            lines.append(f"- `{err['id']}` {err['text'][:300]}")
            lines.append(f"    - gold: {gold}; missed {_j(err['missed'])}, extra {_j(err['extra'])}")
        elif fmt == "spans":
            g = err["gold"]
            lines.append(f"- `{err['id']}` {err['text'][:300]}")
            lines.append(f"    - gold: source {_j(g['source'])} target {_j(g['target'])}")
        elif fmt == "multicoder":
            lines.append(f"- `{err['id']}` {err['text'][:300]}")
            lines.append(f"    - coders' first roots: {_j(err['gold']['coders'])}; majority {'/'.join(err['gold']['majority'])}")
        else:
            lines.append(f"- `{err['id']}` {err['text'][:300]}")
            lines.append(f"    - gold: {_j(err['gold'])}; predicted: {_j(err.get('predicted'))}")
        predicted = err.get("predicted") if fmt != "pentaclass" else err.get("events")
        for p in predicted or []:
            text = f" [{p.get('source_text')} → {p.get('target_text')}]" if fmt == "spans" else ""
            lines.append(f"    - predicted: {_event(p)}{text} ({(p.get('rule') or '')[:140]})")
        if not predicted:
            lines.append("    - predicted: no event")
    return lines


def markdown(result: dict, errors: int | None = 0) -> str:
    """A readable report of one set; `errors`: how many errors to list (None: all)."""
    fmt = result["format"]
    lines = [f"## {result['gold']} ({fmt})", ""]
    if fmt == "plover":
        lines.append(f"- sentences: {result['sentences']}")
        lines.append(f"- PLOVER type + source + target accuracy: **{_f(result['accuracy'])}**")
        lines.append(f"- PLOVER type accuracy (any actors): {_f(result['type_accuracy'])}")
        lines.append(f"- coverage (sentences with any event): {_f(result['coverage'])}")
        lines += [""] + _table(["type", "n", "accuracy", "type accuracy"],
                               [[t, r["n"], f"{r['accuracy']:.2f}", f"{r['type_accuracy']:.2f}"]
                                for t, r in result["per_type"].items()])
        lines += [""] + confusion_table(result["confusion"], "PLOVER type")
    elif fmt in ("dyad", "petrarch"):
        lines.append(f"- sentences: {result['sentences']} ({result['no_event_sentences']} without events)")
        for level, label in (("root", "(source country, target country, root)"), ("code", "(source code, target code, code)")):
            r = result[level]
            lines.append(f"- {label}: {_prf(r)} (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
        lines.append(f"- root accuracy (first event's root is a gold root): {_f(result['root_accuracy'])}")
        lines.append(f"- coverage of sentences with events: {_f(result['coverage'])}; "
                     f"sentences without events given some: {result['false_events']} of "
                     f"{result['no_event_sentences']} ({_f(result['false_event_rate'])})")
        lines += [""] + _table(["root", "gold", "predicted", "correct", "recall", "precision", "F1"],
                               [[root, r["gold"], r["predicted"], r["tp"], f"{r['recall']:.2f}", f"{r['precision']:.2f}",
                                 f"{r['f1']:.2f}"] for root, r in result["per_root"].items()])
        if "error_classes" in result:
            from dyad.evaluation.scoring import ERROR_CLASSES

            ranked = sorted(result["error_classes"].items(), key=lambda kv: -kv[1])
            lines += ["", "Error classes (root level):", ""] + _table(
                ["class", "count", "meaning"], [[k, n, ERROR_CLASSES[k]] for k, n in ranked])
        lines += [""] + confusion_table(result["confusion"], "sentence root")
    elif fmt == "spans":
        lines.append(f"- sentences: {result['sentences']}")
        lines.append(f"- spans (source and target, overlap): {_prf(result['span'])}")
        lines.append(f"- tokens (source and target): {_prf(result['token'])}")
        lines.append(f"- sentences with an event whose source and target overlap the gold spans: "
                     f"**{_f(result['dyad_overlap'])}**")
        lines.append(f"- coverage (sentences with any event): {_f(result['coverage'])}")
        rows = []
        for role in ("source", "target"):
            s, t = result[f"span_{role}"], result[f"token_{role}"]
            rows.append([role, s["gold"], s["predicted"], s["unlocated"], f"{s['precision']:.2f}", f"{s['recall']:.2f}",
                         f"{s['f1']:.2f}", f"{t['precision']:.2f}", f"{t['recall']:.2f}", f"{t['f1']:.2f}"])
        lines += [""] + _table(["role", "gold spans", "predicted spans", "not found in text", "span P", "span R",
                                "span F1", "token P", "token R", "token F1"], rows)
    elif fmt == "multicoder":
        lines.append(f"- sentences: {result['sentences']}; coded with an action by at least 2 coders: "
                     f"{result['coded_sentences']}; coded by none: {result['uncoded_sentences']}")
        rows = []
        for kind in ("root", "pentaclass"):
            a = result[kind]
            rows.append([kind, a["sentences"], a["coder_labels"], _f(a["majority_agreement"]), _f(a["leave_one_out"]),
                         _f(a["unanimous"]), _f(a.get("dyad_leave_one_out", 0.0)), _f(a.get("dyad_majority", 0.0))])
        lines += [""] + _table(["label", "sentences", "coder labels", "coders = majority", "human leave-one-out",
                                "unanimous", "Dyad vs same panels", "Dyad vs full majority"], rows)
        if "coverage" in result:
            lines.append("")
            lines.append(f"- Dyad's coverage of the coded sentences: {_f(result['coverage'])}; sentences no coder "
                         f"coded that Dyad gives events: {result['false_events']} of {result['uncoded_sentences']} "
                         f"({_f(result['false_event_rate'])})")
        if result.get("per_round"):
            lines += ["", "Human leave-one-out agreement by coder-training round (all rounds):", ""]
            lines += _table(["round", "sentences", "root", "5-class"],
                            [[r, v["sentences"], _f(v["root"]), _f(v["pentaclass"])] for r, v in result["per_round"].items()])
        if result.get("confusion"):
            lines += [""] + confusion_table(result["confusion"], "panel majority root × Dyad's first root")
    else:
        lines.append(f"- sentences: {result['sentences']}")
        lines.append(f"- 5-class accuracy: **{_f(result['accuracy'])}**")
        lines.append(f"- coverage: {_f(result['coverage'])}")
        lines.append(f"- 5-class accuracy counting CAMEO 16 as verbal conflict (class 3): "
                     f"{_f(result['accuracy_16_as_verbal_conflict'])} ({result['first_event_root_16']} sentences "
                     f"whose first event is root 16)")
        lines += [""] + _table(["class", "n", "predicted", "accuracy (recall)"],
                               [[c, r["n"], r["predicted"], f"{r['accuracy']:.2f}"] for c, r in result["per_class"].items()])
        lines += [""] + confusion_table(result["confusion"], "5-class")
    lines += _error_lines(result, errors)
    return "\n".join(lines) + "\n"


def write_report(results: list[dict], path: Path) -> tuple[Path, Path]:
    """Write the results as JSON and as a Markdown report with every error. `path` names
    either file (`x.json` or `x.md`); the other is written beside it."""
    path = Path(path)
    base = path.with_suffix("") if path.suffix.lower() in (".json", ".md") else path
    json_path, md_path = base.with_name(base.name + ".json"), base.with_name(base.name + ".md")
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md = ["# Dyad evaluation report", "", "Definitions of every figure: docs/evaluation.md.", ""]
    md += [markdown(r, errors=None) for r in results]
    md_path.write_text("\n".join(md), encoding="utf-8")
    return json_path, md_path
