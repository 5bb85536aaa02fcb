"""Event patterns of CAMEO roots 01-05 (statements, appeals, intents, consultations,
diplomatic cooperation): verbs/01_statement.txt ... 05_diplomatic.txt and
nouns/cooperation_verbal.txt, together with the frames of 00_frames.txt.

Each positive case is a wire-style sentence written for this test and the event a careful
CAMEO coder would give it: (source actor prefix, target actor prefix or None, CAMEO code
or code prefix). A case passes when such an event is among the coded ones. Negative cases
list events that must NOT be coded (negation, modality, non-political uses of the verbs).
"""

from __future__ import annotations

from datetime import date

import pytest


DAY = date(2021, 5, 4)


from patterncheck import checker, has as _has, show as _show  # noqa: E402,F401

check, check_not, _events = checker(DAY)


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=False)


# -- 01 statements -----------------------------------------------------------------------

STATEMENTS = [
    ("Iran's foreign ministry declined to comment on the report.", "IRN", None, "011"),
    ("The Kremlin declined comment on the arrests.", "RUS", None, "011"),
    ("The Pentagon had no immediate comment on the incident.", "USA", None, "011"),
    ("Britain voiced concern over the arrests of journalists in Hong Kong.", "GBR", None, "012"),
    ("Germany was worried about the growing tension on the Ukrainian border.", "DEU", None, "012"),
    ("The French government expressed doubts about Russia's commitment to the ceasefire.", "FRA", None, "012"),
    ("The Japanese government expressed hope that talks with North Korea would resume soon.", "JPN", None, "013"),
    ("Tokyo was optimistic about the outcome of the negotiations.", "JPN", None, "013"),
    ("The Australian government is considering a proposal to expand its naval base.", "AUS", None, "014"),
    ("Canada is reviewing its relations with Saudi Arabia.", "CAN", "SAU", "014"),
    ("The Taliban claimed responsibility for the attack on the hotel in Kabul.", "AFG", None, "015"),
    ("Iran admitted that its air defences shot down the Ukrainian airliner.", "IRN", None, "015"),
    ("Iran rejected accusations by Washington that it had armed the Houthi rebels.", "IRN", "USA", "016"),
    ("Syria denied allegations by Turkey that it had shelled the border town.", "SYR", "TUR", "016"),
    ("Hezbollah denied any involvement in the bombing.", "LBN", None, "016"),
    ("The Pope laid a wreath at the memorial in Hiroshima.", "VAT", None, "017"),
    ("Pakistan observed a minute of silence for the victims of the blast.", "PAK", None, "017"),
    ("Germany declared three days of national mourning.", "DEU", None, "017"),
    ("India expressed condolences to Turkey over the earthquake.", "IND", "TUR", "018"),
    ("Japan sent a message of condolence to Indonesia after the tsunami.", "JPN", "IDN", "018"),
    ("The Canadian prime minister offered his condolences to France.", "CAN", "FRA", "018"),
    ("France agreed with Germany on the need for new sanctions against Belarus.", "FRA", "DEU", "019"),
    ("France agreed with Germany on the need for new sanctions against Belarus.", "DEU", "FRA", "019"),
    ("Russia and China share the view that the sanctions are counterproductive.", "RUS", "CHN", "019"),
]


@pytest.mark.parametrize("text,source,target,code", STATEMENTS)
def test_statements(coder, text, source, target, code):
    check(coder, text, source, target, code)


# -- 02 appeals --------------------------------------------------------------------------

