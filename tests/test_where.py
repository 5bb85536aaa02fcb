"""The gazetteer (dyad.where) and the geoparsing evaluation (dyad.evaluation.geoparse).

Needs no shared folder: the gold-set readers are tried on small XML files written here."""

import pytest

from dyad.evaluation.geoparse import metrics, read_gwn, read_tr_news, resolve_article, score, split_of
from dyad.where import Gazetteer, PlaceContext, haversine_km


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer()


def inside(place, south, north, west, east):
    return place is not None and south <= place.lat <= north and west <= place.lon <= east


# -- distances ---------------------------------------------------------------------------------

def test_haversine():
    assert haversine_km(10.0, 20.0, 10.0, 20.0) == 0
    assert 340 < haversine_km(48.8566, 2.3522, 51.5074, -0.1278) < 350  # Paris–London
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015, rel=0.001)  # half the equator
    assert haversine_km(1, 2, 3, 4) == pytest.approx(haversine_km(3, 4, 1, 2))


# -- names → places ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Turkey", "Iraq", "Canada", "France", "China", "United Kingdom"])
def test_countries_have_coordinates(gaz, name):
    place = gaz.resolve(name)
    assert place.kind == "country" and place.lat is not None and place.lon is not None
    assert place.geonameid is not None
    assert gaz.best(name) == place  # the core index agrees


@pytest.mark.parametrize("adjective, country", [("Turkish", "Turkey"), ("Iraqi", "Iraq"), ("Iraqis", "Iraq"),
                                                ("French", "France"), ("Chinese", "China"), ("Indian", "India"),
                                                ("British", "United Kingdom"), ("Canadian", "Canada")])
def test_demonyms_name_their_country(gaz, adjective, country):
    # "French" is also the demonym of Mayotte, "Chinese" of Macao: the large country wins
    assert gaz.resolve(adjective) == gaz.resolve(country)


def test_demonyms_stay_out_of_the_core_index(gaz):
    # the actor recogniser uses lookup/best: an adjective is not a place there
    assert gaz.best("Turkish") is None


def test_caller_aliases():
    gaz = Gazetteer(aliases={"Blighty": "United Kingdom"})
    assert gaz.resolve("Blighty") == gaz.resolve("United Kingdom")


def test_abbreviations(gaz):
    assert gaz.resolve("U.S.") == gaz.resolve("United States")
    assert gaz.resolve("B.C.") == gaz.resolve("British Columbia")
    assert gaz.resolve("Ky.").admin1 == "Kentucky"


def test_admin1_region(gaz):
    alberta = gaz.resolve("Alberta")
    assert alberta.kind == "admin1" and alberta.country == "CAN" and alberta.admin1 == "Alberta"
    assert inside(alberta, 49.0, 60.0, -120.0, -110.0)  # the province's box
    assert inside(gaz.resolve("Texas"), 25.8, 36.5, -106.7, -93.5)


def test_city_regions_are_names(gaz):
    edmonton = gaz.best("Edmonton")
    assert edmonton.kind == "city" and edmonton.country == "CAN" and edmonton.admin1 == "Alberta"


def test_paris_alone_and_in_texas(gaz):
    assert gaz.resolve("Paris").country == "FRA"
    texan = gaz.resolve("Paris", within="Texas")
    assert texan.country == "USA" and texan.admin1 == "Texas" and inside(texan, 25.8, 36.5, -106.7, -93.5)
    # the region named elsewhere in the text is context enough
    places = gaz.resolve_mentions(["Texas", "Paris"])
    assert places[1] == texan
    assert gaz.resolve_mentions(["France", "Paris"])[1].country == "FRA"


def test_georgia_country_or_state(gaz):
    assert gaz.resolve("Georgia").kind == "country"
    assert gaz.resolve("Georgia").country == "GEO"
    state = gaz.resolve_mentions(["Texas", "Georgia"])[1]
    assert state.kind == "admin1" and state.country == "USA"
    context = PlaceContext(countries={"USA"})
    assert gaz.resolve("Georgia", context) == state
    assert gaz.resolve("Georgia", PlaceContext(prefer=["USA"])) == state


def test_capital_before_region_of_its_name(gaz):
    washington = gaz.resolve("Washington")
    assert washington.kind == "city" and washington.capital and inside(washington, 38.5, 39.2, -77.5, -76.5)


def test_core_index_prefers_the_city(gaz):
    # an event "in Basra" or "in Tehran" is placed in the city, not the governorate or province
    for name, country in (("Basra", "IRQ"), ("Tehran", "IRN"), ("Baghdad", "IRQ")):
        place = gaz.best(name)
        assert place.kind == "city" and place.country == country
    assert gaz.best("Tehran").capital
    assert all(p.kind in ("country", "city") for group in gaz.major_places() for p in group)


def test_unknown_names(gaz):
    assert gaz.resolve("Xqzzyvillezz") is None
    assert gaz.lookup("Xqzzyvillezz") == []
    assert gaz.best("Xqzzyvillezz") is None
    assert gaz.resolve_mentions(["Xqzzyvillezz", "Iraq"])[0] is None


# -- the gold-set readers and the scoring ------------------------------------------------------

