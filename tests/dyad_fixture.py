"""A small hand-made store for the export, analysis and plot tests (no spaCy).

IRN → IRQ, by ISO week (weeks start on Monday):
  week of 2020-01-06: 042 IRNGOV→IRQGOV on Mon 01-06, reported by two articles of two
                      publishers (one event, 2 mentions); 190 IRNMIL→IRQ on Wed 01-08
  week of 2020-01-13: nothing
  week of 2020-01-20: 036 IRNGOV→IRQGOV on Wed 01-22; 111 IRN→IRQ on Sun 01-26
Other events: IRQ→IRN 112 on 01-07, USA→IRN 172 on 01-09, IRN 010 statement (no target,
no PLOVER type) on 01-06.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dyad.ontology import default_ontology
from dyad.pipeline import ArticleResult, SentenceRecord
from dyad.records import Actor, Article, Event, Location
from dyad.store import Store

BAGHDAD = Location(name="Baghdad", country="IRQ", admin1="Baghdad", lat=33.34058, lon=44.40088, geonameid=98182)
IRAQ = Location(name="Iraq", country="IRQ", admin1=None, lat=33.0, lon=44.0, geonameid=99237)
WASHINGTON = Location(name="Washington", country="USA", admin1="DC", lat=38.89511, lon=-77.03637, geonameid=4140963)

SECTORS = {"GOV", "MIL"}


def actor(code: str) -> Actor:
    country = None if code.startswith("IGO") else code[:3]
    sectors = tuple(code[i:i + 3] for i in range(3, len(code), 3))
    return Actor(code=code, country=country, sectors=sectors, name=code.title(), text=f"text of {code}")


def event(article_id: str, index: int, day: str, source: str, target: str | None, cameo: str,
          location: Location | None = None) -> Event:
    c = default_ontology().get(cameo)
    return Event(
        event_id=f"{article_id}-{index}-{cameo}-{source}-{target}", article_id=article_id, sentence_index=index,
        sentence=f"sentence {index} of {article_id}: {source} {cameo} {target}", date=day, published=day,
        source=actor(source), target=actor(target) if target else None, cameo=cameo, root=cameo[:2],
        quad_class=c.quad_class, goldstein=c.goldstein, plover_type=c.plover_type, plover_mode=c.plover_mode,
        rule="fixture:1", location=location, attribution=None,
    )


def result(article_id: str, published: date, publisher: str, events: list[Event]) -> ArticleResult:
    article = Article(id=article_id, text=f"body of {article_id}", title=f"Title {article_id}", published=published,
                      source=publisher, url=f"https://example.com/{article_id}")
    sentences = [SentenceRecord(i, f"sentence {i} of {article_id}") for i in range(6)]
    return ArticleResult(article=article, sentences=sentences, events=events)


RESULTS = [
    result("a1", date(2020, 1, 6), "Wire A", [
        event("a1", 0, "2020-01-06", "IRNGOV", "IRQGOV", "042", BAGHDAD),
        event("a1", 1, "2020-01-08", "IRNMIL", "IRQ", "190", IRAQ),
        event("a1", 2, "2020-01-06", "IRN", None, "010"),
    ]),
    result("a2", date(2020, 1, 7), "Wire B", [
        event("a2", 3, "2020-01-06", "IRNGOV", "IRQGOV", "042", BAGHDAD),
        event("a2", 4, "2020-01-07", "IRQ", "IRN", "112"),
    ]),
    result("a3", date(2020, 1, 26), "Wire A", [
        event("a3", 2, "2020-01-22", "IRNGOV", "IRQGOV", "036"),
        event("a3", 3, "2020-01-26", "IRN", "IRQ", "111"),
        event("a3", 5, "2020-01-09", "USA", "IRN", "172", WASHINGTON),
    ]),
]

# unique events: 042 (2 mentions), 190, 010, 112, 036, 111, 172
N_EVENTS = 7
N_MENTIONS = 8


def goldstein(cameo: str) -> float:
    return default_ontology().get(cameo).goldstein


def build(path: Path) -> Path:
    with Store(path) as store:
        store.write(RESULTS)
    return path
