"""Reading PETRARCH/TABARI actor, agent, discard and issue dictionaries (dyad.compat.petrarch_actors).

Every snippet below is written by the Dyad team for these tests (fictional names in the
formats' style); no peer dictionary line is copied. The last tests read the real peer
dictionaries in ../shared/peers when they are present.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyad.actors import ActorDictionary, AgentDictionary
from dyad.compat.petrarch_actors import (
    Discards,
    Issues,
    _petrarch_date,
    actor_kind,
    detect_format,
    read_actors,
    read_agents,
    read_dictionary,
    read_discards,
    read_issues,
    write_actors,
    write_agents,
    write_discards,
    write_issues,
)

ACTORS = """\
<!-- DYAD TEST ACTORS, PETRARCH FORMAT -->
<!--
# a comment block
# over several lines -->
<! -- an SGML-ish comment line -->
# a comment line
FREEDONIA_  [FRD]
+FREEDONIAN_
+FREEDONIANS   # demonym
SYLVANIA [SYL] ; a TABARI-style comment
FREEDONIAN_TREASURY_ [FRDGOVBUS]

RUFUS_T._FIREFLY_  # a person whose role changes with time
+FIREFLY_
+PRESIDENT_FIREFLY
	[FRDELI 310101-330315]
	[FRDGOV 330315-351231]
	[FRDOPP >360101]
	[FRDELI]
AMBASSADOR_TRENTINO
	[SYLGOV < 331231]
	[SYLELI 19331231 - 19400101]
