"""Typed records passed between the pipeline stages.

Each stage takes and returns these dataclasses; nothing is kept in module-level state.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class Article:
    """One input article after ingest: headline and body separated, boilerplate removed."""

    id: str
    text: str  # the body, cleaned; sentence indices refer to this text
    title: str | None = None
    published: date | None = None
    source: str | None = None  # publisher, e.g. "Xinhua"
    url: str | None = None
    dateline: str | None = None  # place of reporting found at the start of the body
    origin: str = ""  # "path:line" of the input record, for messages
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """sha1 of what is coded: title, body and publication date."""
        h = hashlib.sha1()
        for part in (self.title or "", self.text, self.published.isoformat() if self.published else ""):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass
class Rejection:
    """An input record that could not be coded, with where it came from and why."""

    origin: str  # file path (or "<stdin>")
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Actor:
    """An actor as it appears in an event record (see CONTRACT.md)."""

    code: str
    country: str | None
    sectors: tuple[str, ...] = ()
    name: str = ""
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "country": self.country,
            "sectors": list(self.sectors),
            "name": self.name,
            "text": self.text,
        }


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    admin1_code: str | None = None  # GeoNames' code of the first-level region ("07", "TX")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "admin1_code": self.admin1_code,
        }


@dataclass
class Event:
    """One coded event: who did what to whom, when and where."""

    event_id: str
    article_id: str
    sentence_index: int
    sentence: str
    date: str
    published: str | None
    source: Actor | None
    target: Actor | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    rule: str
    location: Location | None = None
    attribution: str | None = None
    date_precision: str = "day"
    date_text: str | None = None
    issues: tuple[str, ...] = ()  # issue codes of the sentence, when an issue dictionary is given

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "published": self.published,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {"type": self.plover_type, "mode": self.plover_mode},
            "location": self.location.to_dict() if self.location else None,
            "attribution": self.attribution,
            "issues": list(self.issues),
            "rule": self.rule,
        }
