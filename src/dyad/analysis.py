"""Dyadic questions over the store: events, time series and rankings as pandas DataFrames.

Counting unit: by default the *event* (a row of `unique_events`: mentions of the same
source, target and CAMEO code in the same duplicate window are one event, as in GDELT's
event table); `mentions=True` counts every coded mention instead.

Actor matching, as `Store.query_events`: "IRN" matches actor codes starting with IRN
(IRN, IRNGOV, IRNMIL…) and actors whose country is IRN. Matching is directed (source →
target) unless `both_directions=True`, which also takes target → source.

A store written before deduplication existed has no `unique_events` table: its events are
then grouped here the same way (one-day window on source code, target code and CAMEO code).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dyad.ontology import QUAD_NAMES

QUAD_COLUMNS = [QUAD_NAMES[q].replace(" ", "_") for q in (1, 2, 3, 4)]
PERIODS = ("day", "week", "month")
METRICS = ("count", "goldstein", "quad", "all")
TOP_KINDS = ("dyads", "actors", "codes")
LEVELS = ("country", "code")


@dataclass(frozen=True)
class Filters:
    """Which events: actors, CAMEO code prefix, date range."""

    source: str | None = None
    target: str | None = None
    root: str | None = None  # CAMEO root or code prefix ("04", "042")
    since: date | None = None
    until: date | None = None
    both_directions: bool = False

    def where(self) -> tuple[str, list[Any]]:
        """SQL condition over a relation with source_*/target_*/cameo/date columns."""
        clauses: list[str] = []
        params: list[Any] = []

        def match(prefix: str, value: str) -> str:
            params.extend([value.upper() + "%", value.upper()])
            return f"({prefix}_code LIKE ? OR {prefix}_country = ?)"

        if self.source or self.target:
            forward = [match("source", self.source)] if self.source else []
            forward += [match("target", self.target)] if self.target else []
            cond = " AND ".join(forward)
            if self.both_directions:
                back = [match("target", self.source)] if self.source else []
                back += [match("source", self.target)] if self.target else []
                cond = f"(({cond}) OR ({' AND '.join(back)}))"
            clauses.append(cond)
        if self.root:
            clauses.append("cameo LIKE ?")
            params.append(self.root + "%")
        if self.since:
            clauses.append("date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("date <= ?")
            params.append(self.until)
        return (" AND ".join(clauses) or "TRUE"), params


def _filters(source=None, target=None, root=None, since=None, until=None, both_directions=False) -> Filters:
    def day(v):
        return date.fromisoformat(v) if isinstance(v, str) else v

    return Filters(source, target, root, day(since), day(until), both_directions)


@contextmanager
def connection(store: Any) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB connection from a Store, a connection, or the path of a store file (opened
    read-only for the duration)."""
    from dyad.store import Store

    if isinstance(store, Store):
        yield store.con
    elif isinstance(store, duckdb.DuckDBPyConnection):
        yield store
    else:
        path = Path(store)
        with Store(path, read_only=True) as s:
            current = "unique_events" in _tables(s.con)
        if not current:
            # a store written by an earlier Dyad: opening it for writing once adds this
            # version's tables and groups its mentions into events
            Store(path).close()
        with Store(path, read_only=True) as s:
            yield s.con


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def _event_columns(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}


def unique_relation(con: duckdb.DuckDBPyConnection) -> str:
    """SQL of the deduplicated events, with the first article's publisher and title and the
    first mention's actor texts."""
    if "unique_events" not in _tables(con):
        raise ValueError("this store has no unique_events table (written by an earlier Dyad): "
                         "open it by its path, or once with dyad.store.Store(path), to upgrade it")
    base = "unique_events"
    return (f"(SELECT u.*, a.source AS publisher, a.title AS title, fe.source_text, fe.target_text "
            f"FROM {base} u LEFT JOIN articles a ON a.article_id = u.first_article_id "
            f"LEFT JOIN events fe ON fe.event_id = u.first_event_id)")


def mention_relation(con: duckdb.DuckDBPyConnection) -> str:
    """SQL of the coded mentions with their article's publisher, url and title."""
    gid = "" if "group_id" in _event_columns(con) else ", e.event_id AS group_id"
    return (f"(SELECT e.*{gid}, a.source AS publisher, a.url AS source_url, a.title AS title "
            f"FROM events e LEFT JOIN articles a USING (article_id))")


def query(store: Any, filters: Filters, mentions: bool = False, limit: int | None = None) -> pd.DataFrame:
    """Events (or mentions) matching the filters, in date order."""
    with connection(store) as con:
        rel = mention_relation(con) if mentions else unique_relation(con)
        where, params = filters.where()
        order = "date, article_id, sentence_index, event_id" if mentions else "date, first_article_id, first_sentence_index, group_id"
        sql = f"SELECT * FROM {rel} WHERE {where} ORDER BY {order}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return con.execute(sql, params).df()


def rows(store: Any, filters: Filters, mentions: bool = False) -> list[dict[str, Any]]:
    """As `query`, as a list of dicts with Python values (for the file writers)."""
    with connection(store) as con:
        rel = mention_relation(con) if mentions else unique_relation(con)
        where, params = filters.where()
        order = "date, article_id, sentence_index, event_id" if mentions else "date, first_article_id, first_sentence_index, group_id"
        cur = con.execute(f"SELECT * FROM {rel} WHERE {where} ORDER BY {order}", params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


# -- series ----------------------------------------------------------------------------------

_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}