TR_NEWS = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="42">
    <title>t</title>
    <text><![CDATA[A Turkish policeman was shot in Ankara. Paris, Texas was quiet.]]></text>
    <toponyms>
      <toponym><phrase>Turkish</phrase><start>2</start><end>9</end>
        <gaztag geonameid="298795"><name>Turkey</name><fclass>A</fclass><fcode>PCLI</fcode>
          <lat>39</lat><lon>35</lon><country geonameid="298795">Turkey</country></gaztag></toponym>
      <toponym><phrase>Ankara</phrase><start>32</start><end>38</end>
        <gaztag geonameid="323786"><name>Ankara</name><fcode>PPLC</fcode>
          <lat>39.91987</lat><lon>32.85427</lon><country geonameid="298795">Turkey</country></gaztag></toponym>
      <toponym><phrase>Paris</phrase><start>40</start><end>45</end>
        <gaztag geonameid="4717560"><name>Paris</name><fcode>PPLA2</fcode>
          <lat>33.66094</lat><lon>-95.55551</lon><country geonameid="6252001">United States</country></gaztag></toponym>
      <toponym><phrase>Texas</phrase><start>47</start><end>52</end>
        <gaztag geonameid="4736286"><name>Texas</name><fcode>ADM1</fcode>
          <lat>31.25044</lat><lon>-99.25061</lon><country geonameid="6252001">United States</country></gaztag></toponym>
      <toponym><phrase>Nowhere</phrase><start>0</start><end>1</end></toponym>
    </toponyms>
  </article>
</articles>
"""

GWN = """<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>t</title>
    <text>German officials met citizens in Dublin.</text>
    <toponyms>
      <toponym><extractedName>German</extractedName><type>Non_Literal_Modifier</type>
        <nonLocational>No</nonLocational><start>0</start><end>6</end>
        <geonamesID>2921044</geonamesID><latitude>51.5</latitude><longitude>10.5</longitude></toponym>
      <toponym><extractedName>citizens</extractedName><type>Non_Lit_Expression</type>
        <nonLocational>Yes</nonLocational><start>21</start><end>29</end></toponym>
      <toponym><extractedName>Dublin</extractedName><type>Literal</type>
        <nonLocational>No</nonLocational><start>33</start><end>39</end>
        <geonamesID>2964574</geonamesID><latitude>53.33306</latitude><longitude>-6.24889</longitude></toponym>
      <toponym><extractedName>Dublin</extractedName><type>Literal</type>
        <nonLocational>No</nonLocational><start>33</start><end>39</end></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_read_tr_news(tmp_path):
    path = tmp_path / "tr.xml"
    path.write_text(TR_NEWS, encoding="utf-8")
    [article] = read_tr_news(path)
    assert article.docid == "42"
    assert [t.phrase for t in article.toponyms] == ["Turkish", "Ankara", "Paris", "Texas"]  # no gaztag: left out
    for t in article.toponyms:
        assert article.text[t.start:t.end] == t.phrase
    assert article.toponyms[0].country == "Turkey" and article.toponyms[0].geonameid == 298795
    assert article.toponyms[2].lat == pytest.approx(33.66094)


def test_read_gwn(tmp_path):
    path = tmp_path / "gwn.xml"
    path.write_text(GWN, encoding="utf-8")
    [article] = read_gwn(path)
    assert article.docid == "7"
    # the non-locational "citizens" and the Dublin without coordinates are left out
    assert [t.phrase for t in article.toponyms] == ["German", "Dublin"]
    assert article.toponyms[1].lon == pytest.approx(-6.24889) and article.toponyms[1].country is None


def test_resolution_and_scores(gaz, tmp_path):
    path = tmp_path / "tr.xml"
    path.write_text(TR_NEWS, encoding="utf-8")
    articles = read_tr_news(path)
    places = resolve_article(gaz, articles[0])
    assert [p.country for p in places] == ["TUR", "TUR", "USA", "USA"]
    assert places[2].admin1 == "Texas"  # "Paris, Texas"
    m = metrics(score(gaz, "tr-news", articles))
    assert m["toponyms"] == 4 and m["unresolved"] == 0 and m["country"] == 1.0
    assert m["161km_or_id"] >= m["161km"] >= 0.75  # Turkey's point, Ankara and Paris are close to gold


def test_gwn_gold_country_from_coordinates(gaz, tmp_path):
    path = tmp_path / "gwn.xml"
    path.write_text(GWN, encoding="utf-8")
    scored = score(gaz, "gwn", read_gwn(path))
    assert [s.gold_country for s in scored] == ["DEU", "IRL"]
    assert all(s.country_ok for s in scored)


def test_split_is_deterministic():
    ids = [str(i) for i in range(400)]
    first = [split_of("tr-news", i) for i in ids]
    assert first == [split_of("tr-news", i) for i in ids]
    assert 0.2 < first.count("dev") / len(ids) < 0.4


# -- places of an event's clause ---------------------------------------------------------------

def _places(nlp, gaz, text, prefer=()):
    from dyad.where import clause_places

    doc = nlp(text)
    root = next(t for t in doc if t.dep_ == "ROOT")
    return [(name, place.kind, place.country) for name, place in clause_places(root, gaz, prefer)]


def test_clause_places_prefer_the_most_specific_name(nlp, gaz):
    got = _places(nlp, gaz, "Turkish troops shelled Kurdish positions in Syria's Idlib province last week.")
    assert got[0] == ("Idlib", "admin1", "SYR")


def test_a_date_is_not_a_place(nlp, gaz):
    assert _places(nlp, gaz, "The United States imposed sanctions on Venezuela in March 2019.") == []


def test_a_border_named_by_an_adjective_is_that_countrys_border(nlp, gaz):
    got = _places(nlp, gaz, "Israeli jets struck targets near the Turkish border on Saturday.")
    assert got == [("Turkish border", "country", "TUR")]


def test_a_border_place_does_not_make_a_target(coder):
    events = coder.code_text("Israeli jets struck targets near the Turkish border on Saturday.")
    assert events and all(e.target is None for e in events)
    assert events[0].location is not None and events[0].location.country == "TUR"
    # a place inside the country does
    inside = coder.code_text("Israeli jets struck targets near Aleppo on Saturday.")
    assert {e.target.code for e in inside if e.target} == {"SYR"}
