"""PETRARCH's coding options and rules (docs/dictionaries.md, "PETRARCH's options"):
require_dyad, comma-delimited clause elimination, '---' agents, statements beside other
events, word-sequence matching of peer patterns, multi-code actors and prefix agents.

Every dictionary here is a snippet this team wrote in the peer formats."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from dyad.cli import main
from dyad.commas import CommaClauses, clause_comma
from dyad.compat.petrarch_actors import read_actors, read_agents, write_actors, write_agents
from dyad.compat.petrarch_config import coding_options, read_config
from dyad.compat.petrarch_verbs import format_pattern, read_verbs, write_verbs
from dyad.events import _inflection_of, match_sequence
from dyad.evaluation.readers import read_petrarch
from dyad.patterns import parse_pattern
from dyad.pipeline import Coder, CoderConfig

ACTORS = """\
<!-- actors written for Dyad's tests, PETRARCH format -->
FRANCE_ [FRA]
+FRENCH_
LIBYA_ [LBY]
+LIBYAN_
IRAQ_ [IRQ]
+IRAQI_
SYLVANIA [SYL/FRD]   # a phrase that names two actors at once
"""

AGENTS = """\
OFFICIAL [~GOV]
LAWMAKER [~LEG]
RELIEF_AGENCY [NGO~]
"""

VERBS = """\
<!-- verbs written for Dyad's tests, PETRARCH-1 format -->
--- RESTORE  [064]  ---
RESTORE
- * DIPLOMATIC  [064]
- INDICATED WOULD *  [036]

--- SAID  [023]  ---
SAID

--- PRAISE  [051]  ---
PRAISE
- * REALLY_WARM_WORDS  [052]
- RECENTLY_*  [053]

--- CRITICIZE  [111]  ---
CRITICIZE
- HEAVILY *  [112]
- * OVER_EFFORTS  [913]   # a code outside CAMEO, kept
"""


@pytest.fixture(scope="module")
def peer_coder(nlp, tmp_path_factory) -> Coder:
    d = tmp_path_factory.mktemp("peer")
    paths = {}
    for name, text in (("test.actors.txt", ACTORS), ("test.agents.txt", AGENTS), ("test.verbs.txt", VERBS)):
        paths[name] = d / name
        paths[name].write_text(text, encoding="utf-8")
    config = CoderConfig(actor_dictionaries=[paths["test.actors.txt"]], agent_dictionaries=[paths["test.agents.txt"]],
                         verb_dictionaries=[paths["test.verbs.txt"]])
    return Coder(config, nlp=nlp)


def triples(coder: Coder, text: str) -> set[tuple[str, str | None, str]]:
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in coder.code_text(text)}


def petrarch(coder: Coder, **changes) -> Coder:
    """The coder with PETRARCH's options (its defaults, changed by `changes`)."""
    return coder.with_options(**{**coding_options({}), **changes})


# -- comma-delimited clauses -------------------------------------------------------------


def hidden_words(nlp, text: str, rule: CommaClauses) -> list[str]:
    doc = nlp(text)
    sent = next(doc.sents)
    return [doc[i].text for i in sorted(rule.hidden(sent))]


def test_a_short_terminal_clause_is_dropped(nlp):
    text = "France restored ties with Libya on Monday, a senior official said on Saturday."
    assert hidden_words(nlp, text, CommaClauses()) == "a senior official said on Saturday".split()
    assert hidden_words(nlp, text, CommaClauses(emax=0)) == []  # terminal clauses off
    assert hidden_words(nlp, text, CommaClauses(emin=7)) == []  # six words: shorter than asked


def test_a_long_terminal_clause_is_kept(nlp):
    text = "France restored ties with Libya on Monday, the main official news agency of the country said on Saturday."
    assert hidden_words(nlp, text, CommaClauses()) == []  # eleven words, more than 8


def test_an_internal_clause_is_dropped_but_never_the_main_clause(nlp):
    text = "France, it seems, restored ties with Libya on Monday."
    assert hidden_words(nlp, text, CommaClauses()) == ["it", "seems"]
    assert hidden_words(nlp, text, CommaClauses(max=0)) == []
    # the initial clause is the subject: kept even when initial clauses are dropped
    assert "France" not in hidden_words(nlp, text, CommaClauses(bmin=1, bmax=3))


def test_commas_inside_noun_phrases_are_not_clause_commas(nlp):
    for text in ("France, Iraq and Libya restored ties on Monday.",
                 "Libya, its neighbour, restored ties with France on Monday.",
                 "France restored complete, full ties with Libya on Monday."):
        doc = nlp(text)
        assert not any(clause_comma(t) for t in doc if t.text == ","), text
        assert hidden_words(nlp, text, CommaClauses()) == []


