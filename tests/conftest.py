"""Shared fixtures: one spaCy pipeline and one built-in Coder per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.nlp import load_pipeline
from dyad.pipeline import Coder, CoderConfig


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def coder(nlp):
    """The coder with Dyad's built-in dictionaries and patterns."""
    return Coder(nlp=nlp)


SMALL_ACTORS = """\
# a small actor dictionary for engine tests
IRN\tname\tIran
IRN\tadj\tIranian
IRNGOV\tcapital\tTehran
IRQ\tname\tIraq
IRQ\tadj\tIraqi
IRQGOV\tcapital\tBaghdad
USA\tname\tUnited States
USA\tname\tU.S.
USA\tadj\tAmerican
USAGOV\tcapital\tWashington
FRA\tname\tFrance
FRA\tadj\tFrench
GBR\tname\tBritain
GBR\tadj\tBritish
LBY\tname\tLibya
IGOUNO\torg\tUnited Nations
IRNMED\torg\tIRNA
RUSGOV\tperson\tBoris Yeltsin\t1991-07-10\t1999-12-31
RUSGOV\tperson\tYeltsin\t1991-07-10\t1999-12-31
RUSOPP\tperson\tYeltsin\t1987-11-11\t1991-07-09
"""

SMALL_AGENTS = """\
GOV\tminister
GOV\tdefense minister
GOV\tprime minister
GOV\tpresident
GOV\tcounterpart
GOV\tgovernment
GOV\tofficial
MIL\ttroops
MIL\tarmy
MIL\tforces
COP\tpolice\tpolice
REB\trebel
MED\tnews agency
CVL\tprotester
"""


@pytest.fixture(scope="session")
def small_dicts(tmp_path_factory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("dicts")
    actors = d / "actors.tsv"
    agents = d / "agents.tsv"
    actors.write_text(SMALL_ACTORS, encoding="utf-8")
    agents.write_text(SMALL_AGENTS, encoding="utf-8")
    return actors, agents


SMALL_VERBS = """\
190 attack +
195 bomb +
042 visit + ; rev=043
111 criticize|criticise +
010 say ; say
"""


@pytest.fixture(scope="session")
def small_patterns(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("patterns") / "verbs.txt"
    path.write_text(SMALL_VERBS, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def small_coder(nlp, small_dicts):
    """A coder with the small test dictionaries and the built-in patterns."""
    actors, agents = small_dicts
    return Coder(CoderConfig(actor_dictionaries=[actors], agent_dictionaries=[agents]), nlp=nlp)
