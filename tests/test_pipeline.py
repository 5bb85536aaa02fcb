"""The whole coder with Dyad's built-in dictionaries, on a wire story the team wrote in the
shape of the reference article (headline, byline, dateline, boilerplate)."""

from datetime import date

import pytest

from dyad.ingest import read_inputs
from dyad.records import Article

STORY = """Egypt, Sudan vow to expand military co-op

By MENA,

Cairo : Egypt and Sudan vowed Sunday to expand their military cooperation, Egypt's official MENA news agency reported.

Share this story

Sudanese Defence Minister Awad Ibn Auf and his Egyptian counterpart held talks in Cairo on border security.

Ibn Auf said Sudan would support the Egyptian army in securing the border.

Ibn Auf later criticized Ethiopia over its dam on the Nile.

The United States has urged Khartoum to release political prisoners.

SUPPORT INDEPENDENT NEWS. DONATE HERE
"""


@pytest.fixture(scope="module")
def result(coder, tmp_path_factory):
    path = tmp_path_factory.mktemp("story") / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    [article] = [a for a in read_inputs([str(path)], default_date=date(2019, 3, 4)) if isinstance(a, Article)]
    return next(coder.code_articles([article]))


def triples(result, index=None):
    return {(e.source.country, e.target.country if e.target else None, e.cameo)
            for e in result.events if index is None or e.sentence_index == index}


def test_headline_byline_dateline_and_boilerplate_are_not_coded(result):
    article = result.article
    assert article.title == "Egypt, Sudan vow to expand military co-op"
    assert article.dateline == "Cairo"
    texts = [s.text for s in result.sentences]
    assert texts[0].startswith("Egypt and Sudan vowed Sunday")
    assert not any("DONATE" in t or "Share this" in t or "By MENA" in t for t in texts)
    assert all(e.sentence_index < len(texts) for e in result.events)


def test_the_lead_is_an_intent_to_cooperate_militarily_dated_to_the_sunday(result):
    lead = [e for e in result.events if e.sentence_index == 0]
    assert {(e.source.country, e.target.country, e.cameo) for e in lead} == {("EGY", "SDN", "0312"), ("SDN", "EGY", "0312")}
    for e in lead:
        assert (e.date, e.date_precision, e.published) == ("2019-03-03", "day", "2019-03-04")
        assert e.plover_type == "AGREE" and e.quad_class == 1 and e.goldstein == 5.2
        assert e.attribution == "MENA"
        assert e.location is not None and e.location.name == "Cairo" and e.location.country == "EGY"


def test_talks_between_the_ministers_are_symmetric(result):
    got = {(e.source.code, e.target.code, e.cameo) for e in result.events if e.sentence_index == 1}
    assert {("SDNGOV", "EGYGOV", "046"), ("EGYGOV", "SDNGOV", "046")} <= got


def test_reported_speech_with_would_is_an_intent_of_the_reported_subject(result):
    events = [e for e in result.events if e.sentence_index == 2]
    assert any(e.source.code == "SDN" and e.target and e.target.code == "EGYMIL" and e.cameo.startswith("03")
               for e in events)


def test_an_appeal_to_a_capital(result):
    assert ("USA", "SDN", "0253") in triples(result, 4)


def test_a_name_introduced_with_a_role_keeps_it(result):
    assert ("SDNGOV", "ETH") in {(e.source.code, e.target.code if e.target else None)
                                 for e in result.events if e.sentence_index == 3 and e.root == "11"}


def test_an_agent_of_several_countries_is_each_countrys_agent(coder):
    def sources(text):
        return {e.source.code for e in coder.code_text(text)}

    assert sources("Lawmakers in France and Germany criticized the plan.") == {"FRALEG", "DEULEG"}
    assert sources("The ambassadors of Britain, France and Germany met the Iranian president.") \
        >= {"GBRGOV", "FRAGOV", "DEUGOV"}
    # one country: one actor
    assert sources("Lawmakers in France criticized the plan.") == {"FRALEG"}


def test_a_phrase_that_refers_back_to_itself_does_not_loop(coder):
    # "part of their wheat": "their" looks for the nearest group before it, which is the
    # phrase "part of their wheat" itself; resolving it must end (it once recursed forever)
    events = coder.code_text("Farmers have sold a good part of their wheat held on consignment.")
    assert all(e.source is not None for e in events)
    assert coder.code_text("Iran and Iraq visited Kuwait as part of their tour.")  # "their" → Iran and Iraq
