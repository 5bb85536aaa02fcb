"""Scores of coded events against gold items. Definitions: docs/evaluation.md.

Every function here is pure: gold items and predicted events in, a JSON-ready dict out, in a
deterministic order (sorted keys for tables, gold order for errors).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from dyad.evaluation.readers import LEGACY_COUNTRIES, UNKNOWN_COUNTRY, GoldActor, GoldItem, spans_of
from dyad.ontology import Ontology
from dyad.records import Actor, Event

INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")
NONE = "none"  # the label of "no event" in confusion tables
# CAMEO role codes: an actor code made of them alone has no country
SECTORS = frozenset(
    "GOV MIL COP JUD LEG OPP REB SEP INS SPY UAF PTY BUS MED CVL EDU HLH LAB REF CRM ELI AGR ENV "
    "HRI REL DEV MOD RAD".split()
)


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F1 from counts (0.0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def actor_key(actor: Actor | None) -> str | None:
    """What actors are compared on: the country, or the international prefix (IGO, NGO…);
    `---` for an actor with neither (a bare role such as REB)."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    head = actor.code[:3]
    return UNKNOWN_COUNTRY if not head or head in SECTORS else head


def gold_key(code: str | None) -> str | None:
    """The country (or international prefix) of a gold actor code: its first block, CAMEO's
    legacy country codes mapped to ISO (`JAP` → `JPN`); PETRARCH's `---` stays `---`."""
    if not code:
        return None
    head = code[:3].upper()
    return LEGACY_COUNTRIES.get(head, head)


def actor_matches(gold: Sequence[GoldActor], pred: Actor | None) -> bool:
    """True when the predicted actor is one of the gold actors (or both are absent).
    International actors match as a class: the PLOVER records write "IGO" for NGOs
    (Amnesty International) and armed groups alike, so any non-state international code
    (IGO, NGO, IMG, MNC) matches any other."""
    if not gold:
        return pred is None
    key = actor_key(pred)
    if key is None:
        return False
    if key in INTERNATIONAL_KEYS:
        return any(g.code in INTERNATIONAL_KEYS for g in gold)
    return any(g.code == key for g in gold)


INTERNATIONAL_KEYS = frozenset({"IGO", "NGO", "IMG", "MNC"})


def brief(e: Event) -> dict:
    """An event as shown in error lists: actors, code, PLOVER type and the rule."""
    return {"source": e.source.code if e.source else None, "target": e.target.code if e.target else None,
            "source_text": e.source.text if e.source else None, "target_text": e.target.text if e.target else None,
            "cameo": e.cameo, "plover": e.plover_type, "rule": e.rule}


def _confusion(pairs: Sequence[tuple[str, str]]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter] = defaultdict(Counter)
    for gold, pred in pairs:
        table[gold][pred] += 1
    return {g: dict(sorted(row.items())) for g, row in sorted(table.items())}


# -- PLOVER gold records -------------------------------------------------------------------

def plover_sentence_correct(item: GoldItem, events: Sequence[Event]) -> bool:
    """Some event has the gold PLOVER type, a gold source and a gold target (no target when
    the gold has none)."""
    return any(
        e.plover_type == item.plover_type and actor_matches(item.sources, e.source) and actor_matches(item.targets, e.target)
        for e in events
    )


def score_plover(items: Sequence[GoldItem], predictions: dict[str, list[Event]]) -> dict:
    per_type: dict[str, Counter] = defaultdict(Counter)
    pairs = []
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
        # the predicted type of a sentence: the gold type when some event has it, else the
        # type of the first event (CAMEO 01 statements have no PLOVER type: "(no type)")
        if type_ok:
            shown = item.plover_type
        elif events:
            shown = events[0].plover_type or "(no type)"
        else:
            shown = NONE
        pairs.append((item.plover_type, shown))
        if not ok:
            errors.append({
                "id": item.id, "text": item.text, "gold": {
                    "type": item.plover_type, "sources": [g.code for g in item.sources], "targets": [g.code for g in item.targets]},
                "predicted": [brief(e) for e in events],
            })
    n = totals["sentences"] or 1
    return {
        "sentences": totals["sentences"],
        "accuracy": totals["correct"] / n,
        "type_accuracy": totals["type_correct"] / n,
        "coverage": totals["covered"] / n,
        "per_type": {t: {"n": c["n"], "accuracy": c["correct"] / c["n"], "type_accuracy": c["type_correct"] / c["n"]}
                     for t, c in sorted(per_type.items())},
        "confusion": _confusion(pairs),
        "errors": errors,
    }