def test_comma_options_are_checked():
    assert CommaClauses.from_options({"comma_emax": "0", "comma_min": "3"}) == CommaClauses(emax=0, min=3)
    with pytest.raises(ValueError, match="comma_max"):
        CommaClauses.from_options({"comma_max": "eight"})
    with pytest.raises(ValueError, match="comma_bmin"):
        CommaClauses(bmin=-1)


# -- options from PETRARCH's config and validation files --------------------------------


def test_petrarch_config_file(tmp_path):
    ini = tmp_path / "config.ini"
    ini.write_text("[Dictionaries]\nverbfile_name = v.txt\n\n[Options]\nrequire_dyad = False  # a comment\n"
                   "comma_emax = 0\nnew_actor_length = 0\n", encoding="utf-8")
    options = read_config(ini)
    assert options["require_dyad"] is False and options["petrarch_rules"] is True
    assert options["comma_clauses"] == CommaClauses(emax=0)
    # PETRARCH's defaults fill what the file leaves out
    assert coding_options({}) == {"require_dyad": True, "comma_clauses": CommaClauses(), "petrarch_rules": True}
    all_off = coding_options({"comma_max": "0", "comma_emax": "0"})
    assert all_off["comma_clauses"] is None
    ini.write_text("[Options]\nrequire_dyad = perhaps\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"config.ini.*require_dyad"):
        read_config(ini)
    ini.write_text("[Dictionaries]\nverbfile_name = v.txt\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"no \[Options\]"):
        read_config(ini)


def test_validation_file_config_lines_apply_to_the_records_after_them(tmp_path):
    xml = tmp_path / "records.xml"
    xml.write_text("""<Validation>
<Environment>
<Config option="require_dyad" value="False"></Config>
</Environment>
<Sentences>
<Sentence date="20200101" id="ONE" category="T">
<EventCoding sourcecode="FRA" targetcode="LBY" eventcode="064"></EventCoding>
<Text>France restored diplomatic ties with Libya.</Text>
</Sentence>
<Config option="comma_emax" value="0"></Config>
<Config option="require_dyad" value="true"></Config>
<Sentence date="20200101" id="TWO" category="T">
<EventCoding sourcecode="FRA" targetcode="LBY" eventcode="064"></EventCoding>
<Text>France restored diplomatic ties with Libya.</Text>
</Sentence>
</Sentences>
</Validation>
""", encoding="utf-8")
    one, two = read_petrarch(xml)
    assert one.options == {"require_dyad": "False"}
    assert two.options == {"require_dyad": "true", "comma_emax": "0"}


# -- the options in the coder -----------------------------------------------------------


def test_require_dyad_drops_events_without_a_target(peer_coder):
    text = "France restored diplomatic ties on Monday."
    assert triples(peer_coder, text) == {("FRA", None, "064")}
    assert triples(peer_coder.with_options(require_dyad=True), text) == set()
    assert triples(peer_coder.with_options(require_dyad=True), "France restored diplomatic ties with Libya.") \
        == {("FRA", "LBY", "064")}
    with pytest.raises(TypeError, match="not a coding option"):
        peer_coder.with_options(model="other")


def test_petrarch_rules_code_the_statement_and_unknown_country_agents(peer_coder):
    text = "France restored diplomatic ties with Libya on Monday, an official said on Saturday."
    # Dyad's conventions: the statement is background, "an official" of no country no actor
    assert triples(peer_coder, text) == {("FRA", "LBY", "064")}
    # PETRARCH's: the statement is coded, by ---GOV, when the clause is kept
    rules = petrarch(peer_coder, require_dyad=False, comma_clauses=None)
    assert triples(rules, text) == {("FRA", "LBY", "064"), ("---GOV", None, "023")}
    # ... and dropped with the terminal clause (PETRARCH's defaults) or for want of a target
    assert triples(petrarch(peer_coder, require_dyad=False), text) == {("FRA", "LBY", "064")}
    assert triples(petrarch(peer_coder, comma_clauses=None), text) == {("FRA", "LBY", "064")}


def test_words_before_the_verb_are_read_in_order(peer_coder):
    rules = petrarch(peer_coder)
    assert triples(rules, "France indicated it would restore ties with Libya.") == {("FRA", "LBY", "036")}
    assert triples(rules, "France heavily criticized Libya.") == {("FRA", "LBY", "112")}
    assert triples(rules, "France criticized Libya heavily.") == {("FRA", "LBY", "111")}


def test_word_chains_must_follow_one_another(peer_coder):
    rules = petrarch(peer_coder)
    assert triples(rules, "France praised Libya with really warm words.") == {("FRA", "LBY", "052")}
    # "very" between the words of the chain: the verb's own code
    assert triples(rules, "France praised Libya with really very warm words.") == {("FRA", "LBY", "051")}


def test_words_before_the_verb_in_a_chain(peer_coder):
    rules = petrarch(peer_coder)
    assert triples(rules, "France recently praised Libya.") == {("FRA", "LBY", "053")}
    # RECENTLY_*: the verb must follow directly
    assert triples(rules, "France recently has praised Libya.") == {("FRA", "LBY", "051")}


def test_before_flag_chains_round_trip():
    p = parse_pattern("907 clash over efforts ; before=most_certainly,not_ever_", "t:1")
    assert [sorted(m)[0] for m in p.head_modifiers] == ["most", "certainly", "not", "ever"]
    assert p.before_adjacent == (False, True, False, True, True)
    assert parse_pattern(format_pattern(p), "t:2").before_adjacent == p.before_adjacent
    assert parse_pattern("112 criticize ; before=heavily", "t:3").before_adjacent == ()
    with pytest.raises(ValueError, match="before="):
        parse_pattern("112 criticize ; before=_heavily", "t:4")


def test_multi_code_actors_and_prefix_agents(peer_coder):
    rules = petrarch(peer_coder)
    assert triples(rules, "Sylvania restored diplomatic ties with Libya.") == {("SYL", "LBY", "064"),
                                                                             ("FRD", "LBY", "064")}
    assert triples(rules, "The French relief agency restored diplomatic ties with Libya.") == {("NGOFRA", "LBY", "064")}


def test_subject_lists_and_agents_of_several_countries(peer_coder):
    rules = petrarch(peer_coder)
    assert triples(rules, "France, the awful Iraq, and Libya restored diplomatic ties with Sylvania.") == {
        ("FRA", "SYL", "064"), ("IRQ", "SYL", "064"), ("LBY", "SYL", "064"),
        ("FRA", "FRD", "064"), ("IRQ", "FRD", "064"), ("LBY", "FRD", "064")}
    assert triples(rules, "Lawmakers and officials in France and Iraq restored diplomatic ties with Libya.") == {
        ("FRALEG", "LBY", "064"), ("FRAGOV", "LBY", "064"), ("IRQLEG", "LBY", "064"), ("IRQGOV", "LBY", "064")}


def test_coordinated_country_words_before_a_noun(peer_coder):
    # "Iraqi and Libyan leaders" (leaders: no agent here): each country
    assert triples(peer_coder, "France restored diplomatic ties with Iraqi and Libyan leaders.") == {
        ("FRA", "IRQ", "064"), ("FRA", "LBY", "064")}


def test_verb_forms_petrarch_does_not_know_code_nothing(peer_coder):
    assert _inflection_of("restores", "restore") and _inflection_of("restoring", "restore")
    assert _inflection_of("studied", "study") and _inflection_of("watches", "watch")
    assert _inflection_of("broke", "break")  # irregular: not spelled as base + suffix
    assert not _inflection_of("restorex", "restore") and not _inflection_of("departes", "depart")
    assert triples(petrarch(peer_coder), "France restorex diplomatic ties with Libya.") == set()


# -- the model: word chains, prefix agents --------------------------------------------------


def test_word_chain_syntax_round_trips():
    p = parse_pattern("052 praise really_warm_words with +", "t:1")
    word, prep, _ = p.items
    assert word.modifiers == (frozenset({"really"}), frozenset({"warm"})) and word.adjacent == (False, True, True)
    assert prep.adjacent == ()
    assert parse_pattern(format_pattern(p), "t:2").items == p.items
    chained = parse_pattern("040 confer on_behalf of +", "t:3")
    assert [i.kind for i in chained.items] == ["prep", "word", "prep", "target"]
    assert chained.items[1].adjacent == (True,)
    with pytest.raises(ValueError, match="bad word chain"):
        parse_pattern("052 praise warm__words", "t:4")


def test_sequence_matching(nlp):
    p = parse_pattern("052 praise really_warm_words", "t:1")
    doc = nlp("France praised Libya with really warm words.")
    assert match_sequence(p, doc[1]) is not None
    doc = nlp("France praised Libya with really very warm words.")
    assert match_sequence(p, doc[1]) is None
    target = parse_pattern("064 restore ties with +", "t:2")
    doc = nlp("France restored ties with the Libyan government.")
    matched = match_sequence(target, doc[1], is_actor=lambda t: t.text in ("Libyan", "government"))
    assert matched[2].text == "government"  # the actor's whole noun phrase


def test_prefix_agents_in_dyad_format(tmp_path):
    peer = tmp_path / "test.agents.txt"
    peer.write_text(AGENTS, encoding="utf-8")
    model = read_agents(peer).model
    assert model.entries["relief agency"].prefix and not model.entries["official"].prefix
    out = tmp_path / "agents.tsv"
    write_agents(model, out)
    assert "NGO~\trelief agency" in out.read_text(encoding="utf-8")
    again = read_agents(out).model
    assert again.entries["relief agency"].prefix and again.entries["relief agency"].sectors == ("NGO",)


def test_no_sentence_break_after_a_word_cut_at_a_hyphen(nlp):
    doc = nlp("Police broke up an anti- government march in the capital on Sunday.")
    assert len(list(doc.sents)) == 1


# -- the command line ----------------------------------------------------------------------


def test_cli_petrarch_options(peer_coder, tmp_path):
    paths = [str(p) for p in (peer_coder.config.actor_dictionaries + peer_coder.config.agent_dictionaries
                              + peer_coder.config.verb_dictionaries)]
    article = tmp_path / "a.txt"
    article.write_text("France restored diplomatic ties on Monday.\n", encoding="utf-8")
    args = ["code", str(article), "--no-store", "-o", "-", "--date", "2020-01-01", "-q"]
    extra = [a for p in paths for a in ("--dictionary", p)]
    runner = CliRunner()
    plain = runner.invoke(main, args + extra, catch_exceptions=False)
    assert plain.exit_code == 0 and '"cameo": "064"' in plain.output
    strict = runner.invoke(main, args + extra + ["--petrarch"], catch_exceptions=False)
    assert strict.exit_code == 0 and '"cameo"' not in strict.output  # require_dyad: no target, no event
    ini = tmp_path / "config.ini"
    ini.write_text("[Options]\nrequire_dyad = false\n", encoding="utf-8")
    loose = runner.invoke(main, args + extra + ["--petrarch-config", str(ini)], catch_exceptions=False)
    assert loose.exit_code == 0 and '"cameo": "064"' in loose.output
    ini.write_text("[Options]\ncomma_max = many\n", encoding="utf-8")
    bad = runner.invoke(main, args + extra + ["--petrarch-config", str(ini)])
    assert bad.exit_code == 2 and "comma_max" in bad.output


def test_defaults_are_dyads(coder):
    config = coder.config
    assert config.require_dyad is False and config.comma_clauses is None and config.petrarch_rules is False
    assert coder.events.petrarch is False


def test_converted_dictionaries_code_as_the_originals(peer_coder, nlp, tmp_path):
    cfg = peer_coder.config
    actors, agents, verbs = tmp_path / "actors.tsv", tmp_path / "agents.tsv", tmp_path / "verbs.txt"
    write_actors(read_actors(cfg.actor_dictionaries[0]).model, actors)
    write_agents(read_agents(cfg.agent_dictionaries[0]).model, agents)
    write_verbs(read_verbs(cfg.verb_dictionaries[0], None).patterns, verbs)
    converted = Coder(CoderConfig(actor_dictionaries=[actors], agent_dictionaries=[agents],
                                  pattern_files=[(verbs, False)]), nlp=nlp)
    sentences = ["France restored diplomatic ties with Libya on Monday, an official said on Saturday.",
                 "France praised Libya with really warm words.", "France recently praised Libya.",
                 "France criticized Libya over efforts to end the war.",
                 "Sylvania restored diplomatic ties with the French relief agency."]
    for text in sentences:
        assert triples(converted, text) == triples(peer_coder, text), text
        assert triples(petrarch(converted), text) == triples(petrarch(peer_coder), text), text
    assert triples(converted, "France criticized Libya over efforts to end the war.") == {("FRA", "LBY", "913")}


def test_dict_check_lists_codes_outside_cameo_but_keeps_them(tmp_path):
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("913 criticize over_efforts ; phrase\n111 criticize +\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["dict", "check", str(verbs)])
    assert out.exit_code == 0, out.output
    assert "2 entries read, 0 lines rejected" in out.output
    assert "1 patterns with 1 codes outside Dyad's CAMEO table" in out.output and "913" in out.output
