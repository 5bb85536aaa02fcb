"""The embedded store: DuckDB tables of articles, sentences and events.

Writing is idempotent on (article id, content hash): an article already stored with the
same content is skipped; one stored with different content is replaced (its sentences and
events deleted and written anew) in one transaction, so nothing is lost or duplicated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dyad.dedup import DEFAULT_WINDOW, check_window, group_id
from dyad.pipeline import ArticleResult
from dyad.records import Event

DEFAULT_STORE = "dyad.duckdb"

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    title VARCHAR,
    published DATE,
    source VARCHAR,
    url VARCHAR,
    dateline VARCHAR,
    origin VARCHAR,
    meta VARCHAR,
    n_sentences INTEGER,
    n_events INTEGER,
    coded_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    PRIMARY KEY (article_id, sentence_index)
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    sentence VARCHAR,
    date DATE,
    date_precision VARCHAR,
    date_text VARCHAR,
    published DATE,
    source_code VARCHAR,
    source_country VARCHAR,
    source_sectors VARCHAR[],
    source_name VARCHAR,
    source_text VARCHAR,
    target_code VARCHAR,
    target_country VARCHAR,
    target_sectors VARCHAR[],
    target_name VARCHAR,
    target_text VARCHAR,
    cameo VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    location_admin1 VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_geonameid BIGINT,
    attribution VARCHAR,
    issues VARCHAR[],
    rule VARCHAR,
    group_id VARCHAR,
    location_admin1_code VARCHAR
);
CREATE TABLE IF NOT EXISTS unique_events (
    group_id VARCHAR PRIMARY KEY,
    date DATE,
    date_precision VARCHAR,
    source_code VARCHAR,
    source_country VARCHAR,
    source_sectors VARCHAR[],
    source_name VARCHAR,
    target_code VARCHAR,
    target_country VARCHAR,
    target_sectors VARCHAR[],
    target_name VARCHAR,
    cameo VARCHAR NOT NULL,
    root VARCHAR NOT NULL,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    location_admin1 VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_geonameid BIGINT,
    attribution VARCHAR,
    first_event_id VARCHAR,
    first_article_id VARCHAR,
    first_sentence_index INTEGER,
    sentence VARCHAR,
    source_url VARCHAR,
    num_mentions INTEGER,
    num_sources INTEGER,
    num_articles INTEGER,
    date_added TIMESTAMP,
    location_admin1_code VARCHAR
);
CREATE TABLE IF NOT EXISTS settings (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);
"""
# columns added after the first release: stores made before them get them on opening
MIGRATIONS = ("ALTER TABLE events ADD COLUMN IF NOT EXISTS issues VARCHAR[]",
              "ALTER TABLE events ADD COLUMN IF NOT EXISTS group_id VARCHAR",
              "ALTER TABLE events ADD COLUMN IF NOT EXISTS location_admin1_code VARCHAR",
              "ALTER TABLE unique_events ADD COLUMN IF NOT EXISTS location_admin1_code VARCHAR")

