"""Check Dyad's development set: resolve every reference against the shared corpora, verify
each sha1, and print the set's make-up (sentences per split, events and sentences per CAMEO
root, no-event share, sentences per corpus).

    .venv/bin/python tools/check_devset.py [--gold eval/dev/dyad_dev.jsonl] [--shared ../shared]

Exits 1 (with the failing record named) when a record is malformed or a reference does not
resolve to its recorded sentence.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from dyad.evaluation.goldset import GoldFormatError, GoldReferenceError, load_gold  # noqa: E402
from dyad.ontology import default_ontology  # noqa: E402

SPLITS = ("dev", "test")


def table(title: str, header: list[str], rows: list[list[object]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    lines = [title, fmt.format(*header), fmt.format(*["-" * w for w in widths])]
    lines += [fmt.format(*map(str, r)) for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "dev" / "dyad_dev.jsonl")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="the shared material's root (default: ../shared next to the repo)")
    args = ap.parse_args(argv)

    try:
        items = load_gold(args.gold, shared_root=args.shared)
    except (GoldFormatError, GoldReferenceError, OSError) as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    refs = sum(1 for i in items if i.ref is not None)
    print(f"{args.gold}: {len(items)} sentences, {refs} references resolved, sha1 verified; "
          f"{len(items) - refs} inline")
    print()

    roots = default_ontology().roots
    cols = SPLITS + ("all",)
    split_n = Counter(i.split for i in items)
    no_event = Counter(i.split for i in items if not i.events)
    n_events = Counter(i.split for i in items for _ in i.events)
    rows = []
    for s in cols:
        n = len(items) if s == "all" else split_n[s]
        ne = sum(no_event.values()) if s == "all" else no_event[s]
        ev = sum(n_events.values()) if s == "all" else n_events[s]
        rows.append([s, n, ev, ne, f"{ne / n:.1%}" if n else "-"])
    print(table("Sentences per split", ["split", "sentences", "events", "no-event", "no-event share"], rows))
    print()

    ev_root = {s: Counter() for s in cols}
    sent_root = {s: Counter() for s in cols}
    for i in items:
        for e in i.events:
            ev_root[i.split][e.root] += 1
            ev_root["all"][e.root] += 1
        for r in i.roots:
            sent_root[i.split][r] += 1
            sent_root["all"][r] += 1
    rows = []
    for r in sorted(roots):
        rows.append([f"{r} {roots[r].title()}"] + [ev_root[s][r] for s in cols] + [sent_root[s][r] for s in cols])
    rows.append(["total"] + [sum(ev_root[s].values()) for s in cols] + ["" for _ in cols])
    header = ["root"] + [f"events {s}" for s in cols] + [f"sentences {s}" for s in cols]
    print(table("Events and sentences per CAMEO root", header, rows))
    thin = [r for r in sorted(roots) if sent_root["all"][r] < 8]
    missing = {s: [r for r in sorted(roots) if sent_root[s][r] == 0] for s in SPLITS}
    print(f"roots in fewer than 8 sentences: {', '.join(thin) or 'none'}; "
          + "; ".join(f"roots absent from {s}: {', '.join(m) or 'none'}" for s, m in missing.items()))
    print()

    by_corpus: dict[str, Counter] = {}
    for i in items:
        key = i.ref["corpus"] if i.ref else "(inline text)"
        c = by_corpus.setdefault(key, Counter())
        c[i.split] += 1
        c["events"] += len(i.events)
        c["no-event"] += not i.events
    rows = [[k, c["dev"], c["test"], c["dev"] + c["test"], c["events"], c["no-event"]] for k, c in sorted(by_corpus.items())]
    print(table("Sentences per corpus", ["corpus", "dev", "test", "all", "events", "no-event"], rows))
    published = Counter(i.published[:4] if i.published else "undated" for i in items)
    print()
    print("published year: " + ", ".join(f"{y} {n}" for y, n in sorted(published.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
