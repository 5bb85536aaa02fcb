"""Run every benchmark set and rewrite the generated table of docs/benchmarks.md.

    python -m dyad.evaluation.run_all --shared ../shared [--out build/eval] [--benchmarks docs/benchmarks.md]

This is `make eval`. The shared material must exist (the run stops at once, exit 2, when
it does not); a set marked optional is reported as absent when its file is missing; a set
that exists but cannot be read makes the run exit 1 after everything else is written.
Per-set reports (JSON and Markdown, every error) go to `--out`; the table in
docs/benchmarks.md is replaced between its markers and everything below the end marker
(the hand-written part: speed figures) is kept as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

BEGIN = "<!-- generated: begin (make eval rewrites this part; edit below the end marker) -->"
END = "<!-- generated: end -->"
TITLE = "# Benchmarks"
SPEED_PLACEHOLDER = """## Speed

Hand-written section, kept by `make eval`: throughput figures from `make bench`
(`benchmarks/throughput.py`) go here.
"""


@dataclass(frozen=True)
class GoldSet:
    key: str
    title: str
    path: str  # "{shared}/..." or a path relative to the repository
    fmt: str
    split: str | None = None
    optional: bool = False
    fallback: str | None = None  # another file holding the same set
    dictionaries: tuple[str, ...] = ()  # "{shared}/..." files replacing Dyad's own dictionaries
    petrarch: bool = False  # coded with PETRARCH's options and rules (dyad eval --petrarch)


PHOENIX = tuple("{shared}/peers/petrarch2/" + name for name in (
    "CAMEO.2.0.txt", "Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt", "Phoenix.discards.txt"))


SETS = (
    GoldSet("plover", "PLOVER gold records (CAMEO-manual sentences)", "{shared}/peers/plover/PLOVER_GSR_CAMEO.json", "plover"),
    GoldSet("conflibert-5class", "ConfliBERT 5-class, test", "{shared}/peers/conflibert/cameo_class/test.tsv", "pentaclass"),
    GoldSet("plover-phoenix", "PLOVER gold records, **with the Phoenix dictionaries** instead of Dyad's",
            "{shared}/peers/plover/PLOVER_GSR_CAMEO.json", "plover", optional=True, dictionaries=PHOENIX),
    GoldSet("conflibert-5class-phoenix", "ConfliBERT 5-class, test, **with the Phoenix dictionaries** instead of Dyad's",
            "{shared}/peers/conflibert/cameo_class/test.tsv", "pentaclass", optional=True, dictionaries=PHOENIX),
    GoldSet("plover-phoenix-petrarch", "PLOVER gold records, with the Phoenix dictionaries **and PETRARCH's options**",
            "{shared}/peers/plover/PLOVER_GSR_CAMEO.json", "plover", optional=True, dictionaries=PHOENIX, petrarch=True),
    GoldSet("conflibert-5class-phoenix-petrarch",
            "ConfliBERT 5-class, test, with the Phoenix dictionaries **and PETRARCH's options**",
            "{shared}/peers/conflibert/cameo_class/test.tsv", "pentaclass", optional=True, dictionaries=PHOENIX,
            petrarch=True),
    GoldSet("conflibert-spans", "ConfliBERT source/target spans, test", "{shared}/peers/conflibert/cameo_ner/test.txt", "spans"),
    GoldSet("petr2-gsr", "PETRARCH-2 GSR validation", "{shared}/peers/UniversalPetrarch/PETR2_GSR_validation.xml", "petrarch"),
    GoldSet("petrarch-suite", "PETRARCH unit-test suite, with its own `PETR.Validate.*` dictionaries",
            "{shared}/peers/petrarch2/PETR.UnitTest.records.xml", "petrarch-suite", optional=True),
    GoldSet("dyad-dev", "Dyad dev set, `dev` split", "eval/dev/dyad_dev.jsonl", "dyad", split="dev"),
    GoldSet("dyad-test", "Dyad dev set, `test` split", "eval/dev/dyad_dev.jsonl", "dyad", split="test"),
    GoldSet("dyad-synthetic-dev", "Dyad synthetic set (team-written), `dev` split", "eval/synthetic/dyad_synthetic.jsonl",
            "dyad", split="dev", optional=True),
    GoldSet("dyad-synthetic-test", "Dyad synthetic set (team-written), `test` split", "eval/synthetic/dyad_synthetic.jsonl",
            "dyad", split="test", optional=True),
    GoldSet("multicoder", "ConfliBERT multi-coder rounds (latest round of each sentence set)",
            "{shared}/peers/cameo_conflibert_annotations", "multicoder",
            fallback="{shared}/corpora/cameo_coded_sentences/cameo_conflibert_multicoder_roots.jsonl"),
)


def check_shared(shared: Path) -> None:
    if not shared.is_dir() or not (shared / "peers").is_dir():
        sys.stderr.write(
            f"make eval: the shared material was not found at {shared} (it needs peers/ and corpora/).\n"
            f"Put the shared folder beside the repository (../shared) or pass SHARED=PATH "
            f"(python -m dyad.evaluation.run_all --shared PATH).\n")
        raise SystemExit(2)


def resolve(gold: GoldSet, shared: Path, shared_arg: str, repo: Path) -> tuple[Path | None, str | None]:
    """(path to read, path as written in the command line) of the first file that exists."""
    for raw in (gold.path, gold.fallback):
        if raw is None:
            continue
        if raw.startswith("{shared}"):
            rel = raw[len("{shared}/"):]
            path, shown = shared / rel, f"{shared_arg.rstrip('/')}/{rel}"
        else:
            path, shown = repo / raw, raw
        if path.exists():
            return path, shown
    return None, None


def dictionary_paths(gold: GoldSet, shared: Path, shared_arg: str) -> tuple[list[Path], list[str]] | None:
    """(paths to read, paths as written) of a set's replacement dictionaries; None when one
    of them is missing."""
    paths, shown = [], []
    for raw in gold.dictionaries:
        rel = raw[len("{shared}/"):]
        if not (shared / rel).exists():
            return None
        paths.append(shared / rel)
        shown.append(f"{shared_arg.rstrip('/')}/{rel}")
    return paths, shown


def command(gold: GoldSet, shown: str, shared_arg: str) -> str:
    if gold.fmt == "petrarch-suite":
        return f"python -m dyad.evaluation.petrarch_suite {shown}"
    parts = ["dyad eval", shown]
    for raw in gold.dictionaries:
        parts += ["--dictionary", f"{shared_arg.rstrip('/')}/{raw[len('{shared}/'):]}"]
    if gold.fmt == "dyad":
        parts += ["--shared", shared_arg]
    if gold.split:
        parts += ["--split", gold.split]
    if gold.petrarch:
        parts.append("--petrarch")
    return " ".join(parts)


def _f(x: float) -> str:
    return f"{x:.3f}"


def figures(result: dict) -> tuple[str, str, str, str]:
    """(Dyad's main figure, further figures, coverage, false events) of one result."""
    fmt = result["format"]
    if fmt == "plover":
        return (f"type + source + target accuracy **{_f(result['accuracy'])}**",
                f"PLOVER type accuracy {_f(result['type_accuracy'])}", _f(result["coverage"]), "—")
    if fmt == "pentaclass":
        return (f"5-class accuracy **{_f(result['accuracy'])}**",
                f"with CAMEO 16 as class 3: {_f(result['accuracy_16_as_verbal_conflict'])}", _f(result["coverage"]), "—")
    if fmt == "spans":
        s = result["span"]
        return (f"span F1 **{_f(s['f1'])}** (P {_f(s['precision'])}, R {_f(s['recall'])})",
                f"token F1 {_f(result['token']['f1'])}; source and target both overlap gold: {_f(result['dyad_overlap'])}",
                _f(result["coverage"]), "—")
    if fmt in ("dyad", "petrarch"):
        r, c = result["root"], result["code"]
        false = (f"{result['false_events']}/{result['no_event_sentences']} ({_f(result['false_event_rate'])})"
                 if result["no_event_sentences"] else "—")
        return (f"root-level F1 **{_f(r['f1'])}** (P {_f(r['precision'])}, R {_f(r['recall'])})",
                f"code-level F1 {_f(c['f1'])}; root accuracy {_f(result['root_accuracy'])}",
                _f(result["coverage"]), false)
    if fmt == "petrarch-suite":
        return (f"records coded exactly as expected **{_f(result['rate'])}** ({result['passed']}/{result['sentences']})",
                "; ".join(f"{k} {ok}/{n}" for k, (ok, n) in result["categories"].items()),
                "—", "—")
    if fmt == "multicoder":
        return (f"root agreement **{_f(result['root']['dyad_leave_one_out'])}**",
                f"5-class agreement {_f(result['pentaclass']['dyad_leave_one_out'])} (same panels as the coders)",
                _f(result["coverage"]),
                f"{result['false_events']}/{result['uncoded_sentences']} ({_f(result['false_event_rate'])})")
    return ("—", "—", "—", "—")


def ceiling_for(fmt: str, ceiling: dict | None) -> str:
    """The human figure to read beside a row: root-label agreement beside the event sets
    (compare with their root accuracy), 5-class agreement beside the 5-class set."""
    if not ceiling:
        return "—"
    root, penta = ceiling["root"]["leave_one_out"], ceiling["pentaclass"]["leave_one_out"]
    if fmt == "pentaclass":
        return f"5-class {_f(penta)}"
    if fmt in ("dyad", "petrarch"):
        return f"root {_f(root)} (cf. root accuracy)"
    if fmt == "multicoder":
        return f"root {_f(root)}, 5-class {_f(penta)}"
    return "—"


def table(rows: list[dict], ceiling: dict | None, when: str, shared_arg: str) -> str:
    lines = [
        BEGIN,
        "",
        f"Accuracy on every gold set, written by `make eval SHARED={shared_arg}` on {when} "
        "(`python -m dyad.evaluation.run_all`). Each sentence is coded on its own; definitions of "
        "every figure: [evaluation.md](evaluation.md). The human ceiling is the leave-one-out "
        "agreement of the ConfliBERT multi-coder rounds (a coder against the majority of the "
        "other coders) on the label the figure is about; full reports with every error are "
        "written to `build/eval/`.",
        "",
        "| set | sentences | Dyad | further figures | coverage | false events | human ceiling | command | date |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(str(row[k]) for k in
                                         ("title", "sentences", "main", "more", "coverage", "false", "ceiling", "command", "date")) + " |")
    lines += ["", END]
    return "\n".join(lines)