# one row per deduplicated event, from its mentions: the first mention (earliest publication,
# then article and sentence order) gives the record; the first mention with a place gives the
# place, the first with an attribution the attribution
UNIQUE_EVENTS_SQL = """
WITH m AS (
    SELECT e.*, a.source AS publisher, a.url AS url, a.coded_at AS coded_at,
           ROW_NUMBER() OVER (PARTITION BY e.group_id
                              ORDER BY a.published NULLS LAST, e.date, e.article_id, e.sentence_index, e.event_id) AS rn,
           ROW_NUMBER() OVER (PARTITION BY e.group_id
                              ORDER BY e.location_name IS NULL, a.published NULLS LAST, e.date, e.article_id,
                                       e.sentence_index, e.event_id) AS rn_loc,
           ROW_NUMBER() OVER (PARTITION BY e.group_id
                              ORDER BY e.attribution IS NULL, a.published NULLS LAST, e.date, e.article_id,
                                       e.sentence_index, e.event_id) AS rn_att
    FROM events e JOIN articles a USING (article_id)
    WHERE e.group_id IN (SELECT group_id FROM _groups)
), agg AS (
    SELECT group_id, count(*) AS num_mentions,
           count(DISTINCT CASE WHEN trim(coalesce(publisher, '')) <> '' THEN 'publisher:' || lower(trim(publisher))
                               ELSE 'article:' || article_id END) AS num_sources,
           count(DISTINCT article_id) AS num_articles, min(coded_at) AS date_added, min(date) AS first_date
    FROM m GROUP BY group_id
)
SELECT f.group_id, agg.first_date, f.date_precision,
       f.source_code, f.source_country, f.source_sectors, f.source_name,
       f.target_code, f.target_country, f.target_sectors, f.target_name,
       f.cameo, f.root, f.quad_class, f.goldstein, f.plover_type, f.plover_mode,
       l.location_name, l.location_country, l.location_admin1, l.location_lat, l.location_lon, l.location_geonameid,
       t.attribution, f.event_id, f.article_id, f.sentence_index, f.sentence, f.url,
       agg.num_mentions, agg.num_sources, agg.num_articles, agg.date_added, l.location_admin1_code
FROM m f JOIN agg USING (group_id)
JOIN m l ON l.group_id = f.group_id AND l.rn_loc = 1
JOIN m t ON t.group_id = f.group_id AND t.rn_att = 1
WHERE f.rn = 1
"""

EVENT_COLUMNS = [
    "event_id", "article_id", "sentence_index", "sentence", "date", "date_precision", "date_text", "published",
    "source_code", "source_country", "source_sectors", "source_name", "source_text",
    "target_code", "target_country", "target_sectors", "target_name", "target_text",
    "cameo", "root", "quad_class", "goldstein", "plover_type", "plover_mode",
    "location_name", "location_country", "location_admin1", "location_lat", "location_lon", "location_geonameid",
    "attribution", "issues", "rule", "location_admin1_code",
]
# the columns of unique_events, in the order of UNIQUE_EVENTS_SQL's select list
UNIQUE_COLUMNS = (
    "group_id, date, date_precision, source_code, source_country, source_sectors, source_name, "
    "target_code, target_country, target_sectors, target_name, cameo, root, quad_class, goldstein, "
    "plover_type, plover_mode, location_name, location_country, location_admin1, location_lat, location_lon, "
    "location_geonameid, attribution, first_event_id, first_article_id, first_sentence_index, sentence, "
    "source_url, num_mentions, num_sources, num_articles, date_added, location_admin1_code"
)


@dataclass
class WriteCounts:
    written: int = 0  # articles newly stored
    replaced: int = 0  # articles stored before with other content
    events: int = 0


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def event_row(e: Event) -> dict[str, Any]:
    s, t, loc = e.source, e.target, e.location
    return {
        "event_id": e.event_id, "article_id": e.article_id, "sentence_index": e.sentence_index,
        "sentence": e.sentence, "date": _day(e.date), "date_precision": e.date_precision, "date_text": e.date_text,
        "published": _day(e.published),
        "source_code": s.code if s else None, "source_country": s.country if s else None,
        "source_sectors": list(s.sectors) if s else None, "source_name": s.name if s else None,
        "source_text": s.text if s else None,
        "target_code": t.code if t else None, "target_country": t.country if t else None,
        "target_sectors": list(t.sectors) if t else None, "target_name": t.name if t else None,
        "target_text": t.text if t else None,
        "cameo": e.cameo, "root": e.root, "quad_class": e.quad_class, "goldstein": e.goldstein,
        "plover_type": e.plover_type, "plover_mode": e.plover_mode,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_admin1": loc.admin1 if loc else None, "location_lat": loc.lat if loc else None,
        "location_lon": loc.lon if loc else None, "location_geonameid": loc.geonameid if loc else None,
        "attribution": e.attribution, "issues": list(e.issues), "rule": e.rule,
        "location_admin1_code": loc.admin1_code if loc else None,
    }