APPEALS = [
    ("The United States called for the release of all political prisoners in Myanmar.", "USA", None, "0253"),
    ("The UN Security Council called for an immediate ceasefire in Yemen.", "IGOUNO", None, "0256"),
    ("Russia called for talks between Armenia and Azerbaijan.", "RUS", None, "026"),
    ("Pakistan's opposition called for the resignation of the prime minister.", "PAKOPP", None, "0241"),
    ("The Arab League called for international mediation in the Libyan conflict.", "IGOARL", None, "028"),
    ("Kenya appealed for calm after the clashes in Nairobi.", "KEN", None, "0252"),
    ("The United Nations urged restraint on both sides.", "IGOUNO", None, "0256"),
    ("The UN called on Israel and Hamas to exercise restraint.", "IGOUNO", "ISR", "0256"),
    ("Egypt sought military aid from the United States.", "EGY", "USA", "0232"),
    ("Ukraine requested military aid from the United States.", "UKR", "USA", "0232"),
    ("Somalia appealed to the international community for humanitarian aid.", "SOM", None, "0233"),
    ("Lebanon asked the World Bank for a loan.", "LBN", "IGOUNOWBK", "0231"),
    ("Mali asked France for peacekeepers.", "MLI", "FRA", "0234"),
    ("Syrian refugees sought asylum in Germany.", "SYR", "DEU", "0233"),
    ("Turkey sought the extradition of the cleric from the United States.", "TUR", "USA", "0213"),
    ("Iran called for the lifting of US sanctions.", "IRN", None, "0254"),
    ("China urged India and Pakistan to resolve their differences through dialogue.", "CHN", "IND", "027"),
    ("China urged India and Pakistan to resolve their differences through dialogue.", "CHN", "PAK", "027"),
    ("The African Union called on Egypt to mediate between Sudan and Ethiopia.", "IGOOAU", "EGY", "028"),
    ("The UN invited Israel and the Palestinians to resume negotiations.", "IGOUNO", "ISR", "026"),
    ("The United States called on Israel to withdraw its troops from Lebanon.", "USA", "ISR", "0256"),
    ("Kenyan police urged Kenyan protesters to remain calm.", "KENCOP", "KEN", "0252"),
    ("Indian business leaders called for closer economic ties with Pakistan.", "IND", "PAK", "0211"),
    ("Turkey asked Iran for information about the seized weapons.", "TUR", "IRN", "0214"),
    ("The IMF called for economic reforms in Argentina.", "IGOIMF", None, "0242"),
    ("The United Nations called for respect for human rights in Myanmar.", "IGOUNO", None, "0243"),
    ("Tunisian protesters called for a new constitution.", "TUN", None, "0244"),
    ("Israel sought compensation from Germany.", "ISR", "DEU", "025"),
    ("Iraq appealed to the United Nations for an end to the trade embargo.", "IRQ", "IGOUNO", "0254"),
    ("Oxfam called for humanitarian access to Yemen.", "NGO", None, "0255"),
]


@pytest.mark.parametrize("text,source,target,code", APPEALS)
def test_appeals(coder, text, source, target, code):
    check(coder, text, source, target, code)


# -- 03 intents --------------------------------------------------------------------------

INTENTS = [
    ("Japan pledged $50 million in aid to Haiti.", "JPN", "HTI", "033"),
    ("Saudi Arabia pledged $2 billion to Egypt.", "SAU", "EGY", "0331"),
    ("Germany promised humanitarian aid to Syrian refugees in Jordan.", "DEU", "SYR", "0333"),
    ("Jordan pledged aid to Syrian refugees.", "JOR", "SYR", "033"),
    ("Germany pledged support for the Iraqi government.", "DEU", "IRQ", "032"),
    ("China promised to support Pakistan.", "CHN", "PAK", "032"),
    ("Turkey vowed to expand defense cooperation with Azerbaijan.", "TUR", "AZE", "0312"),
    ("Qatar offered to mediate between Hamas and Israel.", "QAT", "ISR", "039"),
    ("The Sudanese government promised free elections within a year.", "SDN", None, "0341"),
    ("The junta in Myanmar promised reforms.", "MMR", None, "034"),
    ("The Houthis offered concessions to Saudi Arabia.", "YEM", "SAU", "035"),
    ("North Korea promised to release the South Korean fishermen.", "PRK", "KOR", "0353"),
    ("Iran agreed to international inspections of its nuclear sites.", "IRN", None, "0355"),
    ("Turkey and Greece agreed in principle to resume talks.", "TUR", "GRC", "036"),
    ("Japan and South Korea agreed to hold talks next month.", "KOR", "JPN", "036"),
    ("Egypt accepted an invitation to visit China.", "EGY", None, "036"),
    ("Armenia and Azerbaijan agreed to settle the dispute over Nagorno-Karabakh.", "ARM", "AZE", "037"),
    ("The Philippines accepted Malaysia's offer of mediation.", "PHL", "MYS", "038"),
    ("France pledged 1,000 troops to the UN mission in Mali.", "FRA", None, "0334"),
    ("India and Pakistan signed a letter of intent on trade.", "IND", "PAK", "030"),
    ("China pledged investment in Pakistan's infrastructure.", "CHN", None, "0311"),
    ("The United States offered sanctions relief to Iran.", "USA", "IRN", "0354"),
    ("Hamas pledged a ceasefire with Israel.", "PSE", "ISR", "0356"),
    ("Algeria offered mediation between Morocco and the Polisario Front.", "DZA", "MAR", "039"),
]


@pytest.mark.parametrize("text,source,target,code", INTENTS)
def test_intents(coder, text, source, target, code):
    check(coder, text, source, target, code)


# -- 04 consultations --------------------------------------------------------------------

