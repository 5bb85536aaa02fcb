"""Scores of coded events against gold items. Definitions: docs/evaluation.md."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from dyad.evaluation.readers import GoldActor, GoldItem
from dyad.ontology import Ontology
from dyad.records import Actor, Event

INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")


def actor_key(actor: Actor | None) -> str | None:
    """What actors are compared on: the country, or the international prefix (IGO, NGO…)."""
    if actor is None:
        return None
    return actor.country or actor.code[:3]


def actor_matches(gold: Sequence[GoldActor], pred: Actor | None) -> bool:
    """True when the predicted actor is one of the gold actors (or both are absent)."""
    if not gold:
        return pred is None
    key = actor_key(pred)
    return key is not None and any(g.code == key for g in gold)


def plover_sentence_correct(item: GoldItem, events: Sequence[Event]) -> bool:
    """Some event has the gold PLOVER type, a gold source and a gold target (no target when
    the gold has none)."""
    return any(
        e.plover_type == item.plover_type and actor_matches(item.sources, e.source) and actor_matches(item.targets, e.target)
        for e in events
    )


def score_plover(items: Sequence[GoldItem], predictions: dict[str, list[Event]]) -> dict:
    per_type: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    totals = Counter()
    errors = []
    for item in items:
        events = predictions.get(item.id, [])
        ok = plover_sentence_correct(item, events)
        type_ok = any(e.plover_type == item.plover_type for e in events)
        totals["sentences"] += 1
        totals["correct"] += ok
        totals["type_correct"] += type_ok
        totals["covered"] += bool(events)
        per_type[item.plover_type]["n"] += 1
        per_type[item.plover_type]["correct"] += ok
        per_type[item.plover_type]["type_correct"] += type_ok
        first = next((e.plover_type for e in events if e.plover_type), None)
        confusion[item.plover_type][first or "(none)"] += 1
        if not ok:
            errors.append({
                "id": item.id, "text": item.text, "gold": {
                    "type": item.plover_type, "sources": [g.code for g in item.sources], "targets": [g.code for g in item.targets]},
                "predicted": [_brief(e) for e in events],
            })
    n = totals["sentences"] or 1
    return {
        "sentences": totals["sentences"],
        "accuracy": totals["correct"] / n,
        "type_accuracy": totals["type_correct"] / n,
        "coverage": totals["covered"] / n,
        "per_type": {t: {"n": c["n"], "accuracy": c["correct"] / c["n"], "type_accuracy": c["type_correct"] / c["n"]}
                     for t, c in sorted(per_type.items())},
        "confusion": {t: dict(c) for t, c in sorted(confusion.items())},
        "errors": errors,
    }


def sentence_pentaclass(events: Sequence[Event], ontology: Ontology) -> int | None:
    """The 5-class label of a sentence: the class of its first (most salient) event."""
    for e in events:
        return ontology.pentaclass(e.cameo)
    return None


def score_pentaclass(items: Sequence[GoldItem], predictions: dict[str, list[Event]], ontology: Ontology) -> dict:
    totals = Counter()
    confusion: dict[int, Counter] = defaultdict(Counter)
    errors = []
    for item in items:
        events = predictions.get(item.id, [])
        pred = sentence_pentaclass(events, ontology)
        ok = pred == item.pentaclass
        totals["sentences"] += 1
        totals["correct"] += ok
        totals["covered"] += pred is not None
        confusion[item.pentaclass]["none" if pred is None else str(pred)] += 1
        if not ok:
            errors.append({"id": item.id, "text": item.text, "gold": item.pentaclass, "predicted": pred,
                           "events": [_brief(e) for e in events]})
    n = totals["sentences"] or 1
    per_class = {}
    for label in sorted(confusion):
        row = confusion[label]
        total = sum(row.values())
        per_class[str(label)] = {"n": total, "accuracy": row.get(str(label), 0) / total if total else 0.0}
    return {
        "sentences": totals["sentences"],
        "accuracy": totals["correct"] / n,
        "coverage": totals["covered"] / n,
        "per_class": per_class,
        "confusion": {str(k): dict(v) for k, v in sorted(confusion.items())},
        "errors": errors,
    }


def _brief(e: Event) -> dict:
    return {"source": e.source.code if e.source else None, "target": e.target.code if e.target else None,
            "cameo": e.cameo, "plover": e.plover_type, "rule": e.rule}


def _country(code: str | None) -> str | None:
    if not code:
        return None
    head = code[:3]
    return head


def gold_triples(item: GoldItem, level: str) -> set[tuple]:
    out = set()
    for source, target, cameo in item.events or []:
        if level == "root":
            out.add((_country(source), _country(target), cameo[:2]))
        else:
            out.add((source, target, cameo))
    return out


def predicted_triples(events: Sequence[Event], level: str) -> set[tuple]:
    out = set()
    for e in events:
        if level == "root":
            out.add((actor_key(e.source), actor_key(e.target), e.root))
        else:
            out.add((e.source.code if e.source else None, e.target.code if e.target else None, e.cameo))
    return out


def score_events(items: Sequence[GoldItem], predictions: dict[str, list[Event]], ontology: Ontology) -> dict:
    """Event-level precision, recall and F1 on (source country, target country, root) and on
    (source code, target code, full code); the events of a sentence are compared as sets."""
    result: dict = {"sentences": len(items)}
    for level in ("root", "code"):
        tp = fp = fn = 0
        per_root: dict[str, Counter] = defaultdict(Counter)
        for item in items:
            gold = gold_triples(item, level)
            pred = predicted_triples(predictions.get(item.id, []), level)
            tp += len(gold & pred)
            fp += len(pred - gold)
            fn += len(gold - pred)
            if level == "root":
                for t in gold:
                    per_root[t[2]]["gold"] += 1
                    per_root[t[2]]["tp"] += t in pred
                for t in pred:
                    per_root[t[2]]["pred"] += 1
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[level] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}
        if level == "root":
            result["per_root"] = {
                root: {"gold": c["gold"], "predicted": c["pred"], "tp": c["tp"],
                       "recall": c["tp"] / c["gold"] if c["gold"] else 0.0,
                       "precision": c["tp"] / c["pred"] if c["pred"] else 0.0}
                for root, c in sorted(per_root.items())}
    empty = [i for i in items if not i.events]
    result["no_event_sentences"] = len(empty)
    result["false_event_rate"] = (sum(1 for i in empty if predictions.get(i.id)) / len(empty)) if empty else 0.0
    eventful = [i for i in items if i.events]
    result["coverage"] = (sum(1 for i in eventful if predictions.get(i.id)) / len(eventful)) if eventful else 0.0
    errors = []
    for item in items:
        gold = gold_triples(item, "root")
        events = predictions.get(item.id, [])
        pred = predicted_triples(events, "root")
        if gold != pred:
            errors.append({"id": item.id, "text": item.text,
                           "gold": [list(t) for t in sorted(gold, key=str)],
                           "missed": [list(t) for t in sorted(gold - pred, key=str)],
                           "extra": [list(t) for t in sorted(pred - gold, key=str)],
                           "predicted": [_brief(e) for e in events]})
    result["errors"] = errors
    return result