# -- ConfliBERT 5-class --------------------------------------------------------------------

def sentence_pentaclass(events: Sequence[Event], ontology: Ontology) -> int | None:
    """The 5-class label of a sentence: the class of its first (most salient) event."""
    for e in events:
        return ontology.pentaclass(e.cameo)
    return None


def score_pentaclass(items: Sequence[GoldItem], predictions: dict[str, list[Event]], ontology: Ontology) -> dict:
    totals = Counter()
    pairs = []
    errors = []
    for item in items:
        events = predictions.get(item.id, [])
        pred = sentence_pentaclass(events, ontology)
        ok = pred == item.pentaclass
        totals["sentences"] += 1
        totals["correct"] += ok
        totals["covered"] += pred is not None
        # the annotation tool of these sets files CAMEO 16 (reduce relations) under class 3
        alt = 3 if events and events[0].root == "16" else pred
        totals["correct_16_as_3"] += alt == item.pentaclass
        totals["root16"] += bool(events) and events[0].root == "16"
        pairs.append((str(item.pentaclass), NONE if pred is None else str(pred)))
        if not ok:
            errors.append({"id": item.id, "text": item.text, "gold": item.pentaclass, "predicted": pred,
                           "events": [brief(e) for e in events]})
    n = totals["sentences"] or 1
    confusion = _confusion(pairs)
    per_class = {}
    for label, row in confusion.items():
        total = sum(row.values())
        per_class[label] = {"n": total, "accuracy": row.get(label, 0) / total if total else 0.0,
                            "predicted": sum(r.get(label, 0) for r in confusion.values())}
    return {
        "sentences": totals["sentences"],
        "accuracy": totals["correct"] / n,
        "coverage": totals["covered"] / n,
        "accuracy_16_as_verbal_conflict": totals["correct_16_as_3"] / n,
        "first_event_root_16": totals["root16"],
        "per_class": per_class,
        "confusion": confusion,
        "errors": errors,
    }


# -- full events (Dyad's gold, PETRARCH validation) ----------------------------------------

def gold_triples(item: GoldItem, level: str) -> set[tuple]:
    out = set()
    for source, target, cameo in item.events or []:
        if level == "root":
            out.add((gold_key(source), gold_key(target), cameo[:2]))
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


def sentence_roots(item: GoldItem, events: Sequence[Event]) -> tuple[str, str]:
    """(gold root, predicted root) of a sentence for the confusion table and root accuracy:
    the predicted root is the first event's root ("none" without events); the gold root is
    that same root when the gold has it, else the first gold event's root ("none" for a
    no-event sentence)."""
    gold_roots = [cameo[:2] for _, _, cameo in item.events or []]
    pred = events[0].root if events else NONE
    if not gold_roots:
        return NONE, pred
    return (pred if pred in gold_roots else gold_roots[0]), pred


def score_events(items: Sequence[GoldItem], predictions: dict[str, list[Event]], ontology: Ontology | None = None) -> dict:
    """Event-level precision, recall and F1 on (source country, target country, root) and on
    (source code, target code, full code); the events of a sentence are compared as sets, so
    a duplicated gold or predicted event counts once."""
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
        result[level] = prf(tp, fp, fn)
        if level == "root":
            result["per_root"] = {
                root: {"gold": c["gold"], "predicted": c["pred"], "tp": c["tp"],
                       "recall": c["tp"] / c["gold"] if c["gold"] else 0.0,
                       "precision": c["tp"] / c["pred"] if c["pred"] else 0.0,
                       "f1": prf(c["tp"], c["pred"] - c["tp"], c["gold"] - c["tp"])["f1"]}
                for root, c in sorted(per_root.items())}
    empty = [i for i in items if not i.events]
    eventful = [i for i in items if i.events]
    result["no_event_sentences"] = len(empty)
    result["false_events"] = sum(1 for i in empty if predictions.get(i.id))
    result["false_event_rate"] = result["false_events"] / len(empty) if empty else 0.0
    result["coverage"] = (sum(1 for i in eventful if predictions.get(i.id)) / len(eventful)) if eventful else 0.0
    pairs = [sentence_roots(i, predictions.get(i.id, [])) for i in items]
    result["confusion"] = _confusion(pairs)
    hits = sum(1 for (g, p), i in zip(pairs, items) if i.events and g == p)
    result["root_accuracy"] = hits / len(eventful) if eventful else 0.0
    errors = []
    for item in items:
        gold = gold_triples(item, "root")
        events = predictions.get(item.id, [])
        pred = predicted_triples(events, "root")
        if gold != pred:
            errors.append({"id": item.id, "text": item.text,
                           "gold": [list(t) for t in sorted(gold, key=str)],
                           "gold_events": [list(e) for e in item.events or []],
                           "missed": [list(t) for t in sorted(gold - pred, key=str)],
                           "extra": [list(t) for t in sorted(pred - gold, key=str)],
                           "predicted": [brief(e) for e in events]})
    result["errors"] = errors
    result["error_classes"] = error_classes(items, predictions)
    return result


