"""PETRARCH-2, PETRARCH-1 and TABARI verb dictionaries read into Dyad's pattern model
(src/dyad/compat/petrarch_verbs.py). The dictionary snippets below were written for these
tests by the Dyad team, in each dialect's format; they are not taken from any peer file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dyad.compat import petrarch_verbs as pv
from dyad.compat.petrarch_verbs import (
    VerbLexicon,
    detect,
    detect_dialect,
    format_pattern,
    read_verbs,
    write_verbs,
)
from dyad.events import EventCoder
from dyad.ontology import default_ontology
from dyad.patterns import load_patterns, parse_pattern
from dyad.pipeline import Coder, CoderConfig

ONTO = default_ontology()

PETRARCH2 = """\
# a small PETRARCH-2 style verb dictionary written for Dyad's tests
&GOODS
+GRAIN
+MEDICINE
+WINTER_CLOTHING

&HAULERS
+TRUCKS
+&BOATS

&BOATS
+FERRIES
+BARGES

--- CONVEY   [---]  ---
CONVEY
FERRY {FERRIES FERRIED FERRYING}
SHIP  [070]
+HAND_OVER {+HANDS_OVER +HANDED_OVER}  [0841]
- * &GOODS (TO +)                      [073]      # goods sent to the target
- * {RELIEF SUPPLIES} (FROM $)         [073]
- * (TO SUMMIT) (IN ^)                 [042:043]
- * PRISONERS (TO +)                   [:0841]
- &HAULERS *                           [070]
- * BLAME                              [---]
- * STATEMENT                          [010?]
- * REBUKE                             [111!]
- % * GOODS                            [061]
- * (WITH %)                           [061]
- * &HAULERS (TO +)                    [070]

--- TRAVEL  [042:043]  ---
TRAVEL
JOURNEY

--- RECOIL  [:111]  ---
RECOIL

~ a (b . CONVEY) RECOIL = a b 112
"""

PETRARCH1 = """\
<!-- a small PETRARCH-1 style verb dictionary written for Dyad's tests -->
<!-- a comment that
     runs over two lines -->
&TALKWORDS_
+NEGOTIATIONS
+PARLEY

