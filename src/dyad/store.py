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
    rule VARCHAR
);
"""
# columns added after the first release: stores made before them get them on opening
MIGRATIONS = ("ALTER TABLE events ADD COLUMN IF NOT EXISTS issues VARCHAR[]",)

EVENT_COLUMNS = [
    "event_id", "article_id", "sentence_index", "sentence", "date", "date_precision", "date_text", "published",
    "source_code", "source_country", "source_sectors", "source_name", "source_text",
    "target_code", "target_country", "target_sectors", "target_name", "target_text",
    "cameo", "root", "quad_class", "goldstein", "plover_type", "plover_mode",
    "location_name", "location_country", "location_admin1", "location_lat", "location_lon", "location_geonameid",
    "attribution", "issues", "rule",
]


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
])


class Store:
    """A DuckDB file holding coded articles, their sentences and events."""

    def __init__(self, path: str | Path = DEFAULT_STORE, read_only: bool = False):
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path}: code some articles first (dyad code INPUT --store {self.path})")
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA)
            for statement in MIGRATIONS:
                self.con.execute(statement)

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
        events = pa.Table.from_pylist(rows, schema=EVENT_ARROW) if rows else EVENT_ARROW.empty_table()
        ids = pa.table({"article_id": [r.article.id for r in todo]})
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_ids", ids)
            con.register("_articles", articles)
            con.register("_sentences", sentences)
            con.register("_events", events)
            replaced = con.execute("SELECT count(*) FROM articles WHERE article_id IN (SELECT article_id FROM _ids)").fetchone()[0]
            for table in ("events", "sentences", "articles"):
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM _ids)")
            con.execute("INSERT INTO articles SELECT * FROM _articles")
            con.execute("INSERT INTO sentences SELECT * FROM _sentences")
            # the same event id twice (same article, sentence and triple) is stored once
            cols = ", ".join(EVENT_COLUMNS)
            con.execute(f"INSERT INTO events ({cols}) SELECT DISTINCT ON (event_id) {cols} FROM _events "
                        "WHERE event_id NOT IN (SELECT event_id FROM events)")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            for name in ("_ids", "_articles", "_sentences", "_events"):
                con.unregister(name)
        counts.replaced = int(replaced)
        counts.written = len(todo) - counts.replaced
        counts.events = len(rows)
        return counts

    # -- reading -------------------------------------------------------------------------

    def query_events(self, source: str | None = None, target: str | None = None, root: str | None = None,
                     since: date | None = None, until: date | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Events matching the filters; `source`/`target` match a code prefix ("IRN" matches
        IRNGOV) or a country; `root` a root or code prefix ("04", "042")."""
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
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date, article_id, sentence_index, event_id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "sentences", "events")}


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
                            lat=row["location_lat"], lon=row["location_lon"], geonameid=row["location_geonameid"])
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
