"""Writing event records: JSONL (the contract's record), CSV (flattened), Parquet."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyad.records import Event
from dyad.store import EVENT_ARROW, event_row

FORMATS = ("jsonl", "csv", "parquet")


def format_for(path: str) -> str:
    """The output format given by a path's extension ('-' is JSONL on standard output)."""
    if path == "-":
        return "jsonl"
    name = path.lower()
    for ext, fmt in ((".jsonl", "jsonl"), (".json", "jsonl"), (".csv", "csv"), (".parquet", "parquet")):
        if name.endswith(ext):
            return fmt
    raise ValueError(f"cannot tell the output format of {path!r}: use a .jsonl, .csv or .parquet extension, or '-'")


def flat(e: Event) -> dict[str, Any]:
    """One flat row of an event (CSV/Parquet columns)."""
    row = event_row(e)
    for key in ("source_sectors", "target_sectors", "issues"):
        if row[key] is not None:
            row[key] = ";".join(row[key])
    for key in ("date", "published"):
        if row[key] is not None:
            row[key] = row[key].isoformat()
    return row


class EventWriter:
    """Streams events to a file (or stdout) in the format of its extension."""

    def __init__(self, path: str):
        self.path = path
        self.format = format_for(path)
        self.count = 0
        self._fh: IO[str] | None = None
        self._csv: csv.DictWriter | None = None
        self._parquet: pq.ParquetWriter | None = None
        if self.format in ("jsonl", "csv"):
            if path == "-":
                self._fh = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", line_buffering=False, write_through=True)
            else:
                self._fh = open(path, "w", encoding="utf-8", newline="")

    def write(self, events: Iterable[Event]) -> None:
        events = list(events)
        if not events:
            return
        self.count += len(events)
        if self.format == "jsonl":
            assert self._fh is not None
            for e in events:
                self._fh.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
        elif self.format == "csv":
            assert self._fh is not None
            rows = [flat(e) for e in events]
            if self._csv is None:
                self._csv = csv.DictWriter(self._fh, fieldnames=list(rows[0]))
                self._csv.writeheader()
            self._csv.writerows(rows)
        else:
            table = pa.Table.from_pylist([event_row(e) for e in events], schema=EVENT_ARROW)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.path, EVENT_ARROW)
            self._parquet.write_table(table)

    def close(self) -> None:
        if self.format == "csv" and self._csv is None and self._fh is not None:
            # no events: still write the header so the file is a valid, empty table
            csv.DictWriter(self._fh, fieldnames=[f.name for f in EVENT_ARROW]).writeheader()
        if self.format == "parquet" and self._parquet is None:
            pq.write_table(EVENT_ARROW.empty_table(), self.path)
        if self._parquet is not None:
            self._parquet.close()
        if self._fh is not None:
            self._fh.flush()
            if self.path != "-":
                self._fh.close()
            else:
                self._fh.detach()

    def __enter__(self) -> EventWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_events(events: Iterable[Event], path: str | Path) -> int:
    with EventWriter(str(path)) as w:
        w.write(events)
        return w.count
