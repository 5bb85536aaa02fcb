"""The human ceiling: how often independent coders agree on a sentence's CAMEO root and
5-class label, and how often Dyad agrees with the same coders. Definitions:
docs/evaluation.md ("Human ceiling").

Input: `MultiCoderItem`s (readers.read_multicoder), each coder's actions as CAMEO roots in
the coder's order. A coder's label for a sentence is the root of their first action.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from dyad.evaluation.readers import MultiCoderItem
from dyad.records import Event

MIN_CODERS = 2


def pentaclass_of_root(root: str) -> int:
    """0 statement/appeal (01-02), 1 verbal cooperation (03-05), 2 material cooperation
    (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20)."""
    r = int(root)
    if r <= 2:
        return 0
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13:
        return 3
    return 4


LABELS: dict[str, Callable[[str], str]] = {
    "root": lambda root: root,
    "pentaclass": lambda root: str(pentaclass_of_root(root)),
}


def majority(labels: Sequence[str]) -> list[str]:
    """The most frequent labels (several when tied), sorted."""
    if not labels:
        return []
    counts = Counter(labels)
    top = max(counts.values())
    return sorted(label for label, n in counts.items() if n == top)


def credit(label: str | None, top: Sequence[str]) -> float:
    """1 when `label` is the majority label, 1/k when it is one of k tied majority labels
    (the chance that a random tie-break picks it), else 0."""
    return 1.0 / len(top) if label is not None and label in top else 0.0


def dyad_root(events: Sequence[Event]) -> str | None:
    """Dyad's label of a sentence: the root of its first event (None without events)."""
    return events[0].root if events else None


def agreement(items: Sequence[MultiCoderItem], predictions: dict[str, list[Event]] | None = None,
              kind: str = "root") -> dict:
    """Agreement on one label kind ("root" or "pentaclass") over the sentences that at least
    two coders coded with an action.

    - `majority_agreement`: share of coder labels equal to the sentence's majority label
      (the coder counted in the majority; the issue's plain definition).
    - `leave_one_out`: each coder in turn is held out and compared with the majority of the
      other coders (tie credit 1/k); the mean over all (sentence, held-out coder) pairs. This
      is the human ceiling a single coder reaches against a panel.
    - `dyad_leave_one_out` (with predictions): Dyad compared with exactly the same panels.
    - `dyad_majority`: Dyad compared with the majority of all the sentence's coders.
    """
    to_label = LABELS[kind]
    sentences = coder_labels = in_majority = unanimous = 0
    loo = loo_dyad = 0.0
    dyad_full = 0.0
    for item in items:
        labels = [to_label(r) for r in item.first_roots.values()]
        if len(labels) < MIN_CODERS:
            continue
        sentences += 1
        coder_labels += len(labels)
        top = majority(labels)
        in_majority += Counter(labels)[top[0]]
        unanimous += len(set(labels)) == 1
        dyad = None
        if predictions is not None:
            root = dyad_root(predictions.get(item.id, []))
            dyad = to_label(root) if root else None
            dyad_full += credit(dyad, top)
        for k, held_out in enumerate(labels):
            panel = majority(labels[:k] + labels[k + 1:])
            loo += credit(held_out, panel)
            if predictions is not None:
                loo_dyad += credit(dyad, panel)
    result = {
        "sentences": sentences,
        "coder_labels": coder_labels,
        "majority_agreement": in_majority / coder_labels if coder_labels else 0.0,
        "leave_one_out": loo / coder_labels if coder_labels else 0.0,
        "unanimous": unanimous / sentences if sentences else 0.0,
    }
    if predictions is not None:
        result["dyad_leave_one_out"] = loo_dyad / coder_labels if coder_labels else 0.0
        result["dyad_majority"] = dyad_full / sentences if sentences else 0.0
    return result


def score_multicoder(items: Sequence[MultiCoderItem], predictions: dict[str, list[Event]] | None = None,
                     per_round: Sequence[MultiCoderItem] | None = None) -> dict:
    """Root and 5-class agreement (human, and Dyad's when `predictions` are given), Dyad's
    coverage on the coded sentences and its events on sentences no coder coded, a confusion
    table (panel majority root × Dyad's root) and an error list. `per_round`: the items of
    every round, for a table of human agreement by training round."""
    eligible = [i for i in items if len(i.first_roots) >= MIN_CODERS]
    uncoded = [i for i in items if not i.first_roots]
    result: dict = {
        "sentences": len(items),
        "coded_sentences": len(eligible),
        "uncoded_sentences": len(uncoded),
        "coders_per_sentence": dict(sorted(Counter(len(i.coders) for i in items).items())),
        "root": agreement(items, predictions, "root"),
        "pentaclass": agreement(items, predictions, "pentaclass"),
    }
    if per_round is not None:
        rounds: dict[str, list[MultiCoderItem]] = defaultdict(list)
        for i in per_round:
            rounds[i.round].append(i)
        result["per_round"] = {
            r: {"root": agreement(rounds[r], None, "root")["leave_one_out"],
                "pentaclass": agreement(rounds[r], None, "pentaclass")["leave_one_out"],
                "sentences": agreement(rounds[r], None, "root")["sentences"]}
            for r in sorted(rounds, key=lambda r: (int(r.rpartition("_")[2]) if r.rpartition("_")[2].isdigit() else 0, r))}
    if predictions is None:
        return result
    result["coverage"] = sum(1 for i in eligible if predictions.get(i.id)) / len(eligible) if eligible else 0.0
    result["false_events"] = sum(1 for i in uncoded if predictions.get(i.id))
    result["false_event_rate"] = result["false_events"] / len(uncoded) if uncoded else 0.0
    pairs = []
    errors = []
    for item in eligible:
        labels = list(item.first_roots.values())
        top = majority(labels)
        events = predictions.get(item.id, [])
        pred = dyad_root(events)
        gold = pred if pred in top else top[0]
        pairs.append((gold, pred or "none"))
        if pred not in top:
            errors.append({"id": item.id, "text": item.text, "gold": {"majority": top, "coders": item.first_roots},
                           "predicted": [{"source": e.source.code if e.source else None,
                                          "target": e.target.code if e.target else None,
                                          "cameo": e.cameo, "plover": e.plover_type, "rule": e.rule} for e in events]})
    table: dict[str, Counter] = defaultdict(Counter)
    for g, p in pairs:
        table[g][p] += 1
    result["confusion"] = {g: dict(sorted(row.items())) for g, row in sorted(table.items())}
    result["errors"] = errors
    return result