ERROR_CLASSES = {
    "missed_sentence": "gold events in a sentence where Dyad coded nothing",
    "wrong_target": "right source and root, wrong or missing target",
    "wrong_root": "right source and target, wrong root",
    "wrong_source": "right target and root, wrong or missing source",
    "other_missed": "other gold events not found",
    "spurious_sentence": "events coded in a sentence with no gold event",
    "other_extra": "other coded events that are not in the gold",
}


def error_classes(items: Sequence[GoldItem], predictions: dict[str, list[Event]]) -> dict[str, int]:
    """Counts of root-level errors by kind (ERROR_CLASSES). Each missed gold triple is paired
    with at most one extra predicted triple that differs from it in one member only."""
    counts: Counter = Counter({k: 0 for k in ERROR_CLASSES})
    for item in items:
        gold = gold_triples(item, "root")
        pred = predicted_triples(predictions.get(item.id, []), "root")
        missed, extra = sorted(gold - pred, key=str), sorted(pred - gold, key=str)
        if not gold:
            counts["spurious_sentence"] += len(extra)
            continue
        if not pred:
            counts["missed_sentence"] += len(missed)
            continue
        used: set[tuple] = set()
        for m in missed:
            for kind, same in (("wrong_target", (0, 2)), ("wrong_root", (0, 1)), ("wrong_source", (1, 2))):
                match = next((x for x in extra if x not in used and all(x[i] == m[i] for i in same)), None)
                if match is not None:
                    used.add(match)
                    counts[kind] += 1
                    break
            else:
                counts["other_missed"] += 1
        counts["other_extra"] += len([x for x in extra if x not in used])
    return dict(counts)


# -- ConfliBERT source/target spans --------------------------------------------------------

def _find_window(text: str, phrase: str) -> tuple[int, int] | None:
    """Character span of `phrase` in `text`: exact, then ignoring case, then ignoring spaces
    ("Damascus - based" finds "Damascus-based"), then the smallest window holding the
    phrase's words in order ("Senior Hungarian officials" in "Senior Hungarian and Romanian
    officials"), at most three times the phrase's length."""
    at = text.find(phrase)
    if at >= 0:
        return at, at + len(phrase)
    low, want = text.lower(), phrase.lower()
    at = low.find(want)
    if at >= 0:
        return at, at + len(phrase)
    keep = [k for k, ch in enumerate(low) if not ch.isspace()]
    squeezed = "".join(low[k] for k in keep)
    target = "".join(want.split())
    at = squeezed.find(target)
    if at >= 0:
        return keep[at], keep[at + len(target) - 1] + 1
    words = want.split()
    best = None
    start = squeezed.find(words[0])
    while start >= 0:
        pos, end = start + len(words[0]), start + len(words[0])
        for w in words[1:]:
            hit = squeezed.find(w, pos)
            if hit < 0:
                end = -1
                break
            pos = end = hit + len(w)
        if end < 0:
            break
        if best is None or end - start < best[1] - best[0]:
            best = (start, end)
        start = squeezed.find(words[0], start + 1)
    if best is None or best[1] - best[0] > 3 * len(target):
        return None
    return keep[best[0]], keep[best[1] - 1] + 1


def locate(text: str, offsets: Sequence[tuple[int, int]], phrase: str | None) -> tuple[int, int] | None:
    """The tokens (first, last + 1) that the actor words `phrase` cover in the sentence
    (see `_find_window`); None when the phrase is empty or not in the sentence."""
    if not phrase or not phrase.strip():
        return None
    window = _find_window(text, phrase.strip())
    if window is None:
        return None
    at, end = window
    covered = [k for k, (s, e) in enumerate(offsets) if s < end and e > at]
    return (covered[0], covered[-1] + 1) if covered else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _span_prf(right: int, predicted: int, found: int, gold: int) -> dict:
    """Span precision = predicted spans that overlap a gold span / predicted spans; span
    recall = gold spans overlapped by a predicted span / gold spans."""
    p = right / predicted if predicted else 0.0
    r = found / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "predicted": predicted, "predicted_right": right, "gold": gold, "gold_found": found}