LFS_ [IGOLFS]
+L.F.S.
+LEAGUE_OF_FREEDONIAN_STATES_
MARX_BROTHERS_ORCHESTRA [---]
DUCK_SOUP_ [###]
HARPO_AND_CHICO [FRD/SYL]
GROUCHO_CLUB [frd]
PALACE_GUARD_ [GOV]
CHICOLINI_ [SYLREB] notes scribbled after the code
+CHICOLINI_GANG [FRDMIL]
<NOUN>
DUCKS
</NOUN>
MRS_TEASDALE_ [FRDELI]
MRS_TEASDALE_ [FRDGOV]
BROKEN_LINE [FRDGOV
BAD_CODE_ACTOR [FRD-GOV]
LONG_DATE_ACTOR [FRDGOV 1933123-19400101]
EMPTY_RANGE_ACTOR [FRDGOV 330101-330101]
NO_CODE_ACTOR
ANOTHER_ACTOR [FRDMED]
"""
# line numbers of the malformed lines above (1-based)
BROKEN_LINE, BAD_CODE_LINE, LONG_DATE_LINE, EMPTY_RANGE_LINE, NO_CODE_LINE = 38, 39, 40, 41, 42

AGENTS = """\
<!-- DYAD TEST AGENTS, PETRARCH FORMAT -->
!PERSON! = MAN, WOMAN, PERSON, MEN, WOMEN
!MINIST! = MINISTER, MINISTRY

HARBOR!PERSON! [~BUS]
!MINIST!_OF_PUZZLES [~GOVEDU]
!MINIST!_FOR_AD!MINIST!RATION [~GOV]
FIRE_CHIEF [~GOV]  # regular plural generated
MOUSE {MICE} [~CVL]
SHEEP {} [~AGR]
DEPUTY  [ ~LEG] ; spaces in the brackets, TABARI comment
RELIEF_AGENCY  [NGO~]
HERALD_ [~MED]
GHOST_!GHOUL! [~GOV]
WIZARD
BROKEN [~GOV}
BAD [GOV]
ODD [~GOVX]
"""
UNDEFINED_SET_LINE, NO_CODE_AGENT_LINE, UNBALANCED_LINE, NO_TILDE_LINE, BAD_AGENT_CODE_LINE = 14, 15, 16, 17, 18

DISCARDS = """\
# story-level discards start with '+'
+CROQUET CHAMPIONSHIP  # a sport
+ BANJO FESTIVAL
TEA PARTY
POOL C_
MAGIC LANTERN SHOW
+MAGIC LANTERN SHOW
a\tspreadsheet\trow\tslipped\tin
"""

ISSUES = """\
# issues of a farming newsletter
<ISSUE CATEGORY="FARMING" TYPE="ALL">
n:tractor [FARM_MACHINERY]
combine n:harvester [FARM_MACHINERY]
v:plough [PLOUGHING]
no+till farming [PLOUGHING]
~toy tractor
~~tractor beam
</ISSUE>

<ISSUE CATEGORY="WEATHER" TYPE="COUNTEVENT">
hail n:storm [HAIL]
sunshine
</ISSUE>
<BOGUS>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _actors_key(d: ActorDictionary):
    return {k: [(e.code, e.kind, e.phrase, e.start, e.end) for e in v] for k, v in d.entries.items()}


def _agents_key(d: AgentDictionary):
    return {k: e.sectors for k, e in d.entries.items()}


# ----------------------------------------------------------------------------- actors


@pytest.fixture
def actors(tmp_path):
    return read_actors(_write(tmp_path, "test.actors.txt", ACTORS))


def test_actor_phrases_synonyms_and_kinds(actors):
    d = actors.model
    assert actors.kind == "actors" and actors.fmt == "petrarch"
    for phrase in ("freedonia", "freedonian", "freedonians"):
        entry = d.lookup(phrase)
        assert (entry.code, entry.kind) == ("FRD", "name")
    assert d.lookup("sylvania").code == "SYL"  # the ';' comment is cut
    treasury = d.lookup("Freedonian Treasury")
    assert (treasury.code, treasury.kind) == ("FRDGOVBUS", "org")
    assert d.lookup("league of freedonian states").kind == "org"
    # underscores are spaces; periods are kept
    assert d.lookup("rufus t. firefly") is not None


def test_actor_case_abbreviations_kept(actors):
    d = actors.model
    assert d.entries["lfs"][0].phrase == "LFS"
    assert d.entries["l.f.s."][0].phrase == "L.F.S."
    assert d.entries["freedonia"][0].phrase == "freedonia"
    assert d.entries["league of freedonian states"][0].phrase == "league of freedonian states"


def test_date_restrictions_follow_the_event_date(actors):
    d = actors.model
    for phrase in ("Rufus T. Firefly", "Firefly", "President Firefly"):
        assert d.lookup(phrase, date(1931, 6, 1)).code == "FRDELI"
        assert d.lookup(phrase, date(1933, 3, 14)).code == "FRDELI"  # the range ends the day before
        assert d.lookup(phrase, date(1933, 3, 15)).code == "FRDGOV"
        assert d.lookup(phrase, date(1935, 12, 30)).code == "FRDGOV"
        assert d.lookup(phrase, date(1935, 12, 31)).code == "FRDELI"  # the undated fallback
        assert d.lookup(phrase, date(1936, 1, 1)).code == "FRDOPP"  # '>' includes the date
    entries = d.entries["rufus t. firefly"]
    gov = next(e for e in entries if e.code == "FRDGOV")
    assert (gov.start, gov.end) == (date(1933, 3, 15), date(1935, 12, 30))
    # '<' with a blank after it, an 8-digit range written with blanks around '-'
    assert d.lookup("ambassador trentino", date(1933, 12, 30)).code == "SYLGOV"
    assert d.lookup("ambassador trentino", date(1933, 12, 31)).code == "SYLELI"
    assert d.lookup("ambassador trentino", date(1940, 1, 1)) is None  # no fallback


def test_two_digit_years_follow_petrarch():
    assert _petrarch_date("300101") == date(2030, 1, 1)
    assert _petrarch_date("310101") == date(1931, 1, 1)
    assert _petrarch_date("000229") == date(2000, 2, 29)
    assert _petrarch_date("19991231") == date(1999, 12, 31)
    with pytest.raises(ValueError):
        _petrarch_date("1999123")
    with pytest.raises(ValueError):
        _petrarch_date("990230")


def test_malformed_actor_lines_are_reported_and_skipped(actors, tmp_path):
    path = tmp_path / "test.actors.txt"
    problems = "\n".join(actors.problems)
    for line, reason in ((BROKEN_LINE, "unbalanced brackets"), (BAD_CODE_LINE, "bad actor code"),
                         (LONG_DATE_LINE, "date '1933123' has 7 digits"), (EMPTY_RANGE_LINE, "empty date range"),
                         (NO_CODE_LINE, "no code")):
        assert f"{path}:{line}: {reason}" in problems, (line, reason)
    d = actors.model
    for phrase in ("broken line", "bad code actor", "long date actor", "empty range actor", "no code actor"):
        assert phrase not in d.entries
    assert d.lookup("another actor").code == "FRDMED"  # the line after them is read
    assert d.problems == actors.problems  # the coder reports them as skipped lines


def test_codes_dyad_cannot_hold_are_noted(actors):
    d = actors.model
    notes = "\n".join(actors.notes)
    assert "marx brothers orchestra" not in d.entries and "null code [---]" in notes
    assert "duck soup" not in d.entries and "[###]" in notes
    # several actors named at once: all codes kept, the coder expands them
    assert d.lookup("harpo and chico").code == "FRD/SYL" and "compound code" in notes
    assert d.lookup("groucho club").code == "FRD" and "upper-cased" in notes
    assert "palace guard" not in d.entries and "sector code alone" in notes
    assert d.lookup("chicolini").code == "SYLREB" and "text after the codes ignored" in notes
    # a code on a '+' line is a code of the whole group
    assert {e.code for e in d.entries["chicolini"]} == {"SYLREB", "FRDMIL"}
    assert "ducks" not in d.entries and "<NOUN> list skipped" in notes
    # a phrase defined again: the later group wins, as in PETRARCH
    assert [e.code for e in d.entries["mrs teasdale"]] == ["FRDGOV"]
    assert "defined again" in notes
    # stems (no final '_') are read as written
    assert "stem" in notes


def test_actor_kind():
    assert actor_kind("IRQ") == "name"
    assert actor_kind("IRQGOV") == "org"
    assert actor_kind("NGO") == "org"
    assert actor_kind("IGOUNO") == "org"


def test_actor_round_trip_through_dyad_format(actors, tmp_path):
    out = tmp_path / "converted_actors.tsv"
    write_actors(actors.model, out)
    assert detect_format(out) == ("actors", "dyad")
    again = read_actors(out)
    assert again.fmt == "dyad" and again.problems == []
    assert _actors_key(again.model) == _actors_key(actors.model)
    assert again.model.names == actors.model.names
    assert again.model.lookup("firefly", date(1934, 1, 1)).code == "FRDGOV"
    # Dyad's own reader reads the converted file the same way
    assert _actors_key(ActorDictionary.load([out])) == _actors_key(actors.model)


def test_code_line_and_synonym_before_any_phrase(tmp_path):
    path = _write(tmp_path, "orphans.actors", "+LONELY_SYNONYM\n\t[FRD]\nFREEDONIA [FRD]\n")
    result = read_actors(path)
    assert result.problems == [f"{path}:1: synonym 'LONELY SYNONYM' before any primary phrase",
                               f"{path}:2: code line before any phrase"]
    assert result.entries == 1


# ----------------------------------------------------------------------------- agents


@pytest.fixture
def agents(tmp_path):
    return read_agents(_write(tmp_path, "test.agents.txt", AGENTS))


def test_agent_constructs(agents):
    d = agents.model
    assert agents.kind == "agents" and agents.fmt == "petrarch"
    # substitution sets, no further plural
    for form in ("harborman", "harbormen", "harborwoman", "harborwomen", "harborperson"):
        assert d.entries[form].sectors == ("BUS",)
    assert "harbormens" not in d.entries
    for form in ("minister of puzzles", "ministry of puzzles"):
        assert d.entries[form].sectors == ("GOV", "EDU")
    assert "ministers of puzzles" not in d.entries  # only the set's members
    # a later marker inside a word is the word itself
    assert d.entries["minister for administration"].sectors == ("GOV",)
    # plurals: generated, given, none
    assert d.entries["fire chief"].sectors == d.entries["fire chiefs"].sectors == ("GOV",)
    assert d.entries["mice"].phrase == "mouse"
    assert "mouses" not in d.entries
    assert "sheep" in d.entries and "sheeps" not in d.entries
    assert d.entries["deputies"].sectors == ("LEG",)
    assert "herald" in d.entries and "heralds" not in d.entries  # final '_': an exact word
    # a prefix code ([NGO~]) goes before the actor's code when composed
    assert d.entries["relief agency"].sectors == ("NGO",) and d.entries["relief agency"].prefix
    assert not d.entries["deputies"].prefix


def test_malformed_agent_lines(agents, tmp_path):
    path = tmp_path / "test.agents.txt"
    problems = "\n".join(agents.problems)
    for line, reason in ((UNDEFINED_SET_LINE, "substitution set !GHOUL! is not defined"),
                         (NO_CODE_AGENT_LINE, "no agent code"), (UNBALANCED_LINE, "unbalanced brackets"),
                         (NO_TILDE_LINE, "agent code [GOV] needs a '~'"), (BAD_AGENT_CODE_LINE, "bad agent code")):
        assert f"{path}:{line}: {reason}" in problems, (line, reason)
    assert len(agents.problems) == 5
    assert not any(k.startswith(("ghost", "wizard", "broken", "bad", "odd")) for k in agents.model.entries)


def test_agent_round_trip_through_dyad_format(agents, tmp_path):
    out = tmp_path / "converted_agents.tsv"
    write_agents(agents.model, out)
    assert detect_format(out) == ("agents", "dyad")
    again = read_agents(out)
    assert again.problems == []
    assert _agents_key(again.model) == _agents_key(agents.model)
    assert _agents_key(AgentDictionary.load([out])) == _agents_key(agents.model)


# ----------------------------------------------------------------------------- discards


@pytest.fixture
def discards(tmp_path) -> Discards:
    return read_discards(_write(tmp_path, "test.discards.txt", DISCARDS))


def test_discard_levels_and_problems(discards, tmp_path):
    assert discards.story == {"croquet championship", "banjo festival", "magic lantern show"}
    assert discards.sentence == {"tea party", "pool c"}  # a phrase at both levels is story-level
    assert discards.problems == (f"{tmp_path / 'test.discards.txt'}:8: tab-separated columns: not a discard phrase",)


def test_discard_match(discards):
    assert discards.match("The Croquet Championship opened in Freedonia.") == "story"
    assert discards.match("A tea party at the palace; the croquet championship followed.") == "story"
    assert discards.match("Guests left the Tea Party early.") == "sentence"
    assert discards.match("The tea parties were cancelled.") is None  # whole words only
    assert discards.match("Pool C's results.") == "sentence"
    assert discards.match(["the", "tea", "party", "ended"]) == "sentence"  # tokens
    assert discards.match("Freedonia declared war on Sylvania.") is None
    assert discards.match("") is None


def test_discard_round_trip(discards, tmp_path):
    out = tmp_path / "discards.tsv"
    write_discards(discards, out)
    assert detect_format(out) == ("discards", "dyad")
    again = read_discards(out)
    assert again == discards and again.problems == ()


def test_dyad_discard_format_problems(tmp_path):
    path = _write(tmp_path, "discards.tsv", "story\tcroquet\nparagraph\ttea party\nsentence\t\n")
    d = read_discards(path, fmt="dyad")
    assert d.story == {"croquet"}
    assert [p.split(": ")[0] for p in d.problems] == [f"{path}:2", f"{path}:3"]


# ----------------------------------------------------------------------------- issues


@pytest.fixture
def issues(tmp_path) -> Issues:
    return read_issues(_write(tmp_path, "Test.IssueCoding.txt", ISSUES))


def test_issue_forms(issues):
    phrases = {p for c, p in issues.phrases}
    assert {"tractor", "tractors", "combine harvester", "combine harvesters"} <= phrases
    assert {"plough", "ploughs", "ploughed", "ploughing"} <= phrases
    assert {"no till farming", "no-till farming", "hail storm", "hail storms"} <= phrases
    # negatives go to the issues whose phrases they contain
    assert issues.negatives == {("FARM_MACHINERY", "toy tractor"), ("FARM_MACHINERY", "tractor beam")}


def test_issue_match(issues):
    assert issues.match("Teachers bought new tractors.") == ["FARM_MACHINERY"]
    assert issues.match("The farmers ploughed before the hail storms; no-till farming lost.") == ["PLOUGHING", "HAIL"]
    assert issues.counts("The farmers ploughed before the hail storms; no-till farming lost.") == {
        "PLOUGHING": 2, "HAIL": 1}
    assert issues.match("A toy tractor was sold.") == []  # inside a negative phrase
    assert issues.match("A toy tractor and a real tractor.") == ["FARM_MACHINERY"]
    assert issues.match("Sunshine all week.") == []


def test_issue_problems_and_notes(issues, tmp_path):
    path = tmp_path / "Test.IssueCoding.txt"
    assert list(issues.problems) == [f"{path}:13: no issue code [CODE] for 'sunshine'",
                                     f"{path}:15: unknown tag '<BOGUS>'"]
    notes = "\n".join(issues.notes)
    assert "~~" in notes and "COUNTEVENT" in notes


def test_issue_round_trip(issues, tmp_path):
    out = tmp_path / "issues.tsv"
    write_issues(issues, out)
    assert detect_format(out) == ("issues", "dyad")
    again = read_issues(out)
    assert again == issues and again.problems == ()
    assert again.match("A toy tractor was sold.") == []


# ----------------------------------------------------------------------------- detection


def test_detect_format(tmp_path):
    assert detect_format(_write(tmp_path, "a.actors.txt", ACTORS)) == ("actors", "petrarch")
    assert detect_format(_write(tmp_path, "anything.txt", ACTORS)) == ("actors", "petrarch")
    assert detect_format(_write(tmp_path, "a.agents.txt", AGENTS)) == ("agents", "petrarch")
    assert detect_format(_write(tmp_path, "words.txt", AGENTS)) == ("agents", "petrarch")
    assert detect_format(_write(tmp_path, "my.discards.txt", DISCARDS)) == ("discards", "petrarch")
    assert detect_format(_write(tmp_path, "plain.txt", DISCARDS)) is None  # phrases alone: name needed
    assert detect_format(_write(tmp_path, "topics.txt", ISSUES)) == ("issues", "petrarch")
    verbs = "--- MEET [040] ---\nMEET\n- * WITH + [040]\n"
    assert detect_format(_write(tmp_path, "x.verbs", verbs)) is None
    assert detect_format(_write(tmp_path, "empty.actors", "# nothing\n")) is None
    dyad_actors = "FRD\tname\tFreedonia\nFRDGOV\tperson\tRufus T. Firefly\t1933-03-15\n"
    assert detect_format(_write(tmp_path, "x.tsv", dyad_actors)) == ("actors", "dyad")
    assert detect_format(_write(tmp_path, "y.tsv", "GOV\tminister\nMIL\ttroops\ttroops\n")) == ("agents", "dyad")
    assert detect_format(_write(tmp_path, "issues.tsv", "OIL\toil\n")) == ("issues", "dyad")
    assert detect_format(_write(tmp_path, "z.tsv", "OIL_PRICES\toil\nOIL_PRICES\t-olive oil\n")) == ("issues", "dyad")
    assert detect_format(tmp_path) is None


def test_read_dictionary_dispatches(tmp_path):
    result = read_dictionary(_write(tmp_path, "b.discards.txt", DISCARDS))
    assert (result.kind, result.fmt, result.entries) == ("discards", "petrarch", 5)
    assert isinstance(result.model, Discards)
    result = read_dictionary(_write(tmp_path, "c.txt", ISSUES))
    assert result.kind == "issues" and isinstance(result.model, Issues) and len(result.problems) == 2
    with pytest.raises(ValueError):
        read_dictionary(_write(tmp_path, "d.txt", "just some words\n"))


def test_latin1_file_is_read_with_a_note(tmp_path):
    path = tmp_path / "latin.actors"
    path.write_bytes("CAF\xc9_DU_COMMERCE_ [FRDBUS]\n".encode("latin-1"))
    result = read_actors(path)
    assert result.model.lookup("café du commerce").code == "FRDBUS"
    assert any("Latin-1" in n for n in result.notes)


# ----------------------------------------------------------------------------- peer dictionaries

SHARED = Path(__file__).resolve().parents[2] / "shared"
PEERS = SHARED / "peers"


@pytest.mark.skipif(not PEERS.exists(), reason="../shared/peers is not present")
def test_every_peer_dictionary_reads(capsys):
    found = {}
    for path in sorted(p for p in PEERS.rglob("*") if p.is_file()):
        fmt = detect_format(path)
        if fmt is None:
            continue
        result = read_dictionary(path)
        assert result.entries >= 0
        assert all(p.startswith(f"{path}:") for p in result.problems)
        found[path.relative_to(PEERS).as_posix()] = (result.kind, result.entries, len(result.problems))
    with capsys.disabled():
        for name, (kind, entries, rejected) in found.items():
            print(f"\n  {name}: {kind}, {entries} entries read, {rejected} lines rejected", end="")
        print()
    expected = {
        "petrarch2/Phoenix.Countries.actors.txt": "actors",
        "petrarch2/Phoenix.International.actors.txt": "actors",
        "petrarch2/Phoenix.MilNonState.actors.txt": "actors",
        "petrarch2/PETR.Validate.actors.txt": "actors",
        "petrarch/PETR.Validate.actors.txt": "actors",
        "UniversalPetrarch/PETR.Validate.actors.txt": "actors",
        "TABARI/TABARI.Demo.actors": "actors",
        "cameo/CAMEO.EthnicGroups.actors.txt": "actors",
        "cameo/CAMEO.ReligiousGroups.actors.txt": "actors",
        "petrarch2/Phoenix.agents.txt": "agents",
        "petrarch2/PETR.Validate.agents.txt": "agents",
        "petrarch/PETR.Validate.agents.txt": "agents",
        "TABARI/Validate.agents": "agents",
        "plover/NGEC2025_PLOVER_agents.txt": "agents",
        "petrarch2/Phoenix.discards.txt": "discards",
        "petrarch2/PETR.Validate.discards.txt": "discards",
        "TABARI/discards.txt": "discards",
        "petrarch2/Phoenix.IssueCoding.txt": "issues",
    }
    for name, kind in expected.items():
        if (PEERS / name).exists():
            assert found.get(name, (None,))[0] == kind, name
    if "petrarch2/Phoenix.Countries.actors.txt" in found:
        assert found["petrarch2/Phoenix.Countries.actors.txt"][1] > 30000


@pytest.mark.skipif(not (PEERS / "petrarch2" / "Phoenix.Countries.actors.txt").exists(),
                    reason="the Phoenix country dictionary is not present")
def test_phoenix_maliki_in_2008_is_irqgov(tmp_path):
    result = read_actors(PEERS / "petrarch2" / "Phoenix.Countries.actors.txt")
    d = result.model
    for phrase in ("Nuri al-Maliki", "nouri al-maliki", "Prime Minister Maliki"):
        assert d.lookup(phrase, date(2008, 6, 9)).code == "IRQGOV", phrase
    assert d.lookup("Nuri al-Maliki", date(1990, 1, 1)).code == "IRQELI"
    assert d.lookup("Afghanistan").code == "AFG" and d.lookup("Afghanistan").kind == "name"
    # the converted file behaves the same
    out = tmp_path / "countries.tsv"
    write_actors(d, out)
    assert ActorDictionary.load([out]).lookup("Nuri al-Maliki", date(2008, 6, 9)).code == "IRQGOV"
