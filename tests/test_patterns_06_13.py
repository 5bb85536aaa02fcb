"""Event patterns of CAMEO roots 06-13 (material cooperation, aid, yielding, investigation,
demands, disapproval, rejection, threats): verbs/06_cooperate.txt ... 13_threaten.txt and
nouns/cooperation_material.txt, nouns/conflict_verbal.txt, together with the frames of
00_frames.txt and frames.tsv.

Each positive case is a wire-style sentence written for this test and the event a careful
CAMEO coder would give it: (source actor prefix, target actor prefix or None for "any",
CAMEO code or code prefix). A case passes when such an event is among the coded ones.
Negative cases list codes that must NOT be coded (negation, modality, non-political uses of
the verbs). Cases that fail because of the engine or another dictionary, not because of
these patterns, are marked xfail with the reason.
"""

from __future__ import annotations

from datetime import date

import pytest


DAY = date(2021, 6, 1)


from patterncheck import checker, has as _has, show as _show  # noqa: E402,F401

check, check_not, _events = checker(DAY)


def _show(events) -> str:
    return "; ".join(f"{e.source.code}->{e.target.code if e.target else '-'}:{e.cameo}" for e in events) or "(none)"


def _xfail(reason: str, *case):
    return pytest.param(*case, marks=pytest.mark.xfail(reason=reason, strict=False))


# -- 06 material cooperation ---------------------------------------------------------------
COOPERATE = [
    ("Russia and China held joint military exercises in the Sea of Japan on Monday.", "RUS", "CHN", "062"),
    ("Russia and China held joint military exercises in the Sea of Japan on Monday.", "CHN", "RUS", "062"),
    ("Japan and the United States conducted joint naval drills near Okinawa.", "JPN", "USA", "062"),
    ("France trained Malian troops in counterinsurgency tactics last year.", "FRA", "MLI", "062"),
    ("The United States stationed troops in Poland.", "USA", "POL", "062"),
    # arms sales are military cooperation per the codebook's note to 1012
    ("The United States sold fighter jets to Taiwan.", "USA", "TWN", "062"),
    ("India bought fighter jets from Russia.", "RUS", "IND", "062"),
    # judicial cooperation: the target is the receiving country, not the suspect
    ("Zambia extradited the suspect to Britain on Sunday.", "ZMB", "GBR", "063"),
    ("Egypt handed over two suspects to Libya.", "EGY", "LBY", "063"),
    ("Britain shared intelligence with Pakistan about the plot.", "GBR", "PAK", "064"),
    ("The United States passed intelligence to Britain about the bombing.", "USA", "GBR", "064"),
    ("Iran and Iraq exchanged intelligence on militant movements.", "IRN", "IRQ", "064"),
    ("Iran and Iraq exchanged intelligence on militant movements.", "IRQ", "IRN", "064"),
    ("The United States provided intelligence to Ukraine.", "USA", "UKR", "064"),
    ("Turkey invested $2 billion in Egypt.", "TUR", "EGY", "061"),
    ("China traded oil with Iran despite the sanctions.", "CHN", "IRN", "061"),
    ("The United States exported record amounts of corn to Mexico.", "USA", "MEX", "061"),
]

# -- 07 aid --------------------------------------------------------------------------------
AID = [
    ("The United States gave Jordan $50 million in aid.", "USA", "JOR", "071"),
    ("The United States gave $50m to Jordan.", "USA", "JOR", "071"),
    ("Japan provided $20 million in financial assistance to Sri Lanka.", "JPN", "LKA", "071"),
    ("Germany wrote off Iraq's debt.", "DEU", "IRQ", "071"),
    ("The IMF approved a $3 billion loan for Egypt.", "IGO", "EGY", "071"),
    ("Egypt secured a $12 billion loan from the IMF.", "IGO", "EGY", "071"),
    ("The European Union bailed out Greece.", "IGO", "GRC", "071"),
    ("China lent Venezuela $10 billion.", "CHN", "VEN", "071"),
    ("Washington provided Kiev with $400 million in military aid.", "USA", "UKR", "072"),
    ("Germany supplied tanks to Ukraine.", "DEU", "UKR", "072"),
    ("The United States armed the Syrian rebels.", "USA", "SYR", "072"),
    ("The United States delivered precision bombs to Israel.", "USA", "ISR", "072"),
    ("The United States sent Patriot missiles to Israel.", "USA", "ISR", "072"),
    ("Russia sent military advisers to Syria.", "RUS", "SYR", "072"),
    # "received X from Y": the giver is the source
    ("Iran received weapons from Russia.", "RUS", "IRN", "072"),
    ("Saudi Arabia sent food and medicine to Yemen.", "SAU", "YEM", "073"),
    ("Britain airlifted food and medicine to Sierra Leone.", "GBR", "SLE", "073"),
    ("Japan sent humanitarian aid to Nepal after the earthquake.", "JPN", "NPL", "073"),
    ("China donated 500,000 vaccine doses to Pakistan.", "CHN", "PAK", "073"),
    ("India sent rescue teams to Nepal after the earthquake.", "IND", "NPL", "073"),
    ("Turkey hosts 3.6 million Syrian refugees.", "TUR", "SYR", "073"),
    ("Brazil deployed peacekeepers to Haiti.", "BRA", "HTI", "074"),
    ("Ecuador granted asylum to the British journalist.", "ECU", "GBR", "075"),
    ("Russia gave refuge to the former Ukrainian president.", "RUS", "UKR", "075"),
    ("Germany took in thousands of Syrian refugees.", "DEU", "SYR", "073"),
]

