"""`dyad export` in the field's formats (GDELT 2.0, ICEWS, PLOVER) and Dyad's own, read back."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import dyad.api as dy
from dyad import formats
from dyad.cli import main
from dyad_fixture import N_EVENTS, N_MENTIONS, build

GDELT = {name: i for i, name in enumerate(formats.GDELT_COLUMNS)}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build(tmp_path_factory.mktemp("formats") / "s.duckdb")


def export(store_path, out, *args):
    result = CliRunner().invoke(main, ["export", "--store", str(store_path), "-o", str(out), *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_gdelt_columns_are_gdelts_61_in_order():
    assert len(formats.GDELT_COLUMNS) == 61
    assert formats.GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert formats.GDELT_COLUMNS[26] == "EventCode" and formats.GDELT_COLUMNS[25] == "IsRootEvent"
    assert formats.GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_gdelt_export_reads_back(store_path, tmp_path):
    out = tmp_path / "events.tsv"
    export(store_path, out, "--format", "gdelt")
    rows = read_tsv(out)
    assert len(rows) == N_EVENTS  # one row per deduplicated event, no header
    assert all(len(r) == 61 for r in rows)
    assert all(r[0].isdigit() and 0 < int(r[0]) < 2**63 for r in rows)
    assert len({r[0] for r in rows}) == N_EVENTS
    events = dy.events(store_path).set_index("cameo")
    for r in rows:
        stored = events.loc[r[GDELT["EventCode"]]]
        assert r[GDELT["EventRootCode"]] == stored["root"]
        assert float(r[GDELT["GoldsteinScale"]]) == pytest.approx(stored["goldstein"])
        assert int(r[GDELT["QuadClass"]]) == stored["quad_class"]
        assert r[GDELT["Actor1Code"]] == stored["source_code"]
        assert r[GDELT["NumArticles"]] == str(stored["num_articles"])
        assert r[GDELT["SQLDATE"]] == stored["date"].strftime("%Y%m%d")
        assert r[0] == str(formats.global_event_id(stored["group_id"]))
        assert len(r[GDELT["DATEADDED"]]) == 14 and r[GDELT["DATEADDED"]].isdigit()

    visit = next(r for r in rows if r[26] == "042")  # field 27 (1-based) is EventCode
    assert visit[1:5] == ["20200106", "202001", "2020", "2020.0164"]
    assert visit[5:8] == ["IRNGOV", "IRNGOV", "IRN"]  # Actor1Code, Actor1Name (GDELT upper-cases), CountryCode
    assert visit[GDELT["Actor1Type1Code"]] == "GOV" and visit[GDELT["Actor1Type2Code"]] == ""
    assert visit[15] == "IRQGOV" and visit[GDELT["Actor2CountryCode"]] == "IRQ"
    assert visit[GDELT["IsRootEvent"]] == "1"  # first mention: sentence 0
    assert (visit[27], visit[28], visit[29], visit[30]) == ("042", "04", "1", "1.9")
    assert visit[GDELT["NumMentions"]:GDELT["AvgTone"] + 1] == ["2", "2", "2", ""]
    assert visit[GDELT["ActionGeo_Type"]] == "4"  # a city outside the US
    assert visit[GDELT["ActionGeo_FullName"]] == "Baghdad, Iraq"
    assert visit[GDELT["ActionGeo_CountryCode"]] == "IZ"  # FIPS 10-4, not ISO
    assert float(visit[GDELT["ActionGeo_Lat"]]) == pytest.approx(33.3406, abs=1e-4)
    assert float(visit[GDELT["ActionGeo_Long"]]) == pytest.approx(44.4009, abs=1e-4)
    assert visit[GDELT["ActionGeo_FeatureID"]] == "98182"
    assert visit[GDELT["SOURCEURL"]] == "https://example.com/a1"
    assert visit[GDELT["AvgTone"]] == "" and visit[GDELT["Actor1Geo_FullName"]] == ""

    force = next(r for r in rows if r[26] == "190")
    assert (force[GDELT["ActionGeo_Type"]], force[GDELT["ActionGeo_FullName"]], force[GDELT["ActionGeo_FeatureID"]]) == (
        "1", "Iraq", "IZ")
    assert force[GDELT["IsRootEvent"]] == "1" and force[GDELT["GoldsteinScale"]] == "-10"
    sanction = next(r for r in rows if r[26] == "172")
    assert sanction[GDELT["ActionGeo_Type"]] == "3" and sanction[GDELT["ActionGeo_ADM1Code"]] == "USDC"
    assert sanction[GDELT["IsRootEvent"]] == "0"  # sentence 5
    statement = next(r for r in rows if r[26] == "010")
    assert statement[15:25] == [""] * 10 and statement[GDELT["ActionGeo_Type"]] == "0"


def test_gdelt_filters(store_path, tmp_path):
    out = tmp_path / "f.tsv"
    export(store_path, out, "--format", "gdelt", "--source", "IRN", "--target", "IRQ", "--since", "2020-01-07")
    assert sorted(r[26] for r in read_tsv(out)) == ["036", "111", "190"]
    export(store_path, out, "--format", "gdelt", "--code", "04")
    assert [r[26] for r in read_tsv(out)] == ["042"]
    export(store_path, out, "--format", "gdelt", "--source", "IRQ", "--target", "IRN", "--both-directions",
           "--until", "2020-01-08")
    assert sorted(r[26] for r in read_tsv(out)) == ["042", "112", "190"]


def test_icews_export_reads_back(store_path, tmp_path):
    out = tmp_path / "events.tab"
    export(store_path, out, "--format", "icews")
    with open(out, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        rows = list(reader)
        assert tuple(reader.fieldnames) == formats.ICEWS_COLUMNS and len(reader.fieldnames) == 20
    assert len(rows) == N_EVENTS and all(len(r) == 20 for r in rows)
    visit = next(r for r in rows if r["CAMEO Code"] == "042")
    assert visit["Event Date"] == "2020-01-06"
    assert visit["Event Text"] == "Make a visit"
    assert float(visit["Intensity"]) == pytest.approx(1.9)
    assert (visit["Source Name"], visit["Source Sectors"], visit["Source Country"]) == ("Irngov", "Government", "Iran")
    assert (visit["Target Country"], visit["Story ID"], visit["Sentence Number"]) == ("Iraq", "a1", "1")
    assert (visit["Publisher"], visit["City"], visit["Province"], visit["Country"]) == ("Wire A", "Baghdad", "Baghdad", "Iraq")
    assert float(visit["Latitude"]) == pytest.approx(33.3406, abs=1e-4)
    assert visit["Event ID"] == str(formats.global_event_id(dy.events(store_path).set_index("cameo").loc["042", "group_id"]))
    statement = next(r for r in rows if r["CAMEO Code"] == "010")
    assert statement["Target Name"] == "" and statement["Country"] == ""


def test_plover_export_reads_back(store_path, tmp_path):
    out = tmp_path / "events.json"
    export(store_path, out, "--format", "plover")
    records = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(records, list)
    assert len(records) == N_EVENTS - 1  # the 010 statement has no PLOVER type: PLOVER drops it
    for r in records:
        for key in ("id", "date", "actor", "event"):  # the manual's required fields
            assert r[key]
        assert isinstance(r["actor"], list) and {"code", "sector", "entity_text"} <= set(r["actor"][0])
        assert isinstance(r["recipient"], list) and isinstance(r["mode"], list) and isinstance(r["context"], list)
    visit = next(r for r in records if r["cameo_code"] == "042")
    assert visit["date"] == "2020-01-06" and visit["event"] == ["CONSULT"] and visit["mode"] == ["visit"]
    assert visit["actor"] == [{"code": "IRN", "sector": "GOV", "sectors": ["GOV"], "cameo_code": "IRNGOV",
                               "entity_text": "text of IRNGOV", "identifier_text": "Irngov"}]
    assert visit["recipient"][0]["code"] == "IRQ"
    assert visit["quad_code"] == 1 and visit["event_scale"] == pytest.approx(1.9)
    assert visit["event_loc"]["resolved_place"] == "Baghdad" and visit["event_loc"]["country_code"] == "IRQ"
    assert visit["event_loc"]["geonameid"] == 98182 and visit["event_loc"]["resolution"] == 4
    assert visit["event_text"] == ["sentence 0 of a1: IRNGOV 042 IRQGOV"]
    assert visit["cite_info"]["url"] == "https://example.com/a1" and visit["cite_info"]["publication"] == "Wire A"
    assert visit["num_mentions"] == 2

    lines = tmp_path / "events.jsonl"
    export(store_path, lines, "--format", "plover")
    assert [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()] == records


def test_mention_level_exports(store_path, tmp_path):
    jsonl = tmp_path / "m.jsonl"
    export(store_path, jsonl)  # the format follows the extension
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(records) == N_MENTIONS
    assert {"event_id", "source", "target", "cameo", "plover", "location"} <= set(records[0])
    csv_path = tmp_path / "m.csv"
    export(store_path, csv_path, "--source", "IRN", "--target", "IRQ")
    with open(csv_path, encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 5
    parquet = tmp_path / "m.parquet"
    export(store_path, parquet, "--format", "parquet")
    assert pq.read_table(parquet).num_rows == N_MENTIONS
    result = CliRunner().invoke(main, ["export", "--store", str(store_path), "--code", "19"], catch_exceptions=False)
    assert [json.loads(line)["cameo"] for line in result.output.splitlines()] == ["190"]


def test_export_usage_errors(store_path, tmp_path):
    result = CliRunner().invoke(main, ["export", "--store", str(store_path), "-o", str(tmp_path / "x.tsv")])
    assert result.exit_code == 2 and "format" in result.output


def test_export_from_python(store_path, tmp_path):
    assert dy.export(store_path, tmp_path / "e.tsv", format="gdelt", source="USA") == 1
    assert dy.export(store_path, tmp_path / "e.txt", format="jsonl") == N_MENTIONS


def test_place_types():
    assert formats.place_type({"location_name": None}) == 0
    assert formats.place_type({"location_name": "Iraq", "location_country": "IRQ", "location_geonameid": 99237}) == 1
    assert formats.place_type({"location_name": "Texas", "location_country": "USA", "location_admin1": "Texas",
                               "location_geonameid": 4736286}) == 2
    assert formats.place_type({"location_name": "Baghdad", "location_country": "IRQ", "location_admin1": "Baghdad",
                               "location_geonameid": 98182}) == 4
    assert formats.place_type({"location_name": "Austin", "location_country": "USA", "location_admin1": "Texas",
                               "location_geonameid": 4671654}) == 3
    assert formats.place_type({"location_name": "Basra", "location_country": "IRQ", "location_admin1": "Basra"}) == 5
    assert formats.known_group("IGOUNOWBK") == "WBK" and formats.known_group("IRNGOV") == ""
    assert formats.fips_code("DEU") == "GM" and formats.country_name("SYR") == "Syria"


def test_gdelt_adm1_code_from_the_gazetteers_region_code():
    from dyad.where import Gazetteer

    jeddah = Gazetteer().best("Jeddah")
    loc = jeddah.location()
    assert loc.admin1_code  # GeoNames' region code travels with the place
    row = {"location_name": loc.name, "location_country": loc.country, "location_admin1": loc.admin1,
           "location_admin1_code": loc.admin1_code, "location_lat": loc.lat, "location_lon": loc.lon,
           "location_geonameid": loc.geonameid}
    geo = formats._action_geo(row)
    assert geo[0] == "4" and geo[2] == "SA" and geo[3] == "SA" + loc.admin1_code