def score_spans(items: Sequence[GoldItem], predictions: dict[str, list[Event]]) -> dict:
    """Dyad's source and target `text` against the gold S/T/R spans (R counts as both a
    source and a target span). Definitions: docs/evaluation.md."""
    span_counts = {role: Counter() for role in ("source", "target")}
    token_counts = {role: Counter() for role in ("source", "target")}
    totals = Counter()
    errors = []
    for item in items:
        events = predictions.get(item.id, [])
        spans = spans_of(item.tags or [])
        gold = {"source": sorted({(s, e) for r, s, e in spans if r in ("S", "R")}),
                "target": sorted({(s, e) for r, s, e in spans if r in ("T", "R")})}
        located: list[tuple[Event, tuple[int, int] | None, tuple[int, int] | None]] = []
        pred: dict[str, set] = {"source": set(), "target": set()}
        unlocated: dict[str, set] = {"source": set(), "target": set()}
        for e in events:
            src = locate(item.text, item.offsets or [], e.source.text) if e.source else None
            tgt = locate(item.text, item.offsets or [], e.target.text) if e.target else None
            located.append((e, src, tgt))
            for role, actor, where in (("source", e.source, src), ("target", e.target, tgt)):
                if actor is None:
                    continue
                if where is None:
                    unlocated[role].add(actor.text or actor.code)
                else:
                    pred[role].add(where)
        for role in ("source", "target"):
            g, p = gold[role], sorted(pred[role])
            c = span_counts[role]
            c["gold"] += len(g)
            c["predicted"] += len(p) + len(unlocated[role])
            c["gold_found"] += sum(1 for s in g if any(_overlaps(s, q) for q in p))
            c["predicted_right"] += sum(1 for q in p if any(_overlaps(q, s) for s in g))
            c["unlocated"] += len(unlocated[role])
            gt = {k for s, e in g for k in range(s, e)}
            pt = {k for s, e in p for k in range(s, e)}
            t = token_counts[role]
            t["tp"] += len(gt & pt)
            t["fp"] += len(pt - gt)
            t["fn"] += len(gt - pt)

        def fits(gold_spans, where, actor) -> bool:
            if not gold_spans:
                return actor is None
            return where is not None and any(_overlaps(where, s) for s in gold_spans)

        ok = any(fits(gold["source"], src, e.source) and fits(gold["target"], tgt, e.target) for e, src, tgt in located)
        totals["sentences"] += 1
        totals["dyad_overlap"] += ok
        totals["covered"] += bool(events)
        if not ok:
            def words(s: int, e: int) -> str:
                offsets = item.offsets or []
                return item.text[offsets[s][0]:offsets[e - 1][1]]
            errors.append({"id": item.id, "text": item.text,
                           "gold": {"source": [words(s, e) for s, e in gold["source"]],
                                    "target": [words(s, e) for s, e in gold["target"]],
                                    "reciprocal": [words(s, e) for r, s, e in spans if r == "R"]},
                           "predicted": [brief(e) for e in events]})
    result: dict = {"sentences": totals["sentences"]}
    n = totals["sentences"] or 1
    result["dyad_overlap"] = totals["dyad_overlap"] / n
    result["coverage"] = totals["covered"] / n
    for role in ("source", "target"):
        c = span_counts[role]
        result[f"span_{role}"] = {**_span_prf(c["predicted_right"], c["predicted"], c["gold_found"], c["gold"]),
                                  "unlocated": c["unlocated"]}
        t = token_counts[role]
        result[f"token_{role}"] = prf(t["tp"], t["fp"], t["fn"])
    both = {k: sum(span_counts[r][k] for r in span_counts) for k in ("predicted_right", "predicted", "gold_found", "gold")}
    result["span"] = _span_prf(both["predicted_right"], both["predicted"], both["gold_found"], both["gold"])
    result["token"] = prf(*(sum(token_counts[r][k] for r in token_counts) for k in ("tp", "fp", "fn")))
    result["errors"] = errors
    return result
