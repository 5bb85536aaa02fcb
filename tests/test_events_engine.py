"""The event engine on sentences the team wrote, with small dictionaries and patterns written
here, so these tests pin the engine's behaviour independently of the built-in data."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.pipeline import Coder, CoderConfig

VERBS = """\
190 attack +
195 bomb +
040 meet + ; sym
040 meet with + ; sym
042 visit + ; rev=043
042 arrive in + ; rev=043
111 criticize|criticise +
0841 release +
010 say ; say
010 tell + ; say
173 arrest +
030 vow ; frame=intent
030 agree ; frame=intent
020 urge + ; frame=appeal
100 call for ; frame=demand
100 demand ; frame=demand
= hold
= expand
= break out
"""

NOUNS = """\
046 talks ; sym
046 talks with + ; sym
046 talks between + ; sym
062 military cooperation ; sym
060 cooperation ; sym
087 withdrawal
042 visit to + ; rev=043
"""


@pytest.fixture(scope="module")
def engine(nlp, small_dicts, tmp_path_factory):
    d = tmp_path_factory.mktemp("patterns")
    verbs, nouns = d / "verbs.txt", d / "nouns.txt"
    verbs.write_text(VERBS, encoding="utf-8")
    nouns.write_text(NOUNS, encoding="utf-8")
    actors, agents = small_dicts
    config = CoderConfig(actor_dictionaries=[actors], agent_dictionaries=[agents],
                         pattern_files=[(verbs, False), (nouns, True)])
    coder = Coder(config, nlp=nlp)
    assert coder.problems == []
    return coder


PUB = date(2008, 6, 9)  # a Monday


def triples(coder, text, published=PUB):
    return {(e.source.code, e.target.code if e.target else None, e.cameo)
            for e in coder.code_text(text, published=published)}


def test_active_and_passive_voice(engine):
    assert triples(engine, "France attacked Libya.") == {("FRA", "LBY", "190")}
    assert triples(engine, "Libya was attacked by France on Monday.") == {("FRA", "LBY", "190")}


def test_an_attack_without_a_perpetrator_is_not_coded(engine):
    assert triples(engine, "Libya was attacked on Monday.") == set()


@pytest.mark.parametrize("text", [
    "France did not attack Libya.",
    "France never attacked Libya.",
    "France may attack Libya.",
    "France could attack Libya next week.",
    "If France attacks Libya, oil prices will rise.",
    "Will France attack Libya?",
])
def test_negated_hypothetical_conditional_and_questions_are_not_coded(engine, text):
    assert not any(code == "190" for _, _, code in triples(engine, text))


def test_future_material_conflict_becomes_a_threat(engine):
    assert triples(engine, "France will attack Libya.") == {("FRA", "LBY", "1384")} or \
        triples(engine, "France will attack Libya.") == {("FRA", "LBY", "138")}


def test_compound_actor_gives_one_event_per_member(engine):
    assert triples(engine, "France and Britain attacked Libya.") == {("FRA", "LBY", "190"), ("GBR", "LBY", "190")}


def test_symmetric_events_are_coded_both_ways(engine):
    both = {("IRN", "IRQ", "046"), ("IRQ", "IRN", "046")}
    assert triples(engine, "Iran and Iraq held talks on Sunday.") == both
    assert triples(engine, "Iran held talks with Iraq.") == both
    assert triples(engine, "Iran met Iraq in Geneva.") == {("IRN", "IRQ", "040"), ("IRQ", "IRN", "040")}


def test_nominal_event_between_a_pair(engine):
    assert triples(engine, "Talks between Iran and Iraq ended on Monday.") == {("IRN", "IRQ", "046"), ("IRQ", "IRN", "046")}


def test_a_visit_codes_the_visitor_and_the_host(engine):
    assert triples(engine, "The Iraqi prime minister visited Iran.") == {("IRQGOV", "IRN", "042"), ("IRN", "IRQGOV", "043")}
    assert triples(engine, "The Iraqi prime minister arrived in Tehran for a visit.") >= {("IRQGOV", "IRNGOV", "042")}


def test_intent_frame_combines_with_the_complement(engine):
    got = triples(engine, "Iran vowed to expand military cooperation with Iraq.")
    assert ("IRN", "IRQ", "0312") in got
    assert not any(code == "062" for _, _, code in got)  # the complement is consumed


def test_intent_of_a_symmetric_event_between_compound_members(engine):
    got = triples(engine, "Iran and Iraq vowed to expand their military cooperation.")
    assert got == {("IRN", "IRQ", "0312"), ("IRQ", "IRN", "0312")}


def test_appeal_frame_targets_the_addressee(engine):
    assert triples(engine, "The United Nations urged Iran to release the prisoners.") == {("IGOUNO", "IRN", "0253")}


def test_demand_with_an_event_noun_targets_its_doer(engine):
    got = triples(engine, "Iran called for the withdrawal of U.S. troops from Iraq.")
    assert got == {("IRN", "USAMIL", "1056")}


def test_reported_speech_codes_the_reported_event_not_the_statement(engine):
    got = triples(engine, "Iran said Iraq attacked Iranian border posts.")
    assert ("IRQ", "IRN", "190") in got
    assert not any(code == "010" for _, _, code in got)


def test_a_bare_report_is_no_event_but_an_addressed_statement_is(engine):
    assert triples(engine, "Iran said the situation on the border was calm.") == set()
    assert triples(engine, "Iran told Iraq that the situation on the border was calm.") == {("IRN", "IRQ", "010")}


def test_should_under_a_reporting_verb_is_an_appeal(engine):
    assert triples(engine, "Iran said Iraq should release the prisoners.") == {("IRN", "IRQ", "0253")}


def test_a_person_introduced_with_a_role_keeps_it(engine):
    text = ("Iranian Defense Minister Mostafa Najjar visited Baghdad on Sunday. "
            "Najjar criticized the United States.")
    got = triples(engine, text)
    assert ("IRNGOV", "IRQGOV", "042") in got
    assert ("IRNGOV", "USA", "111") in got


def test_pronouns_resolve_to_the_previous_actor(engine):
    got = triples(engine, "The Iraqi prime minister arrived in Tehran on Sunday. He criticized the United States.")
    assert ("IRQGOV", "USA", "111") in got


def test_the_two_sides_refers_to_the_last_pair(engine):
    got = triples(engine, "Iran and Iraq held talks in Baghdad. The two sides agreed to expand military cooperation.")
    assert {("IRN", "IRQ", "0312"), ("IRQ", "IRN", "0312")} <= got


def test_date_restricted_person_codes_follow_the_event_date(engine):
    assert triples(engine, "Yeltsin criticized Iraq.", date(1990, 3, 1)) == {("RUSOPP", "IRQ", "111")}
    assert triples(engine, "Yeltsin criticized Iraq.", date(1995, 3, 1)) == {("RUSGOV", "IRQ", "111")}


def test_event_dates_resolve_against_publication(engine):
    events = engine.code_text("France attacked Libya on Sunday.", published=PUB)
    assert [(e.date, e.date_precision, e.date_text) for e in events] == [("2008-06-08", "day", "Sunday")]
    events = engine.code_text("France attacked Libya.", published=PUB)
    assert [(e.date, e.date_text) for e in events] == [("2008-06-09", None)]


def test_event_records_carry_the_ontology(engine):
    [e] = engine.code_text("France attacked Libya.", published=PUB)
    assert (e.root, e.quad_class, e.goldstein, e.plover_type) == ("19", 4, -10.0, "ASSAULT")
    assert e.rule.startswith("verbs.txt:1 [190]")
    again = engine.code_text("France attacked Libya.", published=PUB)
    assert again[0].event_id == e.event_id  # stable ids


def test_attribution_to_a_news_agency(engine):
    [e] = [x for x in engine.code_text("France attacked Libya, the official IRNA news agency reported.", published=PUB)]
    assert e.attribution == "IRNA"


def test_a_domestic_event_without_a_named_target_targets_the_own_country(engine):
    # no target in the text: an agent coercing at home targets its own country
    assert triples(engine, "Iraqi police arrested dozens of people on Monday.") == {("IRQCOP", "IRQ", "173")}
    # a bare country acting on itself is no dyad: no target
    assert triples(engine, "France arrested dozens of people on Monday.") == {("FRA", None, "173")}
    # fighting is not domestic by default: without a named target it has none
    assert triples(engine, "Iraqi troops attacked on Monday.") == {("IRQMIL", None, "190")}


def test_force_used_in_a_foreign_place_targets_that_country(engine):
    got = triples(engine, "Iranian troops attacked near Baghdad on Sunday.")
    assert got == {("IRNMIL", "IRQ", "190")}


def test_event_nouns_as_subjects_of_occurrence_verbs(engine):
    got = triples(engine, "Talks broke out between Iran and Iraq in Geneva.")
    assert got == {("IRN", "IRQ", "046"), ("IRQ", "IRN", "046")}


def test_sponsors_are_not_nationalities(engine):
    # "French-backed" names a sponsor: the rebels are not French (they have no country here)
    assert triples(engine, "French-backed rebels attacked Libya.") == set()
    assert triples(engine, "French troops attacked Libya.") == {("FRAMIL", "LBY", "190")}


def test_relative_pronouns_stand_for_their_antecedent(engine):
    got = triples(engine, "Iran criticized Iraq, which France attacked on Monday.")
    assert ("FRA", "IRQ", "190") in got


def test_a_negated_future_cooperation_is_a_refusal(engine):
    assert triples(engine, "Iran said it will not release the prisoners.") == {("IRN", None, "1243")}


def test_quantities_and_agents_of_event_nouns_name_actors(engine):
    assert ("IRQ", "LBY", "190") in triples(engine, "Thousands of Iraqi troops attacked Libya.") or \
        ("IRQMIL", "LBY", "190") in triples(engine, "Thousands of Iraqi troops attacked Libya.")
    got = triples(engine, "Britain criticized the bombing of Libya by French troops.")
    assert ("GBR", "FRAMIL", "111") in got


def test_targets_of_frames_without_a_coded_complement(engine):
    # the one asked is the subject of the demanded clause
    assert triples(engine, "Iran demanded that Iraq hand over the border posts.") == {("IRN", "IRQ", "100")}
    # "agreed to help X": the complement names who the intention concerns
    assert triples(engine, "Iran agreed to help Iraq.") == {("IRN", "IRQ", "030")}


def test_misparsed_finite_verbs_keep_their_subject(engine):
    # spaCy's small model reads this as a noun phrase ("protested" hung on "Thousands")
    got = triples(engine, "Thousands of Iraqi protesters attacked in Baghdad.")
    assert got and all(src.startswith("IRQ") for src, _, _ in got)
