"""The scorers on small hand-made gold/prediction pairs whose scores are worked out by hand.

Events are built directly as `Event` records (no coder runs here); sentences are written by
the team for these tests.
"""

from __future__ import annotations

import pytest

from dyad.evaluation.ceiling import agreement, credit, majority, pentaclass_of_root, score_multicoder
from dyad.evaluation.readers import GoldActor, GoldItem, MultiCoderItem, detokenize
from dyad.evaluation.scoring import (
    actor_key,
    gold_key,
    locate,
    prf,
    score_events,
    score_pentaclass,
    score_plover,
    score_spans,
)
from dyad.ontology import default_ontology
from dyad.records import Actor, Event

ONTO = default_ontology()
COUNTRIES = {"IRN", "IRQ", "FRA", "DEU", "USA", "JPN", "GBR", "RUS", "TUR", "SYR", "EGY", "ISR"}


def actor(code: str | None, text: str | None = None) -> Actor | None:
    if code is None:
        return None
    country = code[:3] if code[:3] in COUNTRIES else None
    return Actor(code=code, country=country, sectors=tuple(code[i:i + 3] for i in range(3, len(code), 3)),
                 name=code, text=code if text is None else text)


def ev(source: str | None, target: str | None, cameo: str, src_text: str | None = None, tgt_text: str | None = None,
       rule: str = "test.txt:1") -> Event:
    c = ONTO.get(cameo)
    return Event(event_id=f"{source}-{target}-{cameo}", article_id="a", sentence_index=0, sentence="s",
                 date="2020-01-01", published="2020-01-01", source=actor(source, src_text),
                 target=actor(target, tgt_text), cameo=cameo, root=cameo[:2], quad_class=c.quad_class,
                 goldstein=c.goldstein, plover_type=c.plover_type, plover_mode=c.plover_mode, rule=rule)


def gold(gid: str, *events: tuple[str, str | None, str], text: str = "a sentence") -> GoldItem:
    return GoldItem(id=gid, text=text, events=list(events))


# -- prf -----------------------------------------------------------------------------------

def test_prf_known_values_and_zero_cases():
    assert prf(2, 1, 2) == pytest.approx({"tp": 2, "fp": 1, "fn": 2, "precision": 2 / 3, "recall": 0.5,
                                          "f1": 2 * (2 / 3) * 0.5 / (2 / 3 + 0.5)})
    assert prf(0, 0, 0)["f1"] == 0.0
    assert prf(0, 3, 0)["precision"] == 0.0 and prf(0, 0, 3)["recall"] == 0.0


# -- event-level scores --------------------------------------------------------------------

def test_perfect_match():
    items = [gold("g1", ("IRNGOV", "IRQ", "190"))]
    r = score_events(items, {"g1": [ev("IRNGOV", "IRQ", "190")]})
    assert (r["root"]["tp"], r["root"]["fp"], r["root"]["fn"]) == (1, 0, 0)
    assert r["root"]["f1"] == 1.0 and r["code"]["f1"] == 1.0
    assert r["errors"] == []


def test_duplicates_count_once_on_both_sides():
    # the gold lists the same event twice, the coder produces it twice: one true positive
    items = [gold("g1", ("IRN", "IRQ", "190"), ("IRN", "IRQ", "190"))]
    r = score_events(items, {"g1": [ev("IRN", "IRQ", "190"), ev("IRN", "IRQ", "190")]})
    assert (r["root"]["tp"], r["root"]["fp"], r["root"]["fn"]) == (1, 0, 0)
    assert (r["code"]["tp"], r["code"]["fp"], r["code"]["fn"]) == (1, 0, 0)


def test_events_that_collapse_at_root_level():
    # two predicted events with different codes and sectors are one (IRN, IRQ, 19) triple;
    # at code level one is right and one is a false positive
    items = [gold("g1", ("IRNMIL", "IRQ", "190"))]
    r = score_events(items, {"g1": [ev("IRNMIL", "IRQ", "190"), ev("IRNGOV", "IRQ", "193")]})
    assert (r["root"]["tp"], r["root"]["fp"], r["root"]["fn"]) == (1, 0, 0)
    assert (r["code"]["tp"], r["code"]["fp"], r["code"]["fn"]) == (1, 1, 0)
    assert r["code"]["precision"] == 0.5 and r["code"]["recall"] == 1.0


