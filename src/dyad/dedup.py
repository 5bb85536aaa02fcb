"""Duplicates: the same event reported in several sentences or articles becomes one event.

A coded event in a sentence is a *mention*. Mentions with the same source actor code, target
actor code and CAMEO code whose dates fall in the same window are one *event* — Phoenix's
one-a-day filter when the window is one day (the default), GDELT's NumMentions /
NumSources / NumArticles counted over its mentions.

Windows are fixed calendar periods of `window` days counted from 1970-01-01 (one day: the
date itself), so the group of a mention depends only on the mention: adding or re-coding an
article never moves other mentions between events, and counts can be updated incrementally.

The store keeps both levels (`events`: mentions with their `group_id`; `unique_events`: one
row per group with its counts, see store.py); `group_events` below does the same in memory
for users who code without a store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from dyad.records import Event

DEFAULT_WINDOW = 1  # days: Phoenix's one-a-day filter
_EPOCH = date(1970, 1, 1)


def check_window(window: int) -> int:
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise ValueError(f"the duplicate window is a whole number of days, at least 1; got {window!r}")
    return window


def window_start(day: date, window: int = DEFAULT_WINDOW) -> date:
    """First day of the window holding `day`."""
    check_window(window)
    offset = (day - _EPOCH).days
    return date.fromordinal(_EPOCH.toordinal() + offset - offset % window)


def group_id(day: date | str | None, source_code: str | None, target_code: str | None, cameo: str,
             window: int = DEFAULT_WINDOW) -> str:
    """Id of the event a mention belongs to: the same for the same source, target and code in
    the same window."""
    if isinstance(day, str):
        day = date.fromisoformat(day) if day else None
    start = window_start(day, window).isoformat() if day else ""
    key = "|".join((str(window), start, source_code or "", target_code or "", cameo))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def event_group_id(event: Event, window: int = DEFAULT_WINDOW) -> str:
    return group_id(event.date or None, event.source.code if event.source else None,
                    event.target.code if event.target else None, event.cameo, window)


@dataclass
class Mention:
    event_id: str
    article_id: str
    sentence_index: int
    publisher: str | None


@dataclass
class EventGroup:
    """One deduplicated event: its first mention's record and all its mentions."""

    group_id: str
    event: Event  # the first mention (earliest date, then article and sentence order)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def num_mentions(self) -> int:
        return len(self.mentions)

    @property
    def num_articles(self) -> int:
        return len({m.article_id for m in self.mentions})

    @property
    def num_sources(self) -> int:
        return len({source_key(m.publisher, m.article_id) for m in self.mentions})


def source_key(publisher: str | None, article_id: str) -> str:
    """What counts as one information source: the publisher; an article of unknown publisher
    counts as its own source."""
    return f"publisher:{publisher.strip().lower()}" if publisher and publisher.strip() else f"article:{article_id}"


def group_events(events: Iterable[Event], publishers: Mapping[str, str | None] | None = None,
                 window: int = DEFAULT_WINDOW) -> list[EventGroup]:
    """Deduplicate events in memory. `publishers`: article id → publisher, for num_sources.
    Mentions with the same event id (the same article, sentence and event) count once."""
    check_window(window)
    publishers = publishers or {}
    groups: dict[str, EventGroup] = {}
    seen: set[str] = set()
    ordered = sorted(events, key=lambda e: (e.date or "", e.article_id, e.sentence_index, e.event_id))
    for e in ordered:
        if e.event_id in seen:
            continue
        seen.add(e.event_id)
        gid = event_group_id(e, window)
        group = groups.get(gid)
        if group is None:
            group = groups[gid] = EventGroup(group_id=gid, event=e)
        group.mentions.append(Mention(e.event_id, e.article_id, e.sentence_index, publishers.get(e.article_id)))
    return list(groups.values())