# -- 08 yield ------------------------------------------------------------------------------
YIELD = [
    ("Bahrain lifted the state of emergency on Wednesday.", "BHR", None, "0814"),
    ("Thailand ended martial law on Tuesday.", "THA", None, "0814"),
    ("Israel lifted the curfew in Hebron.", "ISR", None, "0813"),
    ("The Myanmar junta lifted the ban on political parties.", "MMR", None, "0812"),
    ("Egypt lifted restrictions on the media.", "EGY", None, "0811"),
    ("India restored internet access in Kashmir.", "IND", None, "0811"),
    ("The Nigerian teachers' union called off its strike after talks with the government.", "NGA", None, "082"),
    ("Colombian truckers called off their nationwide strike on Friday.", "COL", None, "082"),
    ("Greek unions suspended the general strike after the government offered talks.", "GRC", None, "082"),
    ("The British prime minister resigned on Thursday.", "GBR", None, "0831"),
    ("The Egyptian president stepped down on Friday.", "EGY", None, "0831"),
    ("The Argentine president conceded defeat in the election.", "ARG", None, "0831"),
    ("Iran released three British sailors on Friday.", "IRN", "GBR", "0841"),
    ("Russia handed over 50 Ukrainian prisoners of war to Kiev.", "RUS", "UKR", "0841"),
    ("Serbia pardoned 500 prisoners.", "SRB", None, "0841"),
    ("Russia and Ukraine swapped prisoners on Saturday.", "RUS", "UKR", "0841"),
    ("Russia and Ukraine swapped prisoners on Saturday.", "UKR", "RUS", "0841"),
    ("China returned the seized drone to the United States.", "CHN", "USA", "0842"),
    ("China returned the seized fishing boats to the Philippines.", "CHN", "PHL", "0842"),
    ("The United States returned looted antiquities to Iraq.", "USA", "IRQ", "0842"),
    ("Iran freed the British tanker on Friday.", "IRN", "GBR", "084"),
    ("Russia handed back the Ukrainian navy ships.", "RUS", "UKR", "084"),
    ("The European Union lifted sanctions on Myanmar.", "IGO", "MMR", "085"),
    ("Washington eased the embargo on Cuba.", "USA", "CUB", "085"),
    ("The United States unfroze Iranian assets.", "USA", "IRN", "085"),
    ("China cut tariffs on American goods.", "CHN", "USA", "085"),
    ("Iraq allowed UN weapons inspectors into the country.", "IRQ", None, "086"),
    ("Iran admitted IAEA inspectors to the Fordow site.", "IRN", None, "0862"),
    ("Russia withdrew its troops from Georgia.", "RUS", "GEO", "087"),
    ("Russia pulled its troops out of Georgia.", "RUS", "GEO", "087"),
    ("The United States pulled out its troops from Afghanistan.", "USA", "AFG", "087"),
    ("Israel withdrew its forces from southern Lebanon.", "ISR", "LBN", "087"),
    ("Syrian rebels declared a ceasefire.", "SYR", None, "0871"),
    ("Iraq agreed to a ceasefire with the Kurds.", "IRQ", None, "0871"),
    # promises through the intent frame: intent + 08x = 035x
    ("Iran agreed to release the British sailors.", "IRN", "GBR", "0353"),
    ("The United States offered to lift sanctions on Iran.", "USA", "IRN", "0354"),
    ("Saudi Arabia announced a unilateral ceasefire in Yemen.", "SAU", None, "0871"),
    ("Israel lifted the blockade of Gaza.", "ISR", "PSE", "0872"),
    ("The Colombian rebels laid down their arms.", "COL", None, "0873"),
    ("Bosnian Serb fighters handed in their weapons to the peacekeepers.", "BIH", None, "0873"),
    ("Iraqi forces retreated from Mosul.", "IRQ", None, "0874"),
    ("Five hundred Sudanese rebels surrendered to the army.", "SDN", None, "0874"),
    ("Armenian forces abandoned their positions in the Azerbaijani district.", "ARM", None, "0874"),
    _xfail("engine: small clauses ('set X free', 'found X guilty') put the object in a ccomp "
           "that patterns cannot reach", "Iran set the British tourists free.", "IRN", "GBR", "0841"),
]