def test_missing_target_must_be_missing():
    items = [gold("g1", ("TUR", None, "141"))]
    with_target = score_events(items, {"g1": [ev("TUR", "SYR", "141")]})
    assert (with_target["root"]["tp"], with_target["root"]["fp"], with_target["root"]["fn"]) == (0, 1, 1)
    without = score_events(items, {"g1": [ev("TUR", None, "141")]})
    assert without["root"]["f1"] == 1.0
    # and a gold target the coder leaves out is a miss
    items = [gold("g2", ("TUR", "SYR", "141"))]
    r = score_events(items, {"g2": [ev("TUR", None, "141")]})
    assert (r["root"]["tp"], r["root"]["fp"], r["root"]["fn"]) == (0, 1, 1)


def test_reciprocal_pair_half_found():
    items = [gold("g1", ("FRA", "DEU", "046"), ("DEU", "FRA", "046"))]
    r = score_events(items, {"g1": [ev("FRAGOV", "DEUGOV", "046")]})
    assert (r["root"]["tp"], r["root"]["fp"], r["root"]["fn"]) == (1, 0, 1)
    assert r["root"]["precision"] == 1.0 and r["root"]["recall"] == 0.5
    assert r["root"]["f1"] == pytest.approx(2 / 3)
    # code level: sectors differ from the gold's bare countries
    assert (r["code"]["tp"], r["code"]["fp"], r["code"]["fn"]) == (0, 1, 2)


def test_reversed_direction_is_wrong():
    items = [gold("g1", ("ISR", "EGY", "0841"))]
    r = score_events(items, {"g1": [ev("EGY", "ISR", "0841")]})
    assert (r["root"]["tp"], r["root"]["fp"], r["root"]["fn"]) == (0, 1, 1)


def test_country_level_vs_code_level():
    items = [gold("g1", ("IRNGOV", "IRQ", "1123"))]
    r = score_events(items, {"g1": [ev("IRN", "IRQ", "112")]})
    assert r["root"]["tp"] == 1
    assert (r["code"]["tp"], r["code"]["fp"], r["code"]["fn"]) == (0, 1, 1)


def test_legacy_and_international_gold_codes():
    assert gold_key("JAPGOV") == "JPN" and gold_key("IGOUNO") == "IGO" and gold_key("---REB") == "---"
    assert actor_key(Actor(code="IGOUNO", country=None)) == "IGO"
    assert actor_key(Actor(code="REB", country=None)) == "---"
    items = [gold("g1", ("JAP", "IGOUNO", "043"))]
    r = score_events(items, {"g1": [ev("JPNGOV", "IGOUNOWHO", "043")]})
    assert r["root"]["tp"] == 1


def test_totals_over_several_sentences_and_no_event_sentences():
    items = [
        gold("g1", ("FRA", "DEU", "046"), ("DEU", "FRA", "046")),  # one of two found
        gold("g2", ("RUS", "GBR", "111")),  # found, plus one extra event
        gold("g3", ("USA", "IRN", "163")),  # missed: nothing coded
        gold("g4"),  # no event, coder stays quiet
        gold("g5"),  # no event, coder codes one: a false event
    ]
    preds = {
        "g1": [ev("FRA", "DEU", "046")],
        "g2": [ev("RUS", "GBR", "111"), ev("RUS", "GBR", "130")],
        "g5": [ev("EGY", None, "010")],
    }
    r = score_events(items, preds)
    root = r["root"]
    assert (root["tp"], root["fp"], root["fn"]) == (2, 2, 2)
    assert root["precision"] == 0.5 and root["recall"] == 0.5 and root["f1"] == 0.5
    assert r["no_event_sentences"] == 2 and r["false_events"] == 1 and r["false_event_rate"] == 0.5
    assert r["coverage"] == pytest.approx(2 / 3)  # g1, g2 of the three with events
    # per-root table
    assert r["per_root"]["04"] == pytest.approx({"gold": 2, "predicted": 1, "tp": 1, "recall": 0.5, "precision": 1.0,
                                                 "f1": 2 / 3})
    assert r["per_root"]["13"]["predicted"] == 1 and r["per_root"]["13"]["gold"] == 0
    assert r["per_root"]["16"] == pytest.approx({"gold": 1, "predicted": 0, "tp": 0, "recall": 0.0, "precision": 0.0,
                                                 "f1": 0.0})
    # sentence roots: g1 04/04, g2 11/11, g3 16/none, g4 none/none, g5 none/01
    assert r["confusion"] == {"04": {"04": 1}, "11": {"11": 1}, "16": {"none": 1}, "none": {"01": 1, "none": 1}}
    assert r["root_accuracy"] == pytest.approx(2 / 3)
    # errors: every sentence whose root triples differ, in gold order, with the rule
    assert [e["id"] for e in r["errors"]] == ["g1", "g2", "g3", "g5"]
    g2 = r["errors"][1]
    assert g2["extra"] == [["RUS", "GBR", "13"]] and g2["missed"] == []
    assert g2["predicted"][1]["rule"] == "test.txt:1"


