"""Patterns and engine rules for constructions of wire and newspaper prose: fighting on both
sides when an attack is repelled, troops poured or moved into a place, approval ("happy
with"), a meeting named in the setting of a clause ("Following talks with X, Y said"),
numbers heading an object ("withdrew four of its diplomats"), causative verbs ("led the
minister to threaten"), weapons as passive agents ("killed by a Turkish airstrike"),
military strikes told from labour strikes, and the spellings of an actor ("ISIS", "Isis").

Each case is a sentence written for this test and the event a careful CAMEO coder would give
it: (source actor prefix, target actor prefix or None for "any", CAMEO code or code prefix).
"""

from __future__ import annotations

from datetime import date

import pytest


DAY = date(2021, 5, 10)


from patterncheck import checker, has as _has, show as _show  # noqa: E402,F401

check, check_not, _events = checker(DAY)


CASES = [
    # repelling an attack: both sides fought
    ("Iraq said its troops repelled an Iranian attack near Basra.", "IRQ", "IRN", "190"),
    ("Iraq said its troops repelled an Iranian attack near Basra.", "IRN", "IRQ", "190"),
    ("Iran said its forces repulsed heavy Iraqi counter-attacks in the north.", "IRQ", "IRN", "190"),
    # troops poured or moved into a place
    ("Turkey poured its forces into northwest Syria.", "TUR", "SYR", "154"),
    ("The Pentagon moved a dozen warships into the Arabian Sea.", "USA", None, "154"),
    # destroying property with explosives
    ("Colombian rebels dynamited two electricity towers.", "COLREB", None, "1712"),
    # repression of protesters, whichever spelling
    ("Chinese troops opened fire on protestors in Beijing.", "CHNMIL", "CHNCVL", "175"),
    # approval
    ("The Thai government is pleased with Japan's decision.", "THAGOV", "JPN", "051"),
    ("The Philippine finance minister said he was very happy with the support of the Asian Development Bank.",
     "PHLGOV", "IGOADB", "051"),
    # a meeting named in the setting of the clause
    ("In separate talks with Japanese Finance Minister Taro Aso, the U.S. delegation urged Japan to open its markets.",
     "USA", "JPN", "046"),
    ("Following his talks with Putin in Moscow, Erdogan said the two countries had begun work on a trade deal.",
     "TURGOV", "RUSGOV", "046"),
    ("Following his talks with Putin in Moscow, Erdogan said the two countries had begun work on a trade deal.",
     "RUSGOV", "TURGOV", "046"),
    # a number or quantity heading the object
    ("Britain withdrew four of its diplomats from Tehran.", "GBR", "IRN", "161"),
    # causatives pass their object to the complement
    ("The law led the Prime Minister of Serbia to threaten to use troops.", "SRBGOV", None, "13"),
    ("The attacks prompted Iran to recall its ambassador from Iraq.", "IRN", "IRQ", "161"),
    # a weapon or strike as the agent of a passive
    ("Dozens of Russian nationals were killed by a US-led coalition strike in eastern Syria.", "USA", "RUS", "19"),
    ("Iraqi soldiers were killed by a Turkish airstrike near the border.", "TUR", "IRQ", "19"),
    # a state's strike against a foe is force
    ("Congress debated the U.S. strike against Iranian targets in the Gulf.", "USA", "IRN", "190"),
    # "Isis" as the British press writes it
    ("Kurdish fighters have been fighting Isis in Syria.", "SYRREB", "IMGMOSISI", "190"),
]


@pytest.mark.parametrize("text,source,target,code", CASES)
def test_news_rules(coder, text, source, target, code):
    check(coder, text, source, target, code)


def test_labour_strikes_stay_protests(coder):
    text = "French rail workers went on strike over pension reform."
    check(coder, text, "FRALAB", None, "143")
    check_not(coder, text, "19")
    check(coder, "Nigerian unions staged a general strike against the government.", "NGALAB", "NGAGOV", "143")


def test_strike_as_passive_agent_is_no_labour_strike(coder):
    check_not(coder, "Twelve people were killed by a coalition strike in Yemen.", "14")


def test_shooting_of_a_victim_is_not_his_act(coder):
    text = "Other allegations included the shooting of an Iraqi police commissioner in Basra."
    check_not(coder, text, "19", source="IRQ")


def test_date_possessor_is_not_the_doer(coder):
    text = "Iran said several people were injured in Monday's U.S. attack on an Iranian oil site."
    check(coder, text, "USA", "IRN", "190")


def test_happy_to_is_still_intent(coder):
    text = "The Philippine finance minister said he was happy to help Japan."
    check_not(coder, text, "05")


def test_abbreviation_and_name_spellings(coder):
    check(coder, "ISIS fighters attacked an Iraqi army post.", "IMGMOSISI", "IRQ", "19")
    check(coder, "Kurdish fighters have been fighting ISIS in Syria.", "SYRREB", "IMGMOSISI", "190")


def test_charged_that_is_an_accusation(coder):
    check(coder, "Egypt's opposition charged that the general election was rigged.", "EGYOPP", "EGY", "112")
    assert not _events(coder, "Indian banks charged higher interest rates last year.")
    assert not _events(coder, "Kenyan police charged into the crowd.")