def period_start(day: pd.Series, by: str) -> pd.Series:
    """The first day of each date's period: the day, the Monday of its ISO week, the 1st of
    its month."""
    day = pd.to_datetime(day)
    if by == "day":
        return day.dt.normalize()
    if by == "week":
        return (day - pd.to_timedelta(day.dt.day_of_week, unit="D")).dt.normalize()
    if by == "month":
        return day.dt.to_period("M").dt.to_timestamp()
    raise ValueError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")


def series(store: Any, filters: Filters, by: str = "week", metric: str = "count", mentions: bool = False) -> pd.DataFrame:
    """A time series indexed by period start (`period`), every period between the first and
    the last inclusive (0 where nothing happened). Columns by metric: `count` → events (or
    mentions); `goldstein` → sum of Goldstein scores; `quad` → counts per QuadClass
    (verbal_cooperation … material_conflict); `all` → all of these."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}, not {metric!r}")
    counted = "mentions" if mentions else "events"
    cols = {"count": [counted], "goldstein": ["goldstein"], "quad": QUAD_COLUMNS,
            "all": [counted, "goldstein", *QUAD_COLUMNS]}[metric]
    with connection(store) as con:  # aggregated per day and QuadClass in DuckDB, then per period
        rel = mention_relation(con) if mentions else unique_relation(con)
        where, params = filters.where()
        df = con.execute(f"SELECT date, coalesce(quad_class, 0) AS quad, count(*) AS n, "
                         f"sum(coalesce(goldstein, 0)) AS goldstein FROM {rel} "
                         f"WHERE {where} AND date IS NOT NULL GROUP BY ALL ORDER BY date", params).df()
    if df.empty:
        out = pd.DataFrame({c: pd.Series(dtype="int64" if c != "goldstein" else "float64") for c in cols})
        out.index = pd.DatetimeIndex([], name="period")
        return out
    periods = period_start(df["date"], by)
    frame = pd.DataFrame({"period": periods.values, "n": df["n"].astype("int64").values,
                          "goldstein": df["goldstein"].astype(float).values, "quad": df["quad"].astype(int).values})
    full = pd.date_range(periods.min(), periods.max(), freq=_FREQ[by], name="period")
    grouped = frame.groupby("period")
    out = pd.DataFrame(index=full)
    out[counted] = grouped["n"].sum().reindex(full, fill_value=0).astype("int64")
    out["goldstein"] = grouped["goldstein"].sum().reindex(full, fill_value=0.0).round(6)
    quads = frame.groupby(["period", "quad"])["n"].sum().unstack(fill_value=0).reindex(full, fill_value=0)
    for q, name in zip((1, 2, 3, 4), QUAD_COLUMNS):
        out[name] = (quads[q] if q in quads.columns else 0)
        out[name] = out[name].astype("int64")
    out.index.name = "period"
    return out[cols]


# -- rankings --------------------------------------------------------------------------------

def _key(prefix: str, level: str) -> str:
    return f"coalesce({prefix}_country, {prefix}_code)" if level == "country" else f"{prefix}_code"


def top(store: Any, kind: str = "dyads", n: int = 10, filters: Filters | None = None, level: str = "country",
        mentions: bool = False) -> pd.DataFrame:
    """The `n` most frequent dyads (source, target), actors or CAMEO codes, with their event
    counts and Goldstein sums. `level`: "country" groups actors by country (an actor without
    one, such as IGOUNO, by its code), "code" by full actor code."""
    if kind not in TOP_KINDS:
        raise ValueError(f"kind must be one of {', '.join(TOP_KINDS)}, not {kind!r}")
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    filters = filters or Filters()
    counted = "mentions" if mentions else "events"
    with connection(store) as con:
        rel = mention_relation(con) if mentions else unique_relation(con)
        where, params = filters.where()
        base = f"(SELECT * FROM {rel} WHERE {where})"
        src, tgt = _key("source", level), _key("target", level)
        if kind == "dyads":
            sql = (f"SELECT {src} AS source, {tgt} AS target, count(*) AS {counted}, "
                   f"round(sum(goldstein), 6) AS goldstein, round(avg(goldstein), 6) AS mean_goldstein "
                   f"FROM {base} WHERE target_code IS NOT NULL AND source_code IS NOT NULL "
                   f"GROUP BY ALL ORDER BY {counted} DESC, source, target LIMIT {int(n)}")
        elif kind == "actors":
            sql = (f"WITH roles AS (SELECT {src} AS actor, 'source' AS role, goldstein FROM {base} WHERE source_code IS NOT NULL "
                   f"UNION ALL SELECT {tgt} AS actor, 'target' AS role, goldstein FROM {base} WHERE target_code IS NOT NULL) "
                   f"SELECT actor, count(*) AS {counted}, count(*) FILTER (WHERE role = 'source') AS as_source, "
                   f"count(*) FILTER (WHERE role = 'target') AS as_target, round(sum(goldstein), 6) AS goldstein "
                   f"FROM roles GROUP BY actor ORDER BY {counted} DESC, actor LIMIT {int(n)}")
        else:
            sql = (f"SELECT cameo, count(*) AS {counted}, round(sum(goldstein), 6) AS goldstein, "
                   f"any_value(quad_class) AS quad_class FROM {base} GROUP BY cameo "
                   f"ORDER BY {counted} DESC, cameo LIMIT {int(n)}")
        df = con.execute(sql, params + (params if kind == "actors" else [])).df()
    if kind == "codes":
        from dyad.ontology import default_ontology

        onto = default_ontology()
        df.insert(1, "name", [onto.describe(c).name for c in df["cameo"]])
    for col in (counted, "as_source", "as_target", "quad_class"):
        if col in df.columns:
            df[col] = df[col].astype("int64")
    return df
