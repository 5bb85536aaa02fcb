"""Notebook-facing functions: the store's events, series and rankings as pandas DataFrames,
exports in the field's formats, and charts.

    import dyad.api as dy
    store = dy.open_store("dyad.duckdb")           # or pass the path to each function
    dy.events(store, source="IRN", target="IRQ")   # one row per deduplicated event
    dy.series(store, source="IRN", target="IRQ", by="week", metric="quad")
    dy.top(store, "dyads", n=10)
    dy.export(store, "events.tsv", format="gdelt")
    dy.plot_series(store, source="IRN", target="IRQ", path="chart.png")

`store` is a `dyad.store.Store`, a DuckDB connection, or the path of a store file (opened
read-only for the call). Filters, in every function: `source`, `target` (an actor code
prefix or a country: "IRN" matches IRNGOV and any actor of Iran), `root` (a CAMEO root or
code prefix, "04" or "042"), `since`, `until` (dates or ISO strings), `both_directions`
(also count target → source). Counts are of deduplicated events unless `mentions=True`.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from dyad import analysis, formats
from dyad.analysis import Filters

EXPORT_FORMATS = ("gdelt", "icews", "plover", "jsonl", "csv", "parquet")

__all__ = ["EXPORT_FORMATS", "events", "export", "mentions", "open_store", "plot_network", "plot_series", "series", "top"]


def open_store(path: str | Path = "dyad.duckdb", read_only: bool = True):
    """Open a store file (read-only by default, so a notebook does not lock it)."""
    from dyad.store import Store

    return Store(path, read_only=read_only)


def _filters(source: str | None, target: str | None, root: str | None, since: date | str | None,
             until: date | str | None, both_directions: bool) -> Filters:
    return analysis._filters(source, target, root, since, until, both_directions)


def events(store: Any, source: str | None = None, target: str | None = None, root: str | None = None,
           since: date | str | None = None, until: date | str | None = None, both_directions: bool = False,
           limit: int | None = None) -> pd.DataFrame:
    """Deduplicated events, one row each (columns of the store's `unique_events`: date,
    source_*, target_*, cameo, root, quad_class, goldstein, plover_*, location_*,
    num_mentions, num_sources, num_articles, source_url, first_article_id…)."""
    return analysis.query(store, _filters(source, target, root, since, until, both_directions), limit=limit)


def mentions(store: Any, source: str | None = None, target: str | None = None, root: str | None = None,
             since: date | str | None = None, until: date | str | None = None, both_directions: bool = False,
             limit: int | None = None) -> pd.DataFrame:
    """Coded mentions (rows of the `events` table, one per event found in a sentence), with
    their event's `group_id` and their article's publisher and url."""
    return analysis.query(store, _filters(source, target, root, since, until, both_directions), mentions=True,
                          limit=limit)


def series(store: Any, source: str | None = None, target: str | None = None, by: str = "week",
           metric: str = "count", root: str | None = None, since: date | str | None = None,
           until: date | str | None = None, both_directions: bool = False, mentions: bool = False) -> pd.DataFrame:
    """Events per period, indexed by the period's first day (`by`: day, week — ISO weeks from
    Monday —, month), every period from the first to the last (0 when nothing happened).
    `metric`: count (column `events`, or `mentions`), goldstein (sum of Goldstein scores),
    quad (one count column per QuadClass), all."""
    return analysis.series(store, _filters(source, target, root, since, until, both_directions), by=by,
                           metric=metric, mentions=mentions)


def top(store: Any, kind: str = "dyads", n: int = 10, level: str = "country", source: str | None = None,
        target: str | None = None, root: str | None = None, since: date | str | None = None,
        until: date | str | None = None, both_directions: bool = False, mentions: bool = False) -> pd.DataFrame:
    """The n most frequent `kind`: "dyads" (source, target, events, goldstein, mean_goldstein),
    "actors" (actor, events, as_source, as_target, goldstein), "codes" (cameo, name, events,
    goldstein, quad_class). `level`: group actors by "country" (default) or full "code"."""
    return analysis.top(store, kind, n, _filters(source, target, root, since, until, both_directions), level=level,
                        mentions=mentions)


def format_of(path: str | Path, fmt: str | None = None) -> str:
    """The export format: `fmt` if given, else from the file's extension."""
    if not fmt and str(path) == "-":
        return "jsonl"
    if fmt:
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
        return fmt
    name = str(path).lower()
    for ext, f in ((".jsonl", "jsonl"), (".csv", "csv"), (".parquet", "parquet")):
        if name.endswith(ext):
            return f
    raise ValueError(f"cannot tell the export format of {str(path)!r}: give one of {', '.join(EXPORT_FORMATS)}")