def test_root_accuracy_takes_any_gold_root():
    items = [gold("g1", ("FRA", "DEU", "046"), ("FRA", "DEU", "057"))]
    r = score_events(items, {"g1": [ev("FRA", "DEU", "057")]})
    assert r["root_accuracy"] == 1.0 and r["confusion"] == {"05": {"05": 1}}


# -- PLOVER gold records -------------------------------------------------------------------

def plover_item(pid: str, ptype: str, sources: list[str], targets: list[str]) -> GoldItem:
    return GoldItem(id=pid, text="a sentence", plover_type=ptype,
                    sources=[GoldActor(c) for c in sources], targets=[GoldActor(c) for c in targets])


def test_plover_type_and_actors():
    items = [
        plover_item("p1", "ASSAULT", ["IRN"], ["IRQ"]),  # right
        plover_item("p2", "PROTEST", ["FRA"], []),  # right type, but a target where the gold has none
        plover_item("p3", "CONSULT", ["IGO"], ["SYR"]),  # right: IGOUNO matches IGO
        plover_item("p4", "THREATEN", ["USA"], ["RUS"]),  # nothing coded
    ]
    preds = {
        "p1": [ev("IRN", None, "010"), ev("IRNMIL", "IRQ", "190")],
        "p2": [ev("FRACVL", "FRAGOV", "141")],
        "p3": [ev("IGOUNO", "SYRGOV", "040")],
    }
    r = score_plover(items, preds)
    assert r["accuracy"] == 0.5 and r["type_accuracy"] == 0.75 and r["coverage"] == 0.75
    assert r["per_type"]["PROTEST"] == {"n": 1, "accuracy": 0.0, "type_accuracy": 1.0}
    # p1's first event is a statement, but an event of the gold type exists: on the diagonal
    assert r["confusion"] == {"ASSAULT": {"ASSAULT": 1}, "CONSULT": {"CONSULT": 1}, "PROTEST": {"PROTEST": 1},
                              "THREATEN": {"none": 1}}
    assert [e["id"] for e in r["errors"]] == ["p2", "p4"]


# -- 5-class -------------------------------------------------------------------------------

def test_pentaclass_first_event_and_no_event():
    items = [GoldItem(id=f"c{k}", text="a sentence", pentaclass=label) for k, label in enumerate([4, 3, 0, 1, 3])]
    preds = {
        "c0": [ev("IRN", "IRQ", "190"), ev("IRN", "IRQ", "111")],  # first event 19 → 4: right
        "c1": [ev("IRN", "IRQ", "190"), ev("IRN", "IRQ", "111")],  # first event 19 → 4: wrong (gold 3)
        "c2": [ev("FRA", None, "010")],  # 0: right
        # c3: no event: wrong
        "c4": [ev("USA", "RUS", "1663")],  # 16 → 4 (wrong), 3 in the annotation tool's scheme
    }
    r = score_pentaclass(items, preds, ONTO)
    assert r["accuracy"] == pytest.approx(2 / 5) and r["coverage"] == pytest.approx(4 / 5)
    assert r["accuracy_16_as_verbal_conflict"] == pytest.approx(3 / 5) and r["first_event_root_16"] == 1
    assert r["confusion"] == {"0": {"0": 1}, "1": {"none": 1}, "3": {"4": 2}, "4": {"4": 1}}
    assert r["per_class"]["3"] == {"n": 2, "accuracy": 0.0, "predicted": 0}
    assert r["per_class"]["4"]["predicted"] == 3
    assert [e["id"] for e in r["errors"]] == ["c1", "c3", "c4"]


# -- spans ---------------------------------------------------------------------------------

def span_item(sid: str, tagged: str) -> GoldItem:
    """'Jordan/B-R and/I-R Britain/I-R agreed ...': tokens with tags (untagged = O)."""
    tokens, tags = [], []
    for word in tagged.split():
        tok, _, tag = word.partition("/")
        tokens.append(tok)
        tags.append(tag or "O")
    text, offsets = detokenize(tokens)
    return GoldItem(id=sid, text=text, tokens=tokens, tags=tags, offsets=offsets)


def test_detokenize_offsets_point_at_the_tokens():
    text, offsets = detokenize(["The", "talks", "(", "in", "Oslo", ")", "ended", "20", ",", "000", "tons", "."])
    assert text == "The talks (in Oslo) ended 20,000 tons."
    assert [text[s:e] for s, e in offsets][3:6] == ["in", "Oslo", ")"]


