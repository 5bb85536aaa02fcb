"""Validate Dyad's actor and agent dictionaries (docs/dictionaries.md).

Format checks run on every `data/actors/*.tsv` file and on `data/agents.tsv`; content
checks (coverage of ISO 3166-1, well-known phrases, consistency of date ranges) run on
countries.tsv and organizations.tsv.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data"
ACTORS = DATA / "actors"
COUNTRIES = ACTORS / "countries.tsv"
ORGANIZATIONS = ACTORS / "organizations.tsv"
AGENTS = DATA / "agents.tsv"
ACTOR_FILES = sorted(ACTORS.glob("*.tsv"))

KINDS = {"name", "adj", "capital", "org", "person"}
CODE_RE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")

ISO3 = {c.alpha_3 for c in pycountry.countries}
# Codes that may open an actor code besides ISO 3166-1 alpha-3 (documented in the files'
# headers): Kosovo's user-assigned code, CAMEO's international codes and region codes.
NON_ISO_COUNTRY = {"XKX"}
INTERNATIONAL = {"IGO", "IMG", "NGO", "NGM", "MNC", "INT", "UIS"}
REGIONS = {
    "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR",
    "LAM", "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF",
    "WST",
}
# CAMEO role (sector) codes that may follow a country code (docs/dictionaries.md and the
# CAMEO manual's role tables; PTY is the manual's party code).
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "SEP", "INS", "SPY", "UAF", "PTY",
    "BUS", "MED", "CVL", "EDU", "HLH", "LAB", "REF", "CRM", "ELI", "AGR", "ENV", "HRI",
    "DEV", "NGO", "IGO", "MNC", "REL", "MOD", "RAD",
}


def _rows(path: Path):
    """(line number, fields) for every data line, comments and blank lines dropped."""
    text = path.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff"), f"{path.name}: byte-order mark"
    assert "\r" not in text, f"{path.name}: carriage return"
    numbered = [
        (n, line) for n, line in enumerate(text.split("\n"), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    reader = csv.reader((line for _, line in numbered), delimiter="\t",
                        quoting=csv.QUOTE_NONE)
    for (n, _), fields in zip(numbered, reader):
        # "A `#` after the last column starts a comment."
        for i, field in enumerate(fields):
            if i >= 1 and field.lstrip().startswith("#"):
                fields = fields[:i]
                break
        yield n, fields


def _day(value: str, end: bool) -> dt.date:
    if len(value) == 4:
        return dt.date(int(value), 12, 31) if end else dt.date(int(value), 1, 1)
    return dt.date.fromisoformat(value)


def _actor_entries(path: Path):
    """Parsed actor rows: dicts with line, code, kind, phrase, from, to (dates or None)."""
    out = []
    for n, f in _rows(path):
        frm = f[3] if len(f) > 3 and f[3] else None
        to = f[4] if len(f) > 4 and f[4] else None
        out.append({
            "line": n, "code": f[0], "kind": f[1], "phrase": f[2],
            "from": _day(frm, end=False) if frm else None,
            "to": _day(to, end=True) if to else None,
            "raw_from": frm or "",
        })
    return out


# ---------------------------------------------------------------------------------------
# Format of every actor file


def test_actor_files_exist():
    names = {p.name for p in ACTOR_FILES}
    assert {"countries.tsv", "organizations.tsv"} <= names


@pytest.mark.parametrize("path", ACTOR_FILES, ids=lambda p: p.name)
def test_actor_file_format(path: Path):
    problems = []
    seen = set()
    for n, f in _rows(path):
        where = f"{path.name}:{n}"
        if not 3 <= len(f) <= 5:
            problems.append(f"{where}: {len(f)} columns")
            continue
        if any(x != x.strip() or "  " in x for x in f):
            problems.append(f"{where}: stray whitespace in {f!r}")
        code, kind, phrase = f[0], f[1], f[2]
        if not CODE_RE.match(code):
            problems.append(f"{where}: bad CODE {code!r}")
        else:
            head, rest = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
            if head in ISO3 or head in NON_ISO_COUNTRY:
                bad = [s for s in rest if s not in SECTORS]
                if bad:
                    problems.append(f"{where}: unknown sector(s) {bad} in {code}")
            elif head not in INTERNATIONAL and head not in REGIONS:
                problems.append(f"{where}: {head!r} is neither ISO alpha-3 nor a "
                                f"documented special code")
        if kind not in KINDS:
            problems.append(f"{where}: bad KIND {kind!r}")
        if not phrase or "#" in phrase:
            problems.append(f"{where}: bad PHRASE {phrase!r}")
        dates = f[3:5]
        for d in dates:
            if d and not DATE_RE.match(d):
                problems.append(f"{where}: bad date {d!r}")
        try:
            frm = _day(dates[0], end=False) if len(dates) > 0 and dates[0] else None
            to = _day(dates[1], end=True) if len(dates) > 1 and dates[1] else None
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
        else:
            if frm and to and frm > to:
                problems.append(f"{where}: FROM after TO")
        key = (code, kind, phrase.casefold(), dates[0] if dates else "")
        if key in seen:
            problems.append(f"{where}: duplicate entry {key}")
        seen.add(key)
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------
# Content of countries.tsv and organizations.tsv


@pytest.fixture(scope="module")
def entries():
    return _actor_entries(COUNTRIES) + _actor_entries(ORGANIZATIONS)


def _lookup(entries, phrase, kind=None, date=None):
    """Resolve a phrase the way docs/dictionaries.md says: an entry whose date range holds
    the event date wins; an undated entry is the fallback."""
    hits = [e for e in entries if e["phrase"].casefold() == phrase.casefold()
            and (kind is None or e["kind"] == kind)]
    if date is not None:
        day = dt.date.fromisoformat(date)
        dated = [e for e in hits if (e["from"] or e["to"])
                 and (e["from"] is None or e["from"] <= day)
                 and (e["to"] is None or day <= e["to"])]
        if dated:
            return {e["code"] for e in dated}
    return {e["code"] for e in hits if not (e["from"] or e["to"])}


def test_every_iso_country_has_a_name():
    codes = {e["code"] for e in _actor_entries(COUNTRIES) if e["kind"] == "name"}
    missing = sorted((ISO3 | NON_ISO_COUNTRY) - codes)
    assert not missing, f"no name entry for {missing}"


# Countries and territories without a `capital` entry, on purpose: uninhabited
# territories, city-states whose capital is the country's name, capitals that are common
# words or other places' names, Belgium (Brussels is coded as the EU) and Western Sahara.
NO_CAPITAL_OK = {
    "AIA", "ATA", "ATF", "BEL", "BMU", "BVT", "CCK", "CYM", "DJI", "ESH", "FLK", "GIB",
    "HKG", "HMD", "IMN", "IOT", "LUX", "MAC", "MCO", "MSR", "NFK", "REU", "SGP", "SGS",
    "SHN", "SMR", "SPM", "SYC", "TKL", "UMI", "VAT", "ATG",
}


def test_capitals_cover_the_states():
    with_capital = {e["code"][:3] for e in _actor_entries(COUNTRIES)
                    if e["kind"] == "capital"}
    missing = sorted(ISO3 - with_capital - NO_CAPITAL_OK)
    assert not missing, f"no capital entry for {missing}"


def test_capitals_are_government_codes():
    for e in _actor_entries(COUNTRIES):
        if e["kind"] == "capital":
            assert len(e["code"]) == 6, e
            assert e["code"][3:] in {"GOV", "MIL", "LEG"}, e


def test_names_and_adjectives_are_bare_countries():
    for e in _actor_entries(COUNTRIES):
        if e["kind"] in {"name", "adj"}:
            assert len(e["code"]) == 3, e


def test_one_undated_code_per_phrase(entries):
    undated = defaultdict(set)
    for e in entries:
        if not (e["from"] or e["to"]):
            undated[e["phrase"].casefold()].add(e["code"])
    clashes = {p: c for p, c in undated.items() if len(c) > 1}
    assert not clashes, clashes


def test_date_ranges_of_a_phrase_do_not_overlap(entries):
    dated = defaultdict(list)
    for e in entries:
        if e["from"] or e["to"]:
            dated[e["phrase"].casefold()].append(e)
    problems = []
    for phrase, rows in dated.items():
        rows.sort(key=lambda e: e["from"] or dt.date.min)
        for a, b in zip(rows, rows[1:]):
            a_end = a["to"] or dt.date.max
            b_start = b["from"] or dt.date.min
            if b_start <= a_end and a["code"] != b["code"]:
                problems.append(f"{phrase}: {a['code']} line {a['line']} overlaps "
                                f"{b['code']} line {b['line']}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("phrase,kind,code", [
    ("Iran", "name", "IRN"),
    ("Islamic Republic of Iran", "name", "IRN"),
    ("Iranian", "adj", "IRN"),
    ("Iranians", "adj", "IRN"),
    ("Tehran", "capital", "IRNGOV"),
    ("United States", "name", "USA"),
    ("U.S.", "name", "USA"),
    ("US", "name", "USA"),
    ("America", "name", "USA"),
    ("Americans", "adj", "USA"),
    ("Britain", "name", "GBR"),
    ("U.K.", "name", "GBR"),
    ("Britons", "adj", "GBR"),
    ("Ivory Coast", "name", "CIV"),
    ("Côte d'Ivoire", "name", "CIV"),
    ("Burma", "name", "MMR"),
    ("DPRK", "name", "PRK"),
    ("Zaire", "name", "COD"),
    ("DRC", "name", "COD"),
    ("Congo-Brazzaville", "name", "COG"),
    ("Holland", "name", "NLD"),
    ("Soviet Union", "name", "RUS"),
    ("USSR", "name", "RUS"),
    ("Soviet", "adj", "RUS"),
    ("West Germany", "name", "DEU"),
    ("Yugoslavia", "name", "SRB"),
    ("Czechoslovakia", "name", "CZE"),
    ("Rhodesia", "name", "ZWE"),
    ("Ceylon", "name", "LKA"),
    ("Siam", "name", "THA"),
    ("Kosovo", "name", "XKX"),
    ("Gaza", "name", "PSE"),
    ("West Bank", "name", "PSE"),
    ("Taiwanese", "adj", "TWN"),
    ("Filipino", "adj", "PHL"),
    ("Afghan", "adj", "AFG"),
    ("Chechnya", "name", "RUS"),
    ("Latin American", "adj", "LAM"),
    ("Washington", "capital", "USAGOV"),
    ("White House", "capital", "USAGOV"),
    ("Pentagon", "capital", "USAMIL"),
    ("Capitol Hill", "capital", "USALEG"),
    ("Kremlin", "capital", "RUSGOV"),
    ("Downing Street", "capital", "GBRGOV"),
    ("Élysée", "capital", "FRAGOV"),
    ("Zhongnanhai", "capital", "CHNGOV"),
    ("Beijing", "capital", "CHNGOV"),
    ("Peking", "capital", "CHNGOV"),
    ("Jerusalem", "capital", "ISRGOV"),
    ("New Delhi", "capital", "INDGOV"),
    ("Knesset", "org", "ISRLEG"),
    ("Congress", "org", "USALEG"),
    ("State Department", "org", "USAGOV"),
    ("Pope", "org", "VATGOV"),
    ("Brussels", "capital", "IGOEEC"),
    ("United Nations", "org", "IGOUNO"),
    ("U.N.", "org", "IGOUNO"),
    ("Security Council", "org", "IGOUNO"),
    ("NATO", "org", "IGONAT"),
    ("European Union", "org", "IGOEEC"),
    ("African Union", "org", "IGOOAU"),
    ("Arab League", "org", "IGOARL"),
    ("OPEC", "org", "IGOOPC"),
    ("IAEA", "org", "IGOUNOIAE"),
    ("WHO", "org", "IGOUNOWHO"),
    ("UNHCR", "org", "IGOUNOHCR"),
    ("World Bank", "org", "IGOUNOWBK"),
    ("IMF", "org", "IGOIMF"),
    ("ECOWAS", "org", "IGOWAS"),
    ("Amnesty International", "org", "NGOAMN"),
    ("Human Rights Watch", "org", "NGOHRW"),
    ("Red Cross", "org", "NGOIRC"),
    ("Doctors Without Borders", "org", "NGOMSF"),
    ("Hamas", "org", "PSEREB"),
    ("Hezbollah", "org", "LBNREB"),
    ("al-Qaeda", "org", "IMGMOSALQ"),
    ("Islamic State", "org", "IMGMOSISI"),
    ("Daesh", "org", "IMGMOSISI"),
    ("PKK", "org", "TURREB"),
    ("FARC", "org", "COLREB"),
    ("Boko Haram", "org", "NGAREB"),
    ("al-Shabaab", "org", "SOMREB"),
    ("Houthis", "org", "YEMREB"),
    ("Tamil Tigers", "org", "LKAREB"),
    ("PLO", "org", "PSEGOV"),
    ("Xinhua", "org", "CHNMED"),
    ("KCNA", "org", "PRKMED"),
    ("IRNA", "org", "IRNMED"),
    ("Reuters", "org", "GBRMED"),
    ("Gazprom", "org", "RUSBUS"),
    ("Saudi Aramco", "org", "SAUBUS"),
])
def test_known_phrases(entries, phrase, kind, code):
    assert _lookup(entries, phrase, kind) == {code}


@pytest.mark.parametrize("phrase,date,code", [
    ("Taliban", "2010-06-01", "AFGREB"),
    ("Taliban", "1998-01-01", "AFGGOV"),
    ("Taliban", "2022-01-01", "AFGGOV"),
    ("Bonn", "1990-01-01", "DEUGOV"),
    ("Aden", "2016-01-01", "YEMGOV"),
    ("Labour", "2005-05-01", "GBRGOV"),
    ("Labour", "2015-01-01", "GBROPP"),
    ("Republicans", "2018-01-01", "USAGOV"),
    ("Democrats", "2018-01-01", "USAOPP"),
    ("SPLA", "2005-01-01", "SDNREB"),
    ("SPLA", "2015-01-01", "SSDMIL"),
    ("Khmer Rouge", "1977-01-01", "KHMGOV"),
    ("Khmer Rouge", "1985-01-01", "KHMREB"),
    ("Fatah", "1987-01-01", "PSEREB"),
    ("Fatah", "2005-01-01", "PSEGOV"),
    ("KGB", "1985-01-01", "RUSSPY"),
    ("KGB", "2020-01-01", "BLRSPY"),
    ("EC", "1987-01-01", "IGOEEC"),
])
def test_dated_phrases(entries, phrase, date, code):
    assert _lookup(entries, phrase, date=date) == {code}


@pytest.mark.parametrize("phrase,date", [
    ("Bonn", "2005-01-01"),
    ("Aden", "2000-01-01"),
    ("EC", "2010-01-01"),
    ("RSF", "2005-01-01"),
])
def test_phrases_outside_their_dates_have_no_code(entries, phrase, date):
    assert _lookup(entries, phrase, date=date) == set()


# Ordinary words and ambiguous short forms that must not be actor phrases (compared
# case-insensitively, except the acronyms in EXACT_CASE_OK, whose all-caps form is kept).
ACTOR_BLOCKLIST = {
    "is", "it", "car", "male", "may", "reunion", "amnesty", "ap", "pa", "jersey",
    "victoria", "shell", "the nation", "the times", "the independent", "persian", "arab",
    "pole", "western", "the west", "people", "investors", "market",
}


def test_dangerous_actor_phrases_absent(entries):
    found = sorted({e["phrase"] for e in entries
                    if e["phrase"].casefold() in ACTOR_BLOCKLIST})
    assert not found, found
    assert not [e for e in entries if e["phrase"] in {"us", "Us", "who", "Who", "IS"}]


# ---------------------------------------------------------------------------------------
# agents.tsv


def _agents():
    return list(_rows(AGENTS))


def test_agent_file_format():
    problems = []
    seen = set()
    for n, f in _agents():
        where = f"agents.tsv:{n}"
        if not 2 <= len(f) <= 3:
            problems.append(f"{where}: {len(f)} columns")
            continue
        if any(not x or x != x.strip() or "  " in x for x in f):
            problems.append(f"{where}: empty field or stray whitespace in {f!r}")
        sector, phrase = f[0], f[1]
        if not CODE_RE.match(sector):
            problems.append(f"{where}: bad SECTOR {sector!r}")
        else:
            bad = [sector[i:i + 3] for i in range(0, len(sector), 3)
                   if sector[i:i + 3] not in SECTORS]
            if bad:
                problems.append(f"{where}: unknown sector(s) {bad}")
        if phrase.casefold() in seen:
            problems.append(f"{where}: duplicate phrase {phrase!r}")
        seen.add(phrase.casefold())
    assert not problems, "\n".join(problems)


def _agent_sector(phrase):
    for _, f in _agents():
        if f[1].casefold() == phrase.casefold():
            return f[0]
    for _, f in _agents():
        if len(f) == 3 and f[2].casefold() == phrase.casefold():
            return f[0]
    return None


@pytest.mark.parametrize("phrase,sector", [
    ("minister", "GOV"),
    ("prime minister", "GOV"),
    ("foreign minister", "GOV"),
    ("defense minister", "GOV"),
    ("president", "GOV"),
    ("spokesman", "GOV"),
    ("troops", "MIL"),
    ("army", "MIL"),
    ("soldier", "MIL"),
    ("army chief", "MIL"),
    ("military junta", "GOVMIL"),
    ("police", "COP"),
    ("policemen", "COP"),
    ("security forces", "COP"),
    ("riot police", "COP"),
    ("court", "JUD"),
    ("prosecutor", "JUD"),
    ("attorney general", "JUD"),
    ("parliament", "LEG"),
    ("lawmaker", "LEG"),
    ("opposition", "OPP"),
    ("opposition leader", "OPP"),
    ("rebel", "REB"),
    ("rebel leader", "REB"),
    ("militant", "REB"),
    ("separatist", "SEP"),
    ("gunmen", "UAF"),
    ("protester", "CVL"),
    ("student", "EDU"),
    ("doctor", "HLH"),
    ("worker", "LAB"),
    ("refugee", "REF"),
    ("journalist", "MED"),
    ("state media", "MED"),
    ("company", "BUS"),
    ("central bank", "GOV"),
    ("farmer", "AGR"),
    ("rights group", "HRI"),
    ("aid worker", "NGO"),
    ("think tank", "NGO"),
    ("cleric", "REL"),
    ("spy", "SPY"),
    ("drug trafficker", "CRM"),
])
def test_known_agents(phrase, sector):
    assert _agent_sector(phrase) == sector


def test_irregular_plurals_given():
    plurals = {f[1]: f[2] for _, f in _agents() if len(f) == 3}
    assert plurals["policeman"] == "policemen"
    assert plurals["spokesman"] == "spokesmen"
    assert plurals["gunman"] == "gunmen"
    assert plurals["police"] == "police"
    assert plurals["troops"] == "troops"


AGENT_BLOCKLIST = {"people", "investor", "analyst", "trader", "man", "woman", "officer",
                   "agent", "observer", "expert", "source", "politician"}


def test_dangerous_agents_absent():
    found = sorted(f[1] for _, f in _agents() if f[1].casefold() in AGENT_BLOCKLIST)
    assert not found, found
