"""The pattern file format: parsing, validation, specificity."""

from pathlib import Path

import pytest

from dyad.ontology import default_ontology
from dyad.patterns import PatternError, load_patterns, parse_pattern

ONTO = default_ontology()


def parse(line, noun=False):
    return parse_pattern(line, "test:1", ONTO, noun=noun)


def test_verb_pattern_items():
    p = parse("046  hold peace talks with +   ; sym")
    assert p.code == "046" and p.heads == {"hold"}
    kinds = [i.kind for i in p.items]
    assert kinds == ["word", "prep", "target"]
    talks = p.items[0]
    assert talks.lemmas == {"talks"} and talks.modifiers == (frozenset({"peace"}),)
    assert p.items[2].attach == 1  # the target hangs on "with"
    assert p.reverse_code == "046" and "sym" in p.flags


def test_alternatives_and_source_slot():
    p = parse("070  receive aid|assistance from $")
    assert p.items[0].lemmas == {"aid", "assistance"}
    assert p.source_item == 2 and p.target_item is None


def test_noun_pattern_head_is_after_its_modifiers():
    p = parse("062  defense|military cooperation with + ; sym", noun=True)
    assert p.heads == {"cooperation"}
    assert p.head_modifiers == (frozenset({"defense", "military"}),)
    assert [i.kind for i in p.items] == ["prep", "target"]


def test_frames_and_reverse_codes():
    assert parse("030  vow ; frame=intent").frame == "intent"
    p = parse("042  visit + ; rev=043")
    assert p.reverse_code == "043" and "sym" not in p.flags
    assert parse("010  say ; say").frame == "say"


def test_more_specific_pattern_scores_higher():
    general = parse("190  attack +")
    specific = parse("195  attack + with aircraft")
    assert specific.specificity > general.specificity


def test_comments_and_blank_lines():
    assert parse("   # just a comment") is None
    assert parse("") is None
    assert parse("042 visit +   # a comment after the pattern").code == "042"


@pytest.mark.parametrize("line, reason", [
    ("9999 attack +", "unknown CAMEO code"),
    ("19x attack", "bad CAMEO code"),
    ("190", "expected a CODE and a HEAD"),
    ("190 attack + +", "more than one target"),
    ("190 attack ; frame=wish", "unknown frame"),
    ("190 attack ; loud", "unknown flag"),
    ("= hold ; sym", "codes no event of its own"),
    ("042 visit + ; rev=99", "bad reverse code"),
])
def test_malformed_lines_are_rejected_with_a_reason(line, reason):
    with pytest.raises(PatternError, match=reason):
        parse(line)


def test_loader_reports_bad_lines_with_file_and_line(tmp_path: Path):
    verbs = tmp_path / "verbs"
    verbs.mkdir()
    (tmp_path / "nouns").mkdir()
    (verbs / "a.txt").write_text("042 visit +\n190 attack + +\n# fine\n046 negotiate with + ; sym\n", encoding="utf-8")
    (tmp_path / "nouns" / "n.txt").write_text("046 talks ; sym\n", encoding="utf-8")
    (tmp_path / "frames.tsv").write_text("intent 04 036\nintent bad\n", encoding="utf-8")
    pset = load_patterns(tmp_path, ONTO)
    assert set(pset.verbs) == {"visit", "negotiate"}
    assert set(pset.nouns) == {"talks"}
    assert any(p.endswith("a.txt:2: more than one target slot ('+' or '@')") for p in pset.problems)
    assert any("frames.tsv:2" in p for p in pset.problems)
    assert pset.frame_code("intent", "042") == "036"
    assert pset.frame_code("intent", "190") is None


def test_builtin_patterns_load_cleanly_and_cover_the_ontology():
    pset = load_patterns(Path(__file__).parent.parent / "src" / "dyad" / "data" / "patterns", ONTO)
    assert pset.problems == []
    patterns = pset.all_patterns()
    codes = {p.code for p in patterns if p.code not in ("=", "-")}  # light verbs, non-event uses
    roots = {c[:2] for c in codes}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    assert len(codes) >= 150
    assert len(patterns) >= 1000
    # every frame result is a real CAMEO code
    for frame, table in pset.frames.items():
        for result in table.values():
            assert result == "=" or result in ONTO.codes, (frame, result)