def test_locate_is_lenient_about_spaces_and_gaps():
    item = span_item("x", "Senior Hungarian and Romanian officials met in a Damascus - based office .")
    assert item.text == "Senior Hungarian and Romanian officials met in a Damascus-based office."
    assert locate(item.text, item.offsets, "Damascus - based office") == (8, 12)
    assert locate(item.text, item.offsets, "romanian officials") == (3, 5)
    assert locate(item.text, item.offsets, "Senior Hungarian officials") == (0, 5)
    assert locate(item.text, item.offsets, "") is None
    assert locate(item.text, item.offsets, "Portugal") is None


def test_span_scores_by_hand():
    items = [
        # source found exactly, target found partly (1 of 3 tokens)
        span_item("s1", "The/B-S Turkish/I-S army/I-S shelled the/B-T Kurdish/I-T militia/I-T ."),
        # reciprocal span: both of the coder's actors fall inside it
        span_item("s2", "Jordan/B-R and/I-R Britain/I-R held joint exercises ."),
        # nothing coded
        span_item("s3", "Chile/B-S recalled/O its/O envoy/O from/O Peru/B-T ."),
        # wrong source, and an implicit target with no words
        span_item("s4", "Police/B-S arrested/O Greek/B-T protesters/I-T in/O Athens/O ."),
    ]
    preds = {
        "s1": [ev("TURMIL", "TURREB", "195", "The Turkish army", "militia")],
        "s2": [ev("JOR", "GBR", "062", "Jordan", "Britain"), ev("GBR", "JOR", "062", "Britain", "Jordan")],
        "s4": [ev("GRCCVL", "GRC", "173", "Athens", "")],
    }
    r = score_spans(items, preds)
    # gold spans: source S×3 + R = 4 ; target T×3 + R = 4
    # predicted source spans: s1 1, s2 2 (Jordan, Britain), s4 1 = 4; right: s1, s2×2 = 3
    # gold source spans found: s1, s2 = 2 of 4
    assert r["span_source"]["predicted"] == 4 and r["span_source"]["predicted_right"] == 3
    assert r["span_source"]["gold"] == 4 and r["span_source"]["gold_found"] == 2
    assert r["span_source"]["precision"] == 0.75 and r["span_source"]["recall"] == 0.5
    # predicted target spans: s1 1, s2 2, s4 1 (no words: cannot be located) = 4; right 3
    assert r["span_target"]["predicted"] == 4 and r["span_target"]["unlocated"] == 1
    assert r["span_target"]["precision"] == 0.75 and r["span_target"]["recall"] == 0.5
    assert r["span"]["precision"] == 0.75 and r["span"]["recall"] == 0.5 and r["span"]["f1"] == pytest.approx(0.6)
    # tokens. source gold: s1 3, s2 3, s3 1, s4 1 = 8; predicted: s1 3, s2 {0,2}, s4 {Athens} = 6; tp 5
    assert (r["token_source"]["tp"], r["token_source"]["fp"], r["token_source"]["fn"]) == (5, 1, 3)
    # target gold: s1 3, s2 3, s3 1, s4 2 = 9; predicted: s1 {militia}, s2 {0,2}; tp 3
    assert (r["token_target"]["tp"], r["token_target"]["fp"], r["token_target"]["fn"]) == (3, 0, 6)
    assert (r["token"]["tp"], r["token"]["fp"], r["token"]["fn"]) == (8, 1, 9)
    # sentences whose source and target both overlap the gold: s1, s2
    assert r["dyad_overlap"] == 0.5 and r["coverage"] == 0.75
    assert [e["id"] for e in r["errors"]] == ["s3", "s4"]
    assert r["errors"][1]["gold"]["target"] == ["Greek protesters"]


def test_span_sentence_without_gold_target_needs_no_target():
    items = [span_item("s1", "Farmers/B-S protested/O in/O Lyon/O .")]
    assert score_spans(items, {"s1": [ev("FRACVL", None, "141", "Farmers")]})["dyad_overlap"] == 1.0
    assert score_spans(items, {"s1": [ev("FRACVL", "FRAGOV", "141", "Farmers", "Lyon")]})["dyad_overlap"] == 0.0


# -- human ceiling -------------------------------------------------------------------------

def mc(mid: str, **coders: list[str]) -> MultiCoderItem:
    return MultiCoderItem(id=mid, text=f"sentence {mid}", round="round_1", coders=dict(coders))