# -- 09 investigate ------------------------------------------------------------------------
INVESTIGATE = [
    ("Brazilian prosecutors investigated Petrobras executives for corruption.", "BRA", None, "091"),
    ("UN investigators probed human rights abuses by the Myanmar army.", "IGO", "MMR", "092"),
    ("Croatia is investigating alleged war crimes by Croatian soldiers.", "HRV", None, "094"),
    ("The IAEA inspected Iranian nuclear sites on Tuesday.", "IGO", "IRN", "090"),
    ("French police questioned the suspects.", "FRA", None, "091"),
    ("Dutch investigators opened an inquiry into the Russian missile strike.", "NLD", None, "093"),
    ("The International Criminal Court opened an investigation into Israeli war crimes.", "IGO", None, "094"),
    ("The International Criminal Court opened an investigation into Israeli war crimes.", "IGO", "ISR", "094"),
    ("The United Nations launched an investigation into the Syrian government's use of chemical weapons.",
           "IGO", "SYR", "093"),
]

# -- 10 demand -----------------------------------------------------------------------------
DEMAND = [
    ("Britain demanded the release of the sailors.", "GBR", None, "1053"),
    ("China demanded that Japan release the fishing boat captain.", "CHN", "JPN", "1053"),
    ("The United States demanded the release of Russian opposition leader Alexei Navalny.", "USA", "RUS", "1053"),
    ("Israel demanded that Hamas release the soldier.", "ISR", "PSE", "1053"),
    ("China demanded an apology from Japan.", "CHN", "JPN", "105"),
    ("Greece demanded reparations from Germany.", "GRC", "DEU", "105"),
    ("The Egyptian opposition demanded the resignation of the prime minister.", "EGY", "EGY", "1041"),
    ("Iran demanded the withdrawal of US troops from the region.", "IRN", "USA", "1056"),
    ("Pakistan insisted on the extradition of the suspects.", "PAK", None, "1013"),
    ("Catalan separatists in Spain demanded independence.", "ESP", None, "1044"),
    ("Ukraine demanded more weapons from NATO.", "UKR", "IGO", "1032"),
    ("The Yemeni government demanded talks with the rebels.", "YEM", None, "106"),
    ("Russia demanded the lifting of US sanctions.", "RUS", None, "1054"),
    ("Russia demanded the lifting of US sanctions.", "RUS", "USA", "1054"),
    _xfail("02_appeal.txt codes 'sought asylum in' as 0233 (same specificity, loaded first); "
           "the codebook files asylum requests under 1033",
           "Iraqi refugees sought asylum in Germany.", "IRQ", "DEU", "1033"),
]