CONSULT = [
    ("The Chinese foreign minister met with his Russian counterpart in Moscow.", "CHN", "RUS", "040"),
    ("The Chinese foreign minister met with his Russian counterpart in Moscow.", "RUS", "CHN", "040"),
    ("The Russian president met the Turkish president in Sochi.", "RUS", "TUR", "040"),
    ("The US president telephoned the Turkish president on Tuesday.", "USA", "TUR", "041"),
    ("The US president telephoned the Turkish president on Tuesday.", "TUR", "USA", "041"),
    ("The French president spoke by telephone with the Iranian president.", "FRA", "IRN", "041"),
    ("The Japanese prime minister visited India last week.", "JPN", "IND", "042"),
    ("The Japanese prime minister visited India last week.", "IND", "JPN", "043"),
    ("The Saudi crown prince arrived in Cairo on Monday.", "SAU", "EGY", "042"),
    ("The Pakistani army chief flew to Beijing on Sunday.", "PAK", "CHN", "042"),
    ("Iran's foreign minister paid a visit to Moscow.", "IRN", "RUS", "042"),
    ("The Greek prime minister traveled to Turkey for talks.", "GRC", "TUR", "042"),
    ("The Chinese president hosted the Pakistani prime minister in Beijing.", "CHN", "PAK", "043"),
    ("The Chinese president hosted the Pakistani prime minister in Beijing.", "PAK", "CHN", "042"),
    ("The Egyptian president received the Sudanese foreign minister in Cairo.", "EGY", "SDN", "043"),
    ("Kenya welcomed the Ugandan president to Nairobi.", "KEN", "UGA", "043"),
    ("The Indian prime minister met the Chinese president on the sidelines of the G20 summit.", "IND", "CHN", "044"),
    ("Qatar mediated between Hamas and Israel.", "QAT", "ISR", "045"),
    ("Egypt brokered a ceasefire between Israel and Hamas.", "EGY", "ISR", "045"),
    ("The US envoy shuttled between Israel and Lebanon.", "USA", "LBN", "045"),
    ("The Iranian foreign minister held talks with his Turkish counterpart in Ankara.", "IRN", "TUR", "046"),
    ("Israel and Lebanon negotiated with each other over the maritime border.", "LBN", "ISR", "046"),
    ("Iran discussed the nuclear issue with Germany.", "IRN", "DEU", "046"),
    ("Iran and Iraq discussed border security.", "IRQ", "IRN", "046"),
    ("Russia and Ukraine held a round of talks in Minsk.", "UKR", "RUS", "046"),
    ("The Russian foreign minister spoke with his Chinese counterpart.", "CHN", "RUS", "040"),
    ("North Korea welcomed the South Korean delegation.", "PRK", "KOR", "043"),
    ("The Egyptian president received a phone call from the US president.", "USA", "EGY", "041"),
    # future visit → intent to meet
    ("The Turkish president will visit Russia next month.", "TUR", "RUS", "036"),
]


@pytest.mark.parametrize("text,source,target,code", CONSULT)
def test_consultations(coder, text, source, target, code):
    check(coder, text, source, target, code)


# -- 05 diplomatic cooperation -----------------------------------------------------------

DIPLOMATIC = [
    ("Saudi Arabia and Iran restored diplomatic relations.", "IRN", "SAU", "050"),
    ("Israel and the United Arab Emirates normalized relations.", "ISR", "ARE", "050"),
    ("Bahrain established diplomatic relations with Israel.", "BHR", "ISR", "054"),
    ("Sweden recognized Palestine as a state.", "SWE", "PSE", "054"),
    ("The United States praised Pakistan's efforts against terrorism.", "USA", "PAK", "051"),
    ("The European Union welcomed the decision by Iran to release the detainees.", "IGOEEC", "IRN", "051"),
    ("Japan congratulated South Korea on the successful election.", "JPN", "KOR", "051"),
    ("Germany thanked Poland for its support.", "DEU", "POL", "051"),
    ("The Kremlin welcomed the talks between Armenia and Azerbaijan.", "RUS", "ARM", "051"),
    ("China defended its decision to build military bases in the South China Sea.", "CHN", None, "052"),
    ("Russia stood by Syria.", "RUS", "SYR", "052"),
    ("France rallied support for Ukraine among European allies.", "FRA", "UKR", "053"),
    ("Japan apologized to China for its wartime atrocities.", "JPN", "CHN", "055"),
    ("Japan expressed regret over the incident.", "JPN", None, "055"),
    ("Ghana's president forgave Togo.", "GHA", "TGO", "056"),
    ("Turkey and Israel signed an agreement on natural gas.", "TUR", "ISR", "057"),
    ("Iran and China signed a memorandum of understanding.", "CHN", "IRN", "057"),
    ("The Russian parliament ratified the treaty with Ukraine.", "RUS", "UKR", "057"),
    ("Israel and Hamas struck a deal on prisoners.", "ISR", "PSE", "057"),
    ("Serbia and Kosovo reached an agreement on trade.", "SRB", "XKX", "057"),
    ("Serbia and Kosovo initialed the agreement in Brussels.", "XKX", "SRB", "057"),
    ("India and Bangladesh signed a pact on water sharing.", "BGD", "IND", "057"),
    ("Egypt and Qatar exchanged ambassadors.", "QAT", "EGY", "050"),
    ("Saudi Arabia reopened its embassy in Damascus.", "SAU", "SYR", "050"),
    ("Armenia lobbied for Russia at the United Nations.", "ARM", "RUS", "053"),
    ("Egypt granted recognition to the new government in Libya.", "EGY", "LBY", "054"),
    ("Japan issued an apology to South Korea.", "JPN", "KOR", "055"),
    ("Turkey extended an olive branch to Armenia.", "TUR", "ARM", "056"),
    ("Germany sympathized with France after the attack.", "DEU", "FRA", "018"),
    ("The Russian foreign minister concurred with his Chinese counterpart.", "CHN", "RUS", "019"),
]