EVENT_ARROW = pa.schema([
    ("event_id", pa.string()), ("article_id", pa.string()), ("sentence_index", pa.int32()), ("sentence", pa.string()),
    ("date", pa.date32()), ("date_precision", pa.string()), ("date_text", pa.string()), ("published", pa.date32()),
    ("source_code", pa.string()), ("source_country", pa.string()), ("source_sectors", pa.list_(pa.string())),
    ("source_name", pa.string()), ("source_text", pa.string()),
    ("target_code", pa.string()), ("target_country", pa.string()), ("target_sectors", pa.list_(pa.string())),
    ("target_name", pa.string()), ("target_text", pa.string()),
    ("cameo", pa.string()), ("root", pa.string()), ("quad_class", pa.int32()), ("goldstein", pa.float64()),
    ("plover_type", pa.string()), ("plover_mode", pa.string()),
    ("location_name", pa.string()), ("location_country", pa.string()), ("location_admin1", pa.string()),
    ("location_lat", pa.float64()), ("location_lon", pa.float64()), ("location_geonameid", pa.int64()),
    ("attribution", pa.string()), ("issues", pa.list_(pa.string())), ("rule", pa.string()),
    ("location_admin1_code", pa.string()),
])


class Store:
    """A DuckDB file holding coded articles, their sentences and events."""

    def __init__(self, path: str | Path = DEFAULT_STORE, read_only: bool = False, dedup_window: int | None = None):
        """`dedup_window`: days of the duplicate window (see dedup.py); None keeps the store's
        own (one day for a new store). A different window regroups every stored mention."""
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path}: code some articles first (dyad code INPUT --store {self.path})")
        if dedup_window is not None:
            check_window(dedup_window)
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA)
            for statement in MIGRATIONS:
                self.con.execute(statement)
            stored = self._setting("dedup_window")
            window = dedup_window or (int(stored) if stored else DEFAULT_WINDOW)
            ungrouped = self.con.execute("SELECT count(*) FROM events WHERE group_id IS NULL").fetchall()[0][0]
            if stored is None or int(stored) != window or ungrouped:
                self.regroup(window)
        elif dedup_window is not None and dedup_window != self.dedup_window:
            raise ValueError(f"{self.path} groups duplicates over {self.dedup_window} day(s); "
                             f"open it for writing to regroup over {dedup_window}")

    @property
    def dedup_window(self) -> int:
        value = self._setting("dedup_window")
        return int(value) if value else DEFAULT_WINDOW

    def _setting(self, key: str) -> str | None:
        try:
            rows = self.con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchall()
        except duckdb.CatalogException:  # a store written before settings existed, opened read-only
            return None
        return rows[0][0] if rows else None

    def regroup(self, window: int) -> None:
        """Assign every stored mention to its event for a duplicate window of `window` days and
        rebuild the unique events."""
        check_window(window)
        rows = self.con.execute("SELECT event_id, date, source_code, target_code, cameo FROM events").fetchall()
        ids = pa.table({
            "event_id": pa.array([r[0] for r in rows], pa.string()),
            "group_id": pa.array([group_id(r[1], r[2], r[3], r[4], window) for r in rows], pa.string()),
        })
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_regroup", ids)
            con.execute("UPDATE events SET group_id = _regroup.group_id FROM _regroup WHERE events.event_id = _regroup.event_id")
            con.execute("DELETE FROM unique_events")
            con.execute("CREATE OR REPLACE TEMP TABLE _groups AS SELECT DISTINCT group_id FROM events")
            con.execute(f"INSERT INTO unique_events ({UNIQUE_COLUMNS}) " + UNIQUE_EVENTS_SQL)
            con.execute("INSERT OR REPLACE INTO settings VALUES ('dedup_window', ?)", [str(window)])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            con.unregister("_regroup")
            con.execute("DROP TABLE IF EXISTS _groups")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def stored_hashes(self, article_ids: Sequence[str]) -> dict[str, str]:
        """content_hash of the given articles that are already stored."""
        if not article_ids:
            return {}
        table = pa.table({"article_id": pa.array(list(article_ids), pa.string())})
        self.con.register("_ids", table)
        try:
            rows = self.con.execute(
                "SELECT a.article_id, a.content_hash FROM articles a JOIN _ids USING (article_id)"
            ).fetchall()
        finally:
            self.con.unregister("_ids")
        return dict(rows)

    def write(self, results: Iterable[ArticleResult]) -> WriteCounts:
        """Store coded articles in one transaction; skip unchanged ones, replace changed ones."""
        results = list(results)
        counts = WriteCounts()
        if not results:
            return counts
        # the last version of an article id in the batch wins
        by_id: dict[str, ArticleResult] = {}
        for r in results:
            by_id[r.article.id] = r
        stored = self.stored_hashes(list(by_id))
        todo = [r for r in by_id.values() if stored.get(r.article.id) != r.article.content_hash]
        if not todo:
            return counts
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        articles = pa.table({
            "article_id": [r.article.id for r in todo],
            "content_hash": [r.article.content_hash for r in todo],
            "title": [r.article.title for r in todo],
            "published": pa.array([r.article.published for r in todo], pa.date32()),
            "source": [r.article.source for r in todo],
            "url": [r.article.url for r in todo],
            "dateline": [r.article.dateline for r in todo],
            "origin": [r.article.origin for r in todo],
            "meta": [json.dumps(r.article.meta, default=str) if r.article.meta else None for r in todo],
            "n_sentences": pa.array([len(r.sentences) for r in todo], pa.int32()),
            "n_events": pa.array([len(r.events) for r in todo], pa.int32()),
            "coded_at": pa.array([now] * len(todo), pa.timestamp("us")),
        })
        sentences = pa.table({
            "article_id": [r.article.id for r in todo for _ in r.sentences],
            "sentence_index": pa.array([s.index for r in todo for s in r.sentences], pa.int32()),
            "text": [s.text for r in todo for s in r.sentences],
        })
        rows = [event_row(e) for r in todo for e in r.events]
        window = self.dedup_window
        events = pa.Table.from_pylist(rows, schema=EVENT_ARROW) if rows else EVENT_ARROW.empty_table()
        events = events.append_column("group_id", pa.array(
            [group_id(r["date"], r["source_code"], r["target_code"], r["cameo"], window) for r in rows], pa.string()))
        ids = pa.table({"article_id": [r.article.id for r in todo]})
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_ids", ids)
            con.register("_articles", articles)
            con.register("_sentences", sentences)
            con.register("_events", events)
            replaced = con.execute("SELECT count(*) FROM articles WHERE article_id IN (SELECT article_id FROM _ids)").fetchall()[0][0]
            # the events whose mentions change: those of the replaced articles and the new ones
            con.execute("CREATE OR REPLACE TEMP TABLE _groups AS "
                        "SELECT group_id FROM events WHERE article_id IN (SELECT article_id FROM _ids) "
                        "UNION SELECT group_id FROM _events")
            for table in ("events", "sentences", "articles"):
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM _ids)")
            con.execute("INSERT INTO articles SELECT * FROM _articles")
            con.execute("INSERT INTO sentences SELECT * FROM _sentences")
            # the same event id twice (same article, sentence and triple) is stored once
            cols = ", ".join(EVENT_COLUMNS)
            con.execute(f"INSERT INTO events ({cols}, group_id) SELECT DISTINCT ON (event_id) {cols}, group_id FROM _events "
                        "WHERE event_id NOT IN (SELECT event_id FROM events)")
            con.execute("DELETE FROM unique_events WHERE group_id IN (SELECT group_id FROM _groups)")
            con.execute(f"INSERT INTO unique_events ({UNIQUE_COLUMNS}) " + UNIQUE_EVENTS_SQL)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            for name in ("_ids", "_articles", "_sentences", "_events"):
                con.unregister(name)
            con.execute("DROP TABLE IF EXISTS _groups")
        counts.replaced = int(replaced)
        counts.written = len(todo) - counts.replaced
        counts.events = len(rows)
        return counts

    # -- reading -------------------------------------------------------------------------

    def query_events(self, source: str | None = None, target: str | None = None, root: str | None = None,
                     since: date | None = None, until: date | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Event mentions matching the filters; `source`/`target` match a code prefix ("IRN"
        matches IRNGOV) or a country; `root` a root or code prefix ("04", "042")."""
        return self._select("events", "date, article_id, sentence_index, event_id", source, target, root, since, until,
                            limit)

    def _select(self, table: str, order: str, source: str | None, target: str | None, root: str | None,
                since: date | None, until: date | None, limit: int | None) -> list[dict[str, Any]]:
        where, params = [], []
        if source:
            where.append("(source_code LIKE ? OR source_country = ?)")
            params += [source.upper() + "%", source.upper()]
        if target:
            where.append("(target_code LIKE ? OR target_country = ?)")
            params += [target.upper() + "%", target.upper()]
        if root:
            where.append("cameo LIKE ?")
            params.append(root + "%")
        if since:
            where.append("date >= ?")
            params.append(since)
        if until:
            where.append("date <= ?")
            params.append(until)
        sql = f"SELECT * FROM {table}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def unique_events(self, source: str | None = None, target: str | None = None, root: str | None = None,
                      since: date | None = None, until: date | None = None,
                      limit: int | None = None) -> list[dict[str, Any]]:
        """Deduplicated events (rows of `unique_events`, with num_mentions, num_sources,
        num_articles), filtered as `query_events`."""
        return self._select("unique_events", "date, group_id", source, target, root, since, until, limit)

    def mentions(self, group: str) -> list[dict[str, Any]]:
        """The mentions of one deduplicated event, with their article's publisher and url."""
        cur = self.con.execute(
            "SELECT e.*, a.source AS publisher, a.url FROM events e JOIN articles a USING (article_id) "
            "WHERE e.group_id = ? ORDER BY a.published NULLS LAST, e.date, e.article_id, e.sentence_index", [group])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                for t in ("articles", "sentences", "events", "unique_events")}