@contextmanager
def _text_out(path: str | Path):
    if str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
    else:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            yield fh


def export(store: Any, path: str | Path = "-", format: str | None = None, source: str | None = None,
           target: str | None = None, root: str | None = None, since: date | str | None = None,
           until: date | str | None = None, both_directions: bool = False) -> int:
    """Write events to `path` ('-': standard output) and return how many records were written.

    gdelt: GDELT 2.0 event table (61 tab-separated columns, no header), one row per event;
    icews: ICEWS event file (20 tab-separated columns with a header), one row per event;
    plover: PLOVER JSON records, one per event with a PLOVER type — a JSON array when the
    path ends in .json, else one record per line;
    jsonl, csv, parquet: Dyad's contract record of every coded mention (as `dyad code -o`)."""
    fmt = format_of(path, format)
    filters = _filters(source, target, root, since, until, both_directions)
    if fmt in ("jsonl", "csv", "parquet"):
        return _write_mentions(analysis.rows(store, filters, mentions=True), path, fmt)
    records = analysis.rows(store, filters)
    with _text_out(path) as fh:
        if fmt == "gdelt":
            return formats.write_gdelt(records, fh)
        if fmt == "icews":
            return formats.write_icews(records, fh)
        return formats.write_plover(records, fh, array=str(path).lower().endswith(".json"))


def _write_mentions(rows: list[dict[str, Any]], path: str | Path, fmt: str) -> int:
    """Mentions as `dyad code -o` writes them: the contract's JSONL record, its flat CSV row,
    Parquet with the store's column types."""
    import csv
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from dyad.export import flat
    from dyad.store import EVENT_ARROW, event_row, row_to_event

    events = [row_to_event(r) for r in rows]
    if fmt == "parquet":
        if str(path) == "-":
            raise ValueError("Parquet cannot be written to standard output: give a file name")
        pq.write_table(pa.Table.from_pylist([event_row(e) for e in events], schema=EVENT_ARROW), str(path))
        return len(events)
    with _text_out(path) as fh:
        if fmt == "jsonl":
            for e in events:
                fh.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(fh, fieldnames=[f.name for f in EVENT_ARROW])
            writer.writeheader()
            writer.writerows(flat(e) for e in events)
    return len(events)


def _title(source: str | None, target: str | None, both_directions: bool) -> str:
    arrow = " ↔ " if both_directions else " → "
    if source or target:
        return f"{source or 'any actor'}{arrow}{target or 'any actor'}"
    return "all events"


def plot_series(store: Any, path: str | Path | None = None, source: str | None = None, target: str | None = None,
                by: str = "week", root: str | None = None, since: date | str | None = None,
                until: date | str | None = None, both_directions: bool = False, mentions: bool = False,
                width: float = 10.0, height: float = 6.0, dpi: int = 100, title: str | None = None):
    """A dyad's counts per period by QuadClass (stacked bars) and its Goldstein sum (lower
    panel); saved as PNG when `path` is given. Returns the matplotlib Figure."""
    from dyad.plot import series_chart

    data = series(store, source, target, by=by, metric="all", root=root, since=since, until=until,
                  both_directions=both_directions, mentions=mentions)
    unit = "mentions" if mentions else "events"
    title = title or f"{_title(source, target, both_directions)}: {unit} per {by} by QuadClass"
    return series_chart(data, title, by=by, path=path, width=width, height=height, dpi=dpi, unit=unit)


def plot_network(store: Any, path: str | Path | None = None, n: int = 20, level: str = "country",
                 source: str | None = None, target: str | None = None, root: str | None = None,
                 since: date | str | None = None, until: date | str | None = None, both_directions: bool = False,
                 mentions: bool = False, width: float = 10.0, height: float = 8.4, dpi: int = 100,
                 title: str | None = None):
    """The `n` strongest dyads between two different actors as a graph (actors on a circle,
    arrow width = events, colour = mean Goldstein); saved as PNG when `path` is given.
    Returns the matplotlib Figure."""
    from dyad.plot import network_chart

    dyads = top(store, "dyads", n=10**9, level=level, source=source, target=target, root=root, since=since,
                until=until, both_directions=both_directions, mentions=mentions)
    # the strongest dyads between two different actors (domestic events have no edge)
    dyads = dyads[dyads["source"] != dyads["target"]].head(n).reset_index(drop=True)
    unit = "mentions" if mentions else "events"
    title = title or f"The {n} strongest dyads ({'countries' if level == 'country' else 'actor codes'}, {unit})"
    return network_chart(dyads, title, path=path, width=width, height=height, dpi=dpi, unit=unit)