--- CONFER  [040]  ---
CONFER  # a comment after a verb
HUDDLE
- * &TALKWORDS WITH_ +            [046]
- * PEACE_&TALKWORDS               [046]
- * + DELEGATION                   [042]
- * ^ ABOUT +                      [040]
- % *                              [040:040]
- SECRETLY *                       [040]
- $ * ON_BEHALF OF +               [040]
- * THE DELEGATION                  [042]
"""

TABARI = """\
<SYNSETS>
&FOODSTUFF
+RICE
+WHEAT_FLOUR
</SYNSETS>
<TIME>
NEXT_FORTNIGHT [+14]
</TIME>
DONATE  [070] ;a comment
- * &FOODSTUFF TO_ +  [073] ;another comment
- * { CASH | MONEY } TO_ +  [071]
- * { HARD_CURRENCY | GOLD }  [071]
- + * BY_ $  [070]
- NOT *  [###]
SMUGGL  [---]
- * WEAPONS TO_ +  [072]
~~FINISH
GARBAGE AFTER THE END [010]
"""

MALFORMED = """\
&FRUIT
+APPLES
+
--- VISIT [042:043] ---
VISIT
- * (TO +  [042]
- * SUMMIT
- * TALKS [04x]
- * * TALKS [042]
- * &VEGGIES [042]
* (TO CAPITAL) [042]
--- [042] ---
- * TOUR [042]
--- TOUR [042] ---
TOUR
- * CAPITAL [042] extra
- * CITY [999]
- * (TO CITY) [042:043]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _without_phrase(line: str) -> str:
    body, sep, flags = line.partition(" ; ")
    rest = [f for f in flags.split() if f != "phrase"]
    return body + (" ; " + " ".join(rest) if rest else "")


def texts(result) -> set[str]:
    """The converted patterns as Dyad pattern lines, without the `phrase` flag that every
    converted pattern carries (checked in test_every_converted_pattern_keeps_petrarchs_target_rule)."""
    return {_without_phrase(format_pattern(p)) for p in result.patterns.all_patterns()}


def keys(pset) -> Counter:
    return Counter((p.code, p.heads, p.items, p.flags, p.frame, p.reverse_code, p.head_modifiers)
                   for p in pset.all_patterns())


# -- PETRARCH-2 ------------------------------------------------------------------------------


@pytest.fixture
def p2(tmp_path):
    return read_verbs(write(tmp_path, "p2.verbs.txt", PETRARCH2), ONTO, before_verb="drop")


def test_petrarch2_dialect_and_counts(p2, tmp_path):
    assert p2.dialect == "petrarch2"
    assert p2.counts["synsets"] == 3 and p2.counts["blocks"] == 3
    assert p2.counts["verb lines"] == 7 and p2.counts["pattern lines"] == 11
    c = p2.counts
    assert c["converted"] + c["dropped"] + c["problem lines"] == c["pattern lines"]
    assert c["dropped"] == 1  # the pattern with words before the verb
    assert p2.problems == [] and p2.patterns.problems == []
    assert p2.patterns.frames == {}


def test_petrarch2_verbs_defaults_and_multiword_verbs(p2):
    out = texts(p2)
    # a block default of --- gives no bare pattern; a verb's own code does
    assert "070 ship" in out and "0841 hand over" in out
    assert not any(t.split()[1] in ("convey", "ferry") and len(t.split()) == 2 for t in out)
    # paired default code: the reverse event
    assert "042 travel ; rev=043" in out and "042 journey ; rev=043" in out
    # irregular forms are not heads (spaCy gives the lemma)
    assert "ferries" not in p2.patterns.verbs and "ferried" not in p2.patterns.verbs
    assert p2.notes[pv.N_FORMS] == 2


def test_petrarch2_patterns(p2):
    out = texts(p2)
    heads = "convey|ferry|ship"
    # synonym set: single words are alternatives of one item, a phrase its own pattern
    assert f"073 {heads} grain|medicine to +" in out
    assert f"073 {heads} winter_clothing to +" in out  # WINTER_CLOTHING: a word chain
    # the block's patterns also apply to its multi-word verb, after its particle
    assert "073 hand over grain|medicine to +" in out
    # a noun phrase {…} and a prepositional phrase (…) with the source slot
    assert f"073 {heads} relief supplies from $" in out
    # '^' is dropped, paired codes give the reverse event
    assert f"042 {heads} to summit in ; rev=043" in out
    # reverse-only code: the target slot becomes the source
    assert f"0841 {heads} prisoners to $" in out
    # [---]: a use of the verb that is not an event
    assert f"- {heads} blame" in out
    # '?' weak code → say flag; '!' ignored
    assert f"010 {heads} statement ; say" in out
    assert f"111 {heads} rebuke" in out
    # '%' before the verb: symmetric; after it: the target
    assert f"061 {heads} goods ; sym pair" in out  # the subject must be compound
    assert f"061 {heads} with +" in out
    # nested synonym sets (defined after the set that uses them)
    assert f"070 {heads} barges|ferries|trucks to +" in out
    # the bare verb with a reverse-only default: the object is the source
    assert "111 recoil $" in out


def test_petrarch2_origins_and_notes(p2):
    by_text = {_without_phrase(format_pattern(p)): p for p in p2.patterns.all_patterns()}
    assert by_text["073 convey|ferry|ship grain|medicine to +"].origin == "p2.verbs.txt:20"
    assert by_text["070 ship"].origin == "p2.verbs.txt:18"
    notes = p2.notes
    assert notes[pv.N_BEFORE_DROPPED] == 1
    assert p2.examples[pv.N_BEFORE_DROPPED] == [
        "p2.verbs.txt:24"]
    assert notes[pv.N_WEAK] == 1
    assert notes[pv.N_STRONG] == 1
    assert notes[pv.N_SKIP] == 1
    assert notes[pv.N_REVERSE_ONLY] == 2
    assert len(p2.transformations) == 1
    t = p2.transformations[0]
    assert (t.outer, t.inner, t.code, t.origin) == ("RECOIL", "CONVEY", "112", "p2.verbs.txt:39")


# -- PETRARCH-1 ------------------------------------------------------------------------------


def test_petrarch1(tmp_path):
    r = read_verbs(write(tmp_path, "p1.txt", PETRARCH1), ONTO, before_verb="drop")
    assert r.dialect == "petrarch1"
    assert r.problems == []
    out = texts(r)
    heads = "confer|huddle"
    assert "040 confer" in out and "040 huddle" in out
    # underscores join words; a set name with a trailing underscore
    assert f"046 {heads} negotiations|parley with +" in out
    assert f"046 {heads} peace_negotiations|parley" in out
    # '+' followed by its noun: the slot marker is dropped (default target rules)
    assert f"042 {heads} delegation" in out
    assert f"040 {heads} about +" in out
    assert f"040 {heads} ; sym pair" in out
    assert f"040 {heads} on_behalf of +" in out
    # "SECRETLY *" has a word before the verb: dropped in "drop" mode
    assert not any("secretly" in t for t in out)
    # "* THE DELEGATION": the article is dropped, and the pattern is then a duplicate
    assert r.notes[pv.N_ARTICLE] == 1
    assert r.notes[pv.N_DUPLICATE] >= 1
    assert r.counts["dyad patterns"] == len(r.patterns.all_patterns())


def test_words_before_the_verb_as_modifiers(tmp_path):
    path = write(tmp_path, "p1.txt", PETRARCH1)
    r = read_verbs(path, ONTO)  # the default mode
    assert r.patterns.all_patterns() and {format_pattern(p) for p in r.patterns.all_patterns()} == \
        {format_pattern(p) for p in read_verbs(path, ONTO, before_verb="modifiers").patterns.all_patterns()}
    secret = [p for p in r.patterns.all_patterns() if p.head_modifiers]
    assert len(secret) == 1 and secret[0].head_modifiers == (frozenset({"secretly"}),)
    assert frozenset({"secretly"}) in secret[0].required
    # written with Dyad's `before=` flag, they read back with the same modifiers
    out = tmp_path / "out.txt"
    n = write_verbs(r.patterns, out)
    assert n == len(r.patterns.all_patterns())
    assert "before=secretly" in out.read_text()
    back = [p for p in load_patterns(tmp_path / "nowhere", ONTO, [(out, False)]).all_patterns() if p.head_modifiers]
    assert [p.head_modifiers for p in back] == [(frozenset({"secretly"}),)]
    with pytest.raises(ValueError):
        read_verbs(path, ONTO, before_verb="keep")


def test_every_converted_pattern_keeps_petrarchs_target_rule(tmp_path):
    """Every pattern read from a peer dictionary carries `phrase` (PETRARCH's target rule),
    and keeps it when written in Dyad's syntax and read back."""
    r = read_verbs(write(tmp_path, "p1.txt", PETRARCH1), ONTO)
    assert all("phrase" in p.flags for p in r.patterns.all_patterns())
    out = tmp_path / "out.txt"
    write_verbs(r.patterns, out)
    back = load_patterns(tmp_path / "nowhere", ONTO, [(out, False)]).all_patterns()
    assert back and all("phrase" in p.flags for p in back)
    assert keys(r.patterns) == Counter((p.code, p.heads, p.items, p.flags, p.frame, p.reverse_code, p.head_modifiers)
                                       for p in back)


# -- TABARI ----------------------------------------------------------------------------------


def test_tabari(tmp_path):
    r = read_verbs(write(tmp_path, "demo.verbs", TABARI), ONTO)
    assert r.dialect == "tabari"
    assert r.problems == []
    assert r.counts["blocks"] == 2 and r.counts["verb lines"] == 2  # nothing after ~~FINISH
    out = texts(r)
    assert "070 donate" in out
    assert "073 donate rice to +" in out and "073 donate wheat_flour to +" in out
    assert "071 donate cash|money to +" in out
    # { A | B } alternatives with a phrase: one pattern per phrase
    assert "071 donate gold" in out and "071 donate hard_currency" in out
    # '+' before the verb, '$' after: Dyad's source slot (the subject becomes the target)
    assert "070 donate by $" in out
    # TABARI keeps stems as written without a lexicon
    assert "072 smuggl weapons to +" in out
    assert r.notes[pv.N_SECTION] == 1
    assert not any("garbage" in t for t in out)


def test_lexicon_completes_stems(tmp_path):
    lexicon = VerbLexicon(verbs=frozenset({"smuggle", "donate", "say"}), forms=frozenset({"said"}))
    r = read_verbs(write(tmp_path, "demo.verbs", TABARI), ONTO, lexicon=lexicon)
    assert "072 smuggle weapons to +" in texts(r)
    assert r.notes[pv.N_STEM] == 1


def test_special_null_code(tmp_path):
    text = "DONATE  [070]\n- * TRASH  [###]\n- * JUNK  [+++]\n"
    r = read_verbs(write(tmp_path, "t.verbs", text), ONTO)
    out = texts(r)
    assert "- donate trash" in out  # a discard: this use is no event
    assert not any("junk" in line for line in out)  # a complex event: the verb's default applies
    assert r.notes[pv.N_SPECIAL_NULL] == 1 and r.notes[pv.N_COMPLEX] == 1


# -- malformed lines -------------------------------------------------------------------------


def test_malformed_lines_are_reported_and_skipped(tmp_path):
    path = write(tmp_path, "bad.txt", MALFORMED)
    r = read_verbs(path, ONTO)
    assert all(p.startswith(f"{path}:") for p in r.problems)
    lines = {}
    for p in r.problems:
        lineno, reason = p[len(f"{path}:"):].split(": ", 1)
        lines[int(lineno)] = reason
    assert "synonym-set entry" in lines[3]
    assert "missing ')'" in lines[6]
    assert "without an event code" in lines[7]
    assert "bad event code [04x]" in lines[8]
    assert "one '*'" in lines[9]
    assert "unknown synonym set &VEGGIES" in lines[10]
    assert "must start with '- '" in lines[11]
    assert "bad block header" in lines[12]
    assert "outside a verb block" in lines[13]
    assert "text after the event code" in lines[16]
    assert "unknown CAMEO code 999" in lines[17]
    assert set(lines) == {3, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17}
    assert r.unknown_codes == Counter({"999": 1})
    # the good lines are still read
    out = texts(r)
    assert "042 visit ; rev=043" in out and "042 tour to city ; rev=043" in out
    assert r.patterns.problems == r.problems
    # without an ontology any 3-4 digit code is taken
    r2 = read_verbs(path, None)
    assert "042 tour city" in texts(r2) or any(p.code == "999" for p in r2.patterns.all_patterns())
    assert not any("999" in p for p in r2.problems)


# -- detection -------------------------------------------------------------------------------


def test_detect(tmp_path):
    assert detect(write(tmp_path, "a.txt", PETRARCH2))
    assert detect(write(tmp_path, "b.txt", PETRARCH1))
    assert detect(write(tmp_path, "c.verbs", TABARI))
    assert detect_dialect(tmp_path / "a.txt") == "petrarch2"
    assert detect_dialect(tmp_path / "b.txt") == "petrarch1"
    assert detect_dialect(tmp_path / "c.verbs") == "tabari"
    # Dyad's own formats and a PETRARCH-style actor list are not verb dictionaries
    assert not detect(write(tmp_path, "d.txt", "042 visit + ; rev=043\n190 attack +\n"))
    assert not detect(write(tmp_path, "e.tsv", "IRN\tname\tIran\n"))
    assert not detect(write(tmp_path, "f.txt", "ARNOR_ [ARN]\n+KINGDOM_OF_ARNOR\nGONDOR [GON] # x\n"))
    prose = "A manual may quote a pattern:\n- * TANKS [190]\nand then goes on in prose,\nline after line.\n"
    assert not detect(write(tmp_path, "g.tex", prose))
    assert not detect(tmp_path / "missing.txt")
    assert not detect(tmp_path)


# -- writer ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name, text", [("p2.txt", PETRARCH2), ("p1.txt", PETRARCH1), ("t.verbs", TABARI)])
def test_round_trip_through_the_writer(tmp_path, name, text):
    r = read_verbs(write(tmp_path, name, text), ONTO)
    out = tmp_path / "converted.txt"
    n = write_verbs(r.patterns, out, header=f"converted from {name}")
    assert n == len(r.patterns.all_patterns())
    back = load_patterns(tmp_path / "no-directory", ONTO, files=[(out, False)])
    assert back.problems == []
    assert keys(back) == keys(r.patterns)
    # each line names the peer line it came from
    first = next(line for line in out.read_text().splitlines() if not line.startswith("#"))
    assert f"# {name}:" in first


def test_format_pattern_flags():
    for line in ("042 visit + ; rev=043", "046 hold peace talks with + ; sym", "010 say ; say",
                 "030 vow ; frame=intent", "010 comment ; say neg=011", "070 receive aid|assistance from $",
                 "- strike balance", "= hold talks", "0841 release @"):
        p = parse_pattern(line, "t:1", ONTO)
        again = parse_pattern(format_pattern(p), "t:1", ONTO)
        assert (again.code, again.heads, again.items, again.flags, again.frame, again.reverse_code,
                again.negated_code) == (p.code, p.heads, p.items, p.flags, p.frame, p.reverse_code, p.negated_code)


# -- end to end ------------------------------------------------------------------------------


def test_converted_patterns_code_events(nlp, small_dicts, tmp_path):
    actors, agents = small_dicts
    r = read_verbs(write(tmp_path, "p2.verbs.txt", PETRARCH2), ONTO)
    converted = tmp_path / "verbs.txt"
    write_verbs(r.patterns, converted)
    coder = Coder(CoderConfig(actor_dictionaries=[actors], agent_dictionaries=[agents],
                              pattern_files=[(converted, False)]), nlp=nlp)
    assert coder.problems == []

    def code(text):
        return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in coder.code_text(text)}

    assert code("France shipped medicine to Libya.") == {("FRA", "LBY", "073")}
    assert code("The Iranian president travelled to Iraq on Monday.") == {("IRNGOV", "IRQ", "042"),
                                                                          ("IRQ", "IRNGOV", "043")}
    events = coder.code_text("France shipped medicine to Libya.")
    assert events[0].rule.startswith("verbs.txt:")

    # the patterns read in memory code the same as their conversion
    in_memory = r.patterns
    in_memory.frames = coder.patterns.frames
    coder.patterns = in_memory
    coder.events = EventCoder(in_memory, coder.ontology)
    assert code("France shipped medicine to Libya.") == {("FRA", "LBY", "073")}
    assert coder.code_text("France shipped medicine to Libya.")[0].rule.startswith("p2.verbs.txt:20 ")


# -- the peers' dictionaries -----------------------------------------------------------------

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.skipif(not (SHARED / "peers").is_dir(), reason="the shared peers folder is absent")
def test_read_every_peer_verb_dictionary():
    files = sorted(p for p in (SHARED / "peers").rglob("*") if p.is_file()
                   and ("verb" in p.name.lower() or p.name.startswith("CAMEO.2")) and detect(p))
    assert files
    for path in files:
        r = read_verbs(path, ONTO)
        c = r.counts
        print(f"\n{path.relative_to(SHARED)}\n{r.summary()}")
        assert c["pattern lines"] > 0 and c["converted"] > 0
        assert c["converted"] + c["dropped"] + c["problem lines"] == c["pattern lines"]
        assert r.patterns.all_patterns()


def test_reverse_only_codes(tmp_path):
    text = """--- OBTAIN  [---]  ---
OBTAIN
- * LOAN                 [:071]
- * UPROAR (IN)          [:110]
- * (BEFORE JUDGE)       [:173]
- * ENVOY (TO +)         [:043]
- * PLEDGE (FROM $) (TO +)  [:054]
"""
    r = read_verbs(write(tmp_path, "rev.txt", text), ONTO)
    out = texts(r)
    assert "071 obtain loan from $" in out  # the one the object came from
    assert "110 obtain uproar in $" in out  # the object of the last preposition
    assert "043 obtain envoy to $" in out  # the target slot becomes the source
    assert "054 obtain pledge from + to $" in out  # both slots swap
    assert not any("judge" in t for t in out)
    assert r.notes[pv.N_REVERSE_ONLY_DROPPED] == 1 and r.notes[pv.N_REVERSE_ONLY_FROM] == 1
    assert r.counts["dropped"] == 1 and r.counts["converted"] == 4


PETRARCH1_RESTORE = """\
RESTORE
- * DIPLOMATIC  [064]
BURN
- * +EMBASSY  [180]
"""


def test_petrarch_patterns_code_the_main_event_only(nlp, small_dicts, tmp_path):
    """PETRARCH's reading: an event of its patterns in a clause subordinate to another coded
    event is not coded, and a possessive pronoun is not a target."""
    actors, agents = small_dicts
    verbs = write(tmp_path, "p1.verbs.txt", PETRARCH1_RESTORE)
    coder = Coder(CoderConfig(actor_dictionaries=[actors], agent_dictionaries=[agents], verb_dictionaries=[verbs]),
                  nlp=nlp)

    def code(text):
        return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in coder.code_text(text)}

    assert code("France is about to restore diplomatic ties with Libya years after Iraqi crowds burned "
                "its embassy.") == {("FRA", "LBY", "064")}
    # alone, the subordinate event codes, without the pronoun's referent as target
    assert code("France is about to improve its ties with Libya years after Iraqi crowds burned "
                "its embassy.") == {("IRQ", None, "180")}