def row_to_event(row: dict[str, Any]) -> Event:
    """An Event record from a row of the events table."""
    from dyad.records import Actor, Location

    def actor(prefix: str) -> Actor | None:
        if row.get(f"{prefix}_code") is None:
            return None
        return Actor(code=row[f"{prefix}_code"], country=row[f"{prefix}_country"],
                     sectors=tuple(row[f"{prefix}_sectors"] or ()), name=row[f"{prefix}_name"] or "",
                     text=row[f"{prefix}_text"] or "")

    location = None
    if row.get("location_name"):
        location = Location(name=row["location_name"], country=row["location_country"], admin1=row["location_admin1"],
                            lat=row["location_lat"], lon=row["location_lon"], geonameid=row["location_geonameid"],
                            admin1_code=row.get("location_admin1_code"))
    return Event(
        event_id=row["event_id"], article_id=row["article_id"], sentence_index=row["sentence_index"],
        sentence=row["sentence"], date=row["date"].isoformat() if row["date"] else "",
        published=row["published"].isoformat() if row["published"] else None,
        source=actor("source"), target=actor("target"), cameo=row["cameo"], root=row["root"],
        quad_class=row["quad_class"], goldstein=row["goldstein"], plover_type=row["plover_type"],
        plover_mode=row["plover_mode"], rule=row["rule"], location=location, attribution=row["attribution"],
        date_precision=row["date_precision"] or "day", date_text=row["date_text"],
        issues=tuple(row.get("issues") or ()),
    )


def stored_events(store: Store, article_ids: Sequence[str]) -> dict[str, list[Event]]:
    """Stored events of the given articles, by article id, in sentence order."""
    if not article_ids:
        return {}
    store.con.register("_want", pa.table({"article_id": pa.array(list(article_ids), pa.string())}))
    try:
        cur = store.con.execute(
            "SELECT e.* FROM events e JOIN _want USING (article_id) ORDER BY e.article_id, e.sentence_index, e.event_id")
        names = [d[0] for d in cur.description]
        out: dict[str, list[Event]] = {}
        for values in cur.fetchall():
            row = dict(zip(names, values))
            out.setdefault(row["article_id"], []).append(row_to_event(row))
        return out
    finally:
        store.con.unregister("_want")