# -- 11 disapprove -------------------------------------------------------------------------
DISAPPROVE = [
    ("Serbia objected to the plan.", "SRB", None, "110"),
    ("France summoned the Iranian ambassador.", "FRA", "IRN", "110"),
    ("The United States expressed disappointment over the verdict.", "USA", None, "110"),
    ("India hit out at Pakistan over the attack.", "IND", "PAK", "111"),
    ("The British prime minister attacked the opposition's economic plan.", "GBR", "GBR", "111"),
    ("Chinese state media lashed out at Washington.", "CHN", "USA", "111"),
    ("North Korea denounced the joint exercises as a rehearsal for invasion.", "PRK", None, "111"),
    ("The United States condemned China's crackdown in Hong Kong.", "USA", "CHN", "111"),
    ("Russia slammed the United States for its support of Ukraine.", "RUS", "USA", "111"),
    ("Britain criticised China over its treatment of Uighurs.", "GBR", "CHN", "111"),
    ("China criticised the US arms sale to Taiwan.", "CHN", "USA", "111"),
    ("France denounced Turkey's military operation in northern Syria.", "FRA", "TUR", "111"),
    ("Iran lambasted Saudi Arabia for the execution of the cleric.", "IRN", "SAU", "111"),
    ("China accused the United States of meddling.", "CHN", "USA", "112"),
    ("Russia accused Ukraine of violating the ceasefire.", "RUS", "UKR", "1123"),
    ("India accused Pakistan of violating the ceasefire along the border.", "IND", "PAK", "1123"),
    ("The United States blamed Iran for the attack.", "USA", "IRN", "112"),
    ("Russia blamed the United States for the crisis.", "RUS", "USA", "112"),
    ("Israel blamed the attack on Lebanon's Hezbollah.", "ISR", "LBN", "112"),
    ("Iran accused the United States of piracy.", "IRN", "USA", "1121"),
    ("Turkish prosecutors charged the former minister with corruption.", "TUR", None, "1121"),
    ("Amnesty International accused Egypt of torturing detainees.", "NGO", "EGY", "1122"),
    ("Syria accused Turkey of aggression.", "SYR", "TUR", "1123"),
    ("The Netherlands accused Russia of war crimes.", "NLD", "RUS", "1124"),
    ("Ukraine accused Russia of genocide.", "UKR", "RUS", "1124"),
    ("The United States charged five Chinese military officers with espionage.", "USA", "CHN", "1125"),
    ("The United States rallied its allies against Iran.", "USA", "IRN", "113"),
    ("Turkey lodged a formal protest with Greece.", "TUR", "GRC", "114"),
    ("Pakistan lodged a strong protest with India over the border firing.", "PAK", "IND", "114"),
    ("Egypt protested to Israel over the killing of its soldiers.", "EGY", "ISR", "114"),
    ("Iran filed a complaint with the UN Security Council against the United States.", "IRN", "IGO", "114"),
    ("A Saudi businessman sued the United States.", "SAU", "USA", "115"),
    ("Ukraine took Russia to the International Court of Justice.", "UKR", "RUS", "115"),
    ("The International Court of Justice ruled against Serbia.", "IGO", "SRB", "116"),
    ("A Dutch court convicted three Russians of murder.", "NLD", "RUS", "116"),
    ("Iran accused the British journalist of spying.", "IRN", "GBR", "1125"),
    _xfail("engine: small clause 'found X guilty' (ccomp adjective) is not reachable by patterns",
           "The European Court of Human Rights found Turkey guilty of violating free speech.", "IGO", "TUR", "116"),
    _xfail("engine: small clause 'held X responsible' (advcl adjective) is not reachable by patterns",
           "Israel held Iran responsible for the attack.", "ISR", "IRN", "112"),
]

# -- 12 reject -----------------------------------------------------------------------------
REJECT = [
    ("Russia rejected the peace plan.", "RUS", None, "127"),
    ("Iran rebuffed the US offer of talks.", "IRN", "USA", "125"),
    ("Iran rejected the US offer of talks.", "IRN", "USA", "125"),
    ("North Korea refused to meet with US officials.", "PRK", "USA", "125"),
    ("Iran rejected Iraq's proposal for a ceasefire.", "IRN", "IRQ", "1246"),
    ("Iran refused to withdraw its forces from Syria.", "IRN", "SYR", "1246"),
    ("Syria refused to allow UN inspectors into the country.", "SYR", "IGO", "1245"),
    ("Britain refused to negotiate with Argentina over the Falklands.", "GBR", "ARG", "125"),
    ("Russia rejected calls for a ceasefire in Syria.", "RUS", None, "1246"),
    ("The Zimbabwean president refused to step down.", "ZWE", None, "1231"),
    ("Israel refused to lift the curfew on Palestinians in Hebron.", "ISR", "PSE", "1241"),
    ("The United States refused to lift sanctions on Myanmar.", "USA", "MMR", "1244"),
    ("Iran refused to release the British sailors.", "IRN", None, "1243"),
    ("Syria denied UN inspectors access to the site.", "SYR", None, "1245"),
    ("Germany rejected Greece's request for a new loan.", "DEU", None, "1221"),
    ("Syria turned away Iraqi refugees at the border.", "SYR", None, "1223"),
    ("Hungary rejected asylum requests from Syrian refugees.", "HUN", None, "1223"),
    ("Britain refused to extradite the suspect.", "GBR", None, "1213"),
    ("Slovenia defied the Yugoslav federal government.", "SVN", "SRB", "128"),
    ("Iran flouted the UN resolutions.", "IRN", None, "128"),
    ("The United States vetoed the Security Council resolution.", "USA", None, "129"),
]

