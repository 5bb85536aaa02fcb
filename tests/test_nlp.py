"""Parsing helpers: paragraph splitting and truecasing of all-capital text."""

from dyad.nlp import MAX_CHUNK, Truecaser, paragraphs


def test_paragraphs_split_on_blank_lines_and_join_wrapped_lines():
    text = "First line\ncontinues here.\n\nSecond paragraph.\n\n\n"
    assert list(paragraphs(text)) == ["First line continues here.", "Second paragraph."]


def test_long_paragraphs_are_cut_at_sentence_ends():
    sentence = "Iran and Iraq held talks on security cooperation in Baghdad on Monday. "
    text = sentence * (2 * MAX_CHUNK // len(sentence) + 5)
    parts = list(paragraphs(text))
    assert len(parts) >= 3
    assert all(len(p) <= MAX_CHUNK for p in parts)
    assert all(p.endswith(".") for p in parts[:-1])
    assert sum(len(p) for p in parts) >= len(text.strip()) - len(parts)


def test_truecaser_restores_names_and_sentence_starts(nlp):
    tc = Truecaser.from_phrases(always=["Iraq", "Kuwait", "United States", "U.S.", "Soviet"],
                                unless_common=["Kabul", "Human Rights Watch", "NATO"], nlp=nlp)
    caps = "IRAQ SAID SATURDAY IT WOULD INSIST ON ITS RIGHTS IN KUWAIT. THE U.S. AND NATO MET IN KABUL."
    out = tc(caps)
    assert out == "Iraq said Saturday it would insist on its rights in Kuwait. The U.S. and NATO met in Kabul."
    assert len(out) == len(caps)  # offsets into the original text stay valid


def test_truecaser_leaves_mixed_case_text_alone(nlp):
    tc = Truecaser.from_phrases(always=["Iraq"], unless_common=[], nlp=nlp)
    text = "IRAQ and the U.N. held talks in Baghdad."
    assert tc(text) == text