def merge_benchmarks(existing: str | None, generated: str) -> str:
    """The new benchmarks page: the generated block replaces the old one; the text before
    the begin marker and everything after the end marker are kept."""
    if existing is None:
        return f"{TITLE}\n\n{generated}\n\n{SPEED_PLACEHOLDER}"
    if END in existing:
        before, _, after = existing.partition(END)
        head = before.partition(BEGIN)[0] if BEGIN in before else None
        if head is None:
            # only the end marker: everything above it was generated
            head = f"{TITLE}\n\n"
        return head + generated + after
    # a page written by hand without markers: the table goes on top, the page is kept below it
    body = existing
    if body.lstrip().startswith(TITLE + "\n") or body.strip() == TITLE:
        body = body.lstrip()[len(TITLE):].lstrip("\n")
    return f"{TITLE}\n\n{generated}\n\n{body}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dyad.evaluation.run_all", description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default="../shared", help="the shared material (default ../shared)")
    ap.add_argument("--repo", type=Path, default=Path.cwd(), help="the repository root (default: the current folder)")
    ap.add_argument("--out", type=Path, default=None, help="folder for the full reports (default REPO/build/eval)")
    ap.add_argument("--benchmarks", type=Path, default=None, help="page to update (default REPO/docs/benchmarks.md)")
    ap.add_argument("--date", default=None, help="date written in the table (default today)")
    ap.add_argument("--only", action="append", default=None, help="run only this set key (repeatable)")
    ap.add_argument("--model", default=None, help="spaCy model package")
    args = ap.parse_args(argv)

    shared = Path(args.shared)
    check_shared(shared)
    repo = args.repo
    out = args.out or repo / "build" / "eval"
    bench = args.benchmarks or repo / "docs" / "benchmarks.md"
    when = args.date or date.today().isoformat()
    sets = [s for s in SETS if not args.only or s.key in args.only]

    plan = []
    failed = []
    for gold in sets:
        path, shown = resolve(gold, shared, args.shared, repo)
        if path is None:
            if not gold.optional:
                failed.append(f"{gold.key}: {gold.path.replace('{shared}', str(shared))} not found")
            plan.append((gold, None, None))
            continue
        if gold.dictionaries and dictionary_paths(gold, shared, args.shared) is None:
            plan.append((gold, None, None))
            continue
        plan.append((gold, path, shown))
    if failed:
        sys.stderr.write("make eval: required gold sets are missing:\n  " + "\n  ".join(failed) + "\n")
        return 2

    from dyad.evaluation.ceiling import score_multicoder
    from dyad.evaluation.readers import read_multicoder
    from dyad.evaluation.run import evaluate, write_report
    from dyad.pipeline import Coder, CoderConfig

    started = time.perf_counter()
    config = CoderConfig(model=args.model)
    coder = Coder(config) if any(path is not None and not g.dictionaries for g, path, _ in plan) else None
    coders: dict[tuple[str, ...], Coder] = {}

    def coder_for(gold: GoldSet) -> Coder:
        base = coder
        if gold.dictionaries:
            if gold.dictionaries not in coders:
                from dyad.dictionaries import config_with_dictionaries
                paths, _ = dictionary_paths(gold, shared, args.shared)
                coders[gold.dictionaries] = Coder(config_with_dictionaries(config, paths),
                                                 nlp=coder.nlp if coder is not None else None)
            base = coders[gold.dictionaries]
        if gold.petrarch:
            from dyad.compat.petrarch_config import coding_options
            return base.with_options(**coding_options({}))
        return base
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    rows = []
    status = 0
    ceiling = None
    for gold in SETS:  # the human ceiling, whichever sets run
        path, _ = resolve(gold, shared, args.shared, repo)
        if gold.fmt == "multicoder" and path is not None:
            ceiling = score_multicoder(read_multicoder(path))
    for gold, path, shown in plan:
        row = {"title": gold.title, "sentences": "—", "main": "—", "more": "—", "coverage": "—", "false": "—",
               "ceiling": ceiling_for(gold.fmt, ceiling), "command": "—", "date": when}
        if path is None:
            missing = gold.path if not gold.dictionaries else "a set or dictionary file"
            row["main"] = f"absent (`{missing}` not found; optional)"
            row["ceiling"] = "—"
            rows.append(row)
            print(f"{gold.key}: absent, skipped", file=sys.stderr)
            continue
        row["command"] = f"`{command(gold, shown, args.shared)}`"
        t0 = time.perf_counter()
        try:
            if gold.fmt == "petrarch-suite":
                from dyad.evaluation.petrarch_suite import run_suite
                suite = run_suite(path, nlp=(coder.nlp if coder is not None else None))
                result = {"format": gold.fmt, "name": gold.title, "sentences": len(suite.records),
                          "passed": suite.passed, "rate": suite.rate, "categories": suite.by_category(),
                          "errors": [{"id": r.id, "text": r.text, "expected": sorted(r.expected), "coded": sorted(r.coded)}
                                     for r in suite.records if not r.passed]}
                results[gold.key] = result
                (out / f"{gold.key}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n",
                                                      encoding="utf-8")
                main_fig, more, coverage, false = figures(result)
                row.update(sentences=len(suite.records), main=main_fig, more=more, coverage=coverage, false=false)
                rows.append(row)
                print(f"{gold.key}: {main_fig.replace('**', '')} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
                continue
            result = evaluate(coder_for(gold), path, gold.fmt, shared, gold.split, name=f"{gold.title}: {shown}")
        except (ValueError, OSError) as exc:
            status = 1
            row["main"] = f"error: {str(exc)[:200]}"
            rows.append(row)
            print(f"{gold.key}: FAILED: {exc}", file=sys.stderr)
            continue
        results[gold.key] = result
        write_report([result], out / f"{gold.key}.json")
        main_fig, more, coverage, false = figures(result)
        sentences = result["sentences"]
        if gold.fmt == "multicoder":
            sentences = f"{sentences} ({result['coded_sentences']} coded by 2+ coders)"
        row.update(sentences=sentences, main=main_fig, more=more, coverage=coverage, false=false)
        rows.append(row)
        print(f"{gold.key}: {result['sentences']} sentences, {main_fig.replace('**', '')} "
              f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr)

    summary = {"date": when, "shared": args.shared, "sets": [
        {"key": gold.key, "title": gold.title, "format": gold.fmt, "split": gold.split,
         "path": shown, "present": path is not None,
         "scores": {k: v for k, v in results[gold.key].items() if k not in ("errors",)} if gold.key in results else None}
        for gold, path, shown in plan], "ceiling": ceiling}
    (out / "summary.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    reportable = [results[k] for k in results if results[k]["format"] != "petrarch-suite"]
    if reportable:
        write_report(reportable, out / "report.md")
    generated = table(rows, ceiling, when, args.shared)
    existing = bench.read_text(encoding="utf-8") if bench.exists() else None
    bench.parent.mkdir(parents=True, exist_ok=True)
    bench.write_text(merge_benchmarks(existing, generated), encoding="utf-8")
    print(f"wrote {bench} and {out}/ ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