@pytest.mark.parametrize("text,source,target,code", DIPLOMATIC)
def test_diplomatic(coder, text, source, target, code):
    check(coder, text, source, target, code)


# -- negatives: negation, modality, non-political uses ----------------------------------

NEGATIVE = [
    ("Iran did not meet the Saudi delegation.", "04"),
    ("The Chinese premier may visit Japan next year.", "04"),
    ("The Chinese premier may visit Japan next year.", "03"),
    ("If Iran attacks, Israel will not hold talks with Tehran.", "04"),
    ("Afghanistan met the deadline.", "04"),
    ("The Iraqi government came to power in 2014.", "04"),
    ("Iraqis went to the polls on Sunday.", "04"),
    ("Japan has no plans to visit China.", "04"),
    ("Japan received a letter from North Korea.", "04"),
    ("Japan called North Korea a threat to regional peace.", "041"),
    ("The Russian president spoke to reporters in Moscow.", "04"),
    ("Iran's foreign minister met reporters in Tehran.", "04"),
    ("Russian troops defended the city against Ukrainian attacks.", "052"),
    ("India recognized the need for dialogue with Pakistan.", "054"),
    ("The Syrian army admitted 500 refugees.", "015"),
    ("Turkey denied visas to the Syrian delegation.", "016"),
    ("The United States backed down on tariffs.", "051"),
    ("Iran refused to hold talks with the United States.", "046"),
    ("Egypt received aid from the United States.", "043"),
    ("The United States considers Hezbollah a terrorist organization.", "014"),
    ("The Chinese company weighed 500 tons of cargo.", "014"),
    ("Chinese troops came to the border.", "04"),
    ("The Taliban defended Kabul against the advancing rebels.", "052"),
    ("Iran regretted the American decision to withdraw from the nuclear deal.", "055"),
    ("Armenia recognized the Armenian genocide.", "054"),
    ("The Lebanese army met Israeli fire with rockets.", "04"),
]


@pytest.mark.parametrize("text,code", NEGATIVE)
def test_not_coded(coder, text, code):
    check_not(coder, text, code)


# -- known engine / dictionary limitations ---------------------------------------------


def test_would_not_comment(coder):
    check(coder, "South Korea would not comment on the report.", "KOR", None, "011")


def test_said_it_was_sorry(coder):
    check(coder, "The Kenyan government said it was sorry for the incident.", "KEN", None, "055")


@xfail("future tense converts the code of a visit (042 → 036) but not its reverse code (043)")
def test_future_visit_reverse_is_intent(coder):
    check(coder, "The Turkish president will visit Russia next month.", "RUS", "TUR", "036")


def test_appeal_complement_without_actor(coder):
    check(coder, "The United Nations called on both sides to exercise restraint.", "IGOUNO", None, "0256")


def test_frame_direct_object_noun(coder):
    check(coder, "Russia proposed a ceasefire in eastern Ukraine.", "RUS", None, "0256")


@xfail("'hold elections' has no event code, so 'called on X to hold elections' stays 020 "
       "instead of 0241")
def test_appeal_for_elections_via_hold(coder):
    check(coder, "The European Union called on Belarus to hold new elections.", "IGOEEC", "BLR", "0241")


def test_considered_action_not_coded(coder):
    check_not(coder, "Japan is considering sending troops to Iraq.", "15")