def test_majority_and_tie_credit():
    assert majority(["19", "18", "19"]) == ["19"]
    assert majority(["19", "18"]) == ["18", "19"]
    assert majority([]) == []
    assert credit("19", ["19"]) == 1.0 and credit("19", ["18", "19"]) == 0.5 and credit(None, ["19"]) == 0.0


def test_pentaclass_of_root():
    assert [pentaclass_of_root(f"{r:02d}") for r in range(1, 21)] == [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3,
                                                                      4, 4, 4, 4, 4, 4, 4]


def test_agreement_by_hand():
    items = [
        mc("m1", a=["19", "01"], b=["19"], c=["18"]),  # labels 19 19 18
        mc("m2", a=["04"], b=["03"]),  # a tie
        mc("m3", a=["11"], b=[], c=[]),  # one coder coded: not counted
        mc("m4", a=[], b=[]),  # nobody coded
    ]
    r = agreement(items, kind="root")
    assert r["sentences"] == 2 and r["coder_labels"] == 5
    # with the coder in the majority: m1 2 of 3, m2 1 of 2 → 3/5
    assert r["majority_agreement"] == pytest.approx(3 / 5)
    # leave-one-out: m1 a vs {19,18} tie → .5, b .5, c vs {19,19} → 0; m2 a vs {03} → 0, b → 0
    assert r["leave_one_out"] == pytest.approx(1 / 5)
    assert r["unanimous"] == 0.0
    # 5-class: m1 4 4 4 (unanimous), m2 1 1
    p = agreement(items, kind="pentaclass")
    assert p["majority_agreement"] == 1.0 and p["leave_one_out"] == 1.0 and p["unanimous"] == 1.0


def test_dyad_against_the_same_panels():
    items = [mc("m1", a=["19"], b=["19"], c=["18"]), mc("m2", a=["04"], b=["03"]), mc("m3", a=[], b=[])]
    preds = {"m1": [ev("IRN", "IRQ", "190")], "m2": [ev("FRA", "DEU", "040")], "m3": [ev("FRA", None, "010")]}
    r = agreement(items, preds, "root")
    # m1 panels: {19,18} .5, {19,18} .5, {19,19} 1 → 2; m2 panels: {03} 0, {04} 1 → 1; 3 of 5
    assert r["dyad_leave_one_out"] == pytest.approx(3 / 5)
    # full majority: m1 19 → 1; m2 tie {03,04} → .5; over 2 sentences
    assert r["dyad_majority"] == pytest.approx(0.75)
    s = score_multicoder(items, preds)
    assert s["coded_sentences"] == 2 and s["uncoded_sentences"] == 1
    assert s["false_events"] == 1 and s["false_event_rate"] == 1.0 and s["coverage"] == 1.0
    # a predicted root among tied majority roots sits on the diagonal
    assert s["confusion"] == {"04": {"04": 1}, "19": {"19": 1}}
    assert s["errors"] == []


def test_error_classes_pair_each_miss_with_one_near_extra():
    from dyad.evaluation.readers import GoldItem
    from dyad.evaluation.scoring import error_classes

    def ev(src, tgt, code):
        from dyad.records import Actor, Event
        a = lambda c: Actor(code=c, country=c[:3]) if c else None  # noqa: E731
        return Event(event_id=f"{src}{tgt}{code}", article_id="x", sentence_index=0, sentence="", date="2020-01-01",
                     published=None, source=a(src), target=a(tgt), cameo=code, root=code[:2], quad_class=1,
                     goldstein=0.0, plover_type=None, plover_mode=None, rule="t")

    items = [
        GoldItem(id="a", text="", events=[("IRN", "IRQ", "042"), ("USA", "CHN", "111")]),  # one wrong target, one wrong root
        GoldItem(id="b", text="", events=[("FRA", "DEU", "057")]),  # nothing coded
        GoldItem(id="c", text="", events=[]),  # a spurious event
        GoldItem(id="d", text="", events=[("GBR", "ARG", "190")]),  # wrong source, plus an unrelated extra
    ]
    predictions = {
        "a": [ev("IRN", "SYR", "042"), ev("USA", "CHN", "120")],
        "c": [ev("ESP", None, "010")],
        "d": [ev("USA", "ARG", "190"), ev("JPN", "KOR", "046")],
    }
    got = error_classes(items, predictions)
    assert got == {"missed_sentence": 1, "wrong_target": 1, "wrong_root": 1, "wrong_source": 1,
                   "other_missed": 0, "spurious_sentence": 1, "other_extra": 1}