PETRARCH2_NEGATED = """\
&NEGAUX
+DID_N'T
+WILL_NOT

--- QUARREL  [111]  ---
QUARREL
- &NEGAUX * OVER AID  [121]
- * OVER AID  [112]
"""


def test_a_pattern_that_spells_out_the_negation_codes_the_negated_verb(nlp, small_dicts, tmp_path):
    actors, agents = small_dicts
    verbs = write(tmp_path, "neg.verbs.txt", PETRARCH2_NEGATED)
    coder = Coder(CoderConfig(actor_dictionaries=[actors], agent_dictionaries=[agents], verb_dictionaries=[verbs]),
                  nlp=nlp)

    def code(text):
        return {(e.source.code, e.cameo) for e in coder.code_text(text)}

    assert code("France didn't quarrel over aid with Libya.") == {("FRA", "121")}
    assert code("France quarreled over aid with Libya.") == {("FRA", "112")}
    # negation that no pattern spells out still blocks the event
    assert code("France never quarreled over aid with Libya.") == set()


def test_rare_verb_forms_the_lemmatizer_misses_find_their_base():
    from dyad.events import _regular_bases

    assert "cordon" in _regular_bases("cordoned") and "cordon" in _regular_bases("cordoning")
    assert "ferry" in _regular_bases("ferried") and "plan" in _regular_bases("planned")
    assert "raze" in _regular_bases("razed")
    assert _regular_bases("go") == []
