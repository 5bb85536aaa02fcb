"""PETRARCH's unit-test suite run through Dyad with the suite's own dictionaries.

    .venv/bin/python -m dyad.evaluation.petrarch_suite ../shared/peers/petrarch2/PETR.UnitTest.records.xml

The records (`<Sentence>` with `<EventCoding sourcecode targetcode eventcode>`, or
`noevents="True"`) name the dictionaries they were written against in an `<Environment>`
block (`<Verbfile>`, `<Actorfile>`, `<Agentfile>`, `<Discardfile>`); they are read from the
suite's folder with Dyad's PETRARCH readers. `<Config>` lines between records change
PETRARCH's coding options for the records after them (require_dyad, comma_*); each record is
coded with the options in force (`--dyad-options`: with Dyad's own instead). A record passes when the set of coded
(source code, target code, event code) triples equals the expected set exactly (a target
`---` is an event without a target); a `noevents` record passes when nothing is coded.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dyad.compat.petrarch_config import coding_options
from dyad.evaluation.readers import read_petrarch
from dyad.records import Article, Event

_ENV_FILE = re.compile(r"<(Verbfile|Actorfile|Agentfile|Discardfile)>\s*([^<\s]+)\s*</\1>")


@dataclass
class SuiteRecord:
    id: str
    category: str | None
    text: str
    expected: set[tuple[str, str, str]]
    coded: set[tuple[str, str, str]]

    @property
    def passed(self) -> bool:
        return self.expected == self.coded


@dataclass
class SuiteResult:
    suite: str
    dictionaries: list[str]
    records: list[SuiteRecord] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.records)

    @property
    def rate(self) -> float:
        return self.passed / len(self.records) if self.records else 0.0

    def by_category(self) -> dict[str, tuple[int, int]]:
        total: Counter = Counter()
        ok: Counter = Counter()
        for r in self.records:
            key = r.category or "-"
            total[key] += 1
            ok[key] += r.passed
        return {k: (ok[k], total[k]) for k in sorted(total)}


def environment_dictionaries(xml: Path) -> list[Path]:
    """The dictionaries an XML suite names, in its own folder."""
    head = xml.read_text(encoding="utf-8", errors="replace")[:20000]
    return [xml.parent / name for _, name in _ENV_FILE.findall(head) if (xml.parent / name).exists()]


def _triple(e: Event) -> tuple[str, str, str]:
    return (e.source.code if e.source else "---", e.target.code if e.target else "---", e.cameo)


def run_suite(xml: Path, dictionaries: list[Path] | None = None, nlp=None, petrarch_options: bool = True) -> SuiteResult:
    """Code the suite's records. With `petrarch_options` (the default) each record is coded
    with PETRARCH's options as its file sets them (`<Config>`: require_dyad, comma_*), on
    PETRARCH's defaults; without, with Dyad's (every event kept, no clause dropped)."""
    from dyad.dictionaries import config_with_dictionaries
    from dyad.pipeline import Coder, CoderConfig

    paths = dictionaries if dictionaries is not None else environment_dictionaries(xml)
    coder = Coder(config_with_dictionaries(CoderConfig(), paths), nlp=nlp)
    items = read_petrarch(xml)
    coded: dict[str, set[tuple[str, str, str]]] = {}
    # consecutive records under the same <Config> options are coded in one batch
    for _, group in itertools.groupby(items, key=lambda item: sorted(item.options.items())):
        group = list(group)
        options = coding_options(group[0].options) if petrarch_options else {}
        articles = [Article(id=item.id, text=item.text,
                            published=date.fromisoformat(item.published) if item.published else None)
                    for item in group]
        for r in coder.with_options(**options).code_articles(articles):
            coded[r.article.id] = {_triple(e) for e in r.events}
    result = SuiteResult(suite=str(xml), dictionaries=[str(p) for p in paths])
    for item in items:
        expected = {(s, t or "---", c) for s, t, c in item.events or []}
        result.records.append(SuiteRecord(id=item.id, category=item.category, text=item.text,
                                          expected=expected, coded=coded.get(item.id, set())))
    return result


def report(result: SuiteResult, failures: int = 0) -> str:
    lines = [f"PETRARCH unit-test suite {result.suite}",
             f"dictionaries: {', '.join(Path(p).name for p in result.dictionaries)}",
             f"records coded exactly as expected: {result.passed} of {len(result.records)} ({result.rate:.1%})", ""]
    for category, (ok, total) in result.by_category().items():
        lines.append(f"  {category:10} {ok:4} / {total:<4}")
    failed = [r for r in result.records if not r.passed]
    if failures and failed:
        lines += ["", f"First {min(failures, len(failed))} failures:"]
        for r in failed[:failures]:
            lines.append(f"- {r.id}: expected {sorted(r.expected)} coded {sorted(r.coded)}  | {r.text[:120]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("xml", type=Path)
    ap.add_argument("--dictionary", action="append", type=Path, help="dictionaries (default: the suite's <Environment>)")
    ap.add_argument("--failures", type=int, default=0, help="list this many failed records")
    ap.add_argument("--json", type=Path, help="write every record's result as JSON")
    ap.add_argument("--dyad-options", action="store_true",
                    help="code with Dyad's options instead of PETRARCH's (<Config> lines ignored)")
    args = ap.parse_args(argv)
    result = run_suite(args.xml, args.dictionary, petrarch_options=not args.dyad_options)
    print(report(result, args.failures))
    if args.json:
        args.json.write_text(json.dumps([{"id": r.id, "category": r.category, "passed": r.passed,
                                          "expected": sorted(r.expected), "coded": sorted(r.coded), "text": r.text}
                                         for r in result.records], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