# -- 13 threaten ---------------------------------------------------------------------------
THREATEN = [
    ("The United States warned Iran of serious consequences.", "USA", "IRN", "130"),
    ("Egypt warned Ethiopia against filling the dam.", "EGY", "ETH", "130"),
    ("Israel warned Iran of a military response.", "ISR", "IRN", "138"),
    ("North Korea threatened South Korea with war.", "PRK", "KOR", "138"),
    ("The United States threatened China with new tariffs.", "USA", "CHN", "1312"),
    ("Russia threatened Ukraine with sanctions.", "RUS", "UKR", "1312"),
    ("The United States threatened new sanctions against Iran.", "USA", "IRN", "1312"),
    ("Washington threatened to impose sanctions on Iran.", "USA", "IRN", "1312"),
    ("The Nigerian labor union threatened a general strike.", "NGA", None, "133"),
    ("The Palestinians threatened to quit the talks.", "PSE", None, "134"),
    ("The Sudanese government threatened to expel the UN monitors.", "SDN", "IGO", "136"),
    ("The Egyptian government threatened to crack down on protesters.", "EGY", None, "137"),
    ("Russia threatened Ukraine with military action.", "RUS", "UKR", "138"),
    ("Iran vowed revenge against Israel.", "IRN", "ISR", "138"),
    ("Iran threatened to close the Strait of Hormuz to American ships.", "IRN", "USA", "1381"),
    ("Turkey threatened a military offensive against Kurdish militants in Syria.", "TUR", "SYR", "1384"),
    ("Iran threatened to attack US bases in the region.", "IRN", "USA", "1384"),
    ("North Korea threatened to use nuclear weapons against the United States.", "PRK", "USA", "1385"),
    ("China issued an ultimatum to Japan.", "CHN", "JPN", "139"),
    ("Peru issued an ultimatum to Ecuador to halt attacks across the border.", "PER", "ECU", "139"),
    # root 13 is right; the codebook's 1313 for threats to secede needs "threat 128 -> 1313"
    ("The Azerbaijani parliament threatened to secede from the Soviet Union.", "AZE", "RUS", "13"),
]


@pytest.mark.parametrize("text,source,target,code",
                         COOPERATE + AID + YIELD + INVESTIGATE + DEMAND + DISAPPROVE + REJECT + THREATEN)
def test_codes(coder, text, source, target, code):
    events = _events(coder, text)
    assert _has(events, source, target, code), f"expected {source}->{target}:{code} in {_show(events)}"


# -- what must not be coded ------------------------------------------------------------------
NEGATIVE = [
    # negation and modality
    ("The United States did not send weapons to Ukraine.", "07"),
    ("Germany may send tanks to Ukraine.", "07"),
    ("Iran did not release the sailors.", "08"),
    ("Iran did not investigate the attack.", "09"),
    ("Iran may demand compensation.", "10"),
    ("The president did not criticize Iran.", "11"),
    ("Iran did not reject the offer.", "12"),
    ("Iran did not threaten Israel.", "13"),
    ("Could Russia withdraw its troops from Georgia?", "08"),
    # non-political uses of the verbs
    ("Israeli and Syrian troops traded fire across the border.", "061"),
    ("Prices of oil traded higher on Monday.", "06"),
    ("The company released its quarterly earnings on Tuesday.", "08"),
    ("Apple released a new iPhone in China on Tuesday.", "08"),
    ("The United Nations released a report on poverty in Africa.", "08"),
    ("The band released a new album.", "08"),
    ("The Iranian foreign minister returned to Tehran on Sunday.", "08"),
    ("The company returned to profit.", "08"),
    ("Oil prices eased on Monday as traders awaited OPEC data.", "08"),
    ("The central bank cut interest rates by half a point.", "08"),
    ("Scientists investigated the properties of the new material.", "09"),
    ("The army attacked rebel positions near the city.", "11"),
    ("Police in India charged at the crowd with batons.", "11"),
    ("The court dismissed the case on procedural grounds.", "12"),
    ("The storm threatened coastal towns.", "13"),
    ("The Brazilian government released its budget figures.", "08"),
    ("Japanese exports to China rose 5 percent in May.", "06"),
]


@pytest.mark.parametrize("text,code", NEGATIVE)
def test_not_coded(coder, text, code):
    events = _events(coder, text)
    bad = [e for e in events if e.cameo.startswith(code)]
    assert not bad, f"unexpected {code} in {_show(events)}"
