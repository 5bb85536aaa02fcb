"""Actors: dictionary phrases found in a parsed sentence, composed into CAMEO actor codes.

Two dictionaries (formats in docs/dictionaries.md):
- actor dictionaries (`data/actors/*.tsv`): countries, capitals, organisations, people,
  each phrase with a full CAMEO code, optionally restricted to a date range;
- the agent dictionary (`data/agents.tsv`): role nouns ("minister", "troops") with sectors.

`ActorMatcher` finds both kinds with spaCy's PhraseMatcher; `SentenceActors` composes, for
any noun in the sentence, the actor its noun phrase names ("Iranian Defense Minister
Mostafa Mohammad Najjar" → IRNGOV), resolving pronouns, "the two sides" and names already
introduced in the article through an explicit per-article `ArticleContext`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from dyad.records import Actor
from dyad.where import BORDER_NOUNS, WATER_NOUNS, place_name

DATA = Path(__file__).parent / "data"

# Codes that begin an international (non-country) actor code.
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC", "INT", "UIS", "NGM"})
# Region codes of CAMEO: actors with no single country.
REGIONS = frozenset(
    {"AFR", "ASA", "BLK", "CAF", "CAS", "CAU", "CRB", "EAF", "EAS", "EEU", "EUR", "LAM", "MEA",
     "MDT", "NAF", "NAM", "PGS", "SAF", "SAM", "SAS", "SEA", "SCN", "WAF", "WST", "WEU", "CEU"}
)
SECTORS = frozenset(
    "GOV MIL COP JUD LEG OPP REB SEP INS SPY UAF PTY BUS MED CVL EDU HLH LAB REF CRM ELI AGR ENV "
    "HRI REL NGO IGO MNC MOD RAD DEV JEW MUS CHR BUD HIN AMN IRC".split()
)
KINDS = frozenset({"name", "adj", "capital", "org", "person"})

# a CAMEO code is three letters and three-letter groups (IRNGOV); codes of peer dictionaries
# that are not (ITHTV, G77) are kept as written
_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{2,}$")

PRONOUNS = {
    "he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
    "it": "thing", "its": "thing", "they": "group", "them": "group", "their": "group",
    "we": "group", "our": "group", "i": "person", "my": "person",
}
# agent nouns that name a body, not a person ("the army said ... it")
COLLECTIVE_NOUNS = frozenset(
    """army military police government ministry parliament cabinet administration regime court council
    committee agency force forces navy guard authority authorities opposition party group movement union media
    press company firm bank office department embassy delegation junta legislature assembly senate congress
    coalition alliance organization organisation mission team service command troops militia country state
    nation side""".split()
)
# words that head a noun phrase naming part or a number of what follows "of" ("thousands of
# Iraqi Kurds", "four of its diplomats", "a group of protesters")
QUANTITY_WORDS = frozenset("thousand thousands hundred hundreds dozen dozens million millions score scores tens "
                           "group groups number numbers crowd crowds handful some many all most several both few "
                           "part rest majority remainder half".split())


def quantity_of(token: Token) -> Token | None:
    """The noun after "of" when `token` is a number or quantity word ("thousands of Iraqi
    Kurds" → Kurds), else None."""
    if token.lemma_.lower() not in QUANTITY_WORDS and token.lower_ not in QUANTITY_WORDS and token.pos_ != "NUM":
        return None
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None
PAIR_NOUNS = frozenset({"side", "country", "nation", "government", "leader", "minister", "state", "neighbor",
                        "neighbour", "party", "president", "delegation", "army", "force"})
PAIR_DETS = frozenset({"two", "both"})
SINGLE_REF_NOUNS = frozenset({"country", "nation", "kingdom", "republic", "state"})
# Dependency labels that keep a token inside the noun phrase of its head.
NP_LEFT_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "nummod", "quantmod", "case", "punct", "npadvmod"})


class DictionaryError(ValueError):
    pass


def decode_code(code: str) -> tuple[str | None, tuple[str, ...]]:
    """Country and sectors of a CAMEO actor code: IRNGOV → ("IRN", ("GOV",)),
    IGOUNO → (None, ("IGO",)), IGONATMIL → (None, ("IGO", "MIL"))."""
    head, rest = code[:3], code[3:]
    triples = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    if head in INTERNATIONAL:
        if triples and triples[0] not in SECTORS:
            triples = triples[1:]  # the organisation's own code
        return None, tuple([head] + [t for t in triples if t != head])
    if head in REGIONS:
        return None, tuple(triples)
    return head, tuple(triples)


def _parse_date(text: str, end: bool) -> date | None:
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 12, 31) if end else date(int(text), 1, 1)
    return date.fromisoformat(text)


@dataclass(frozen=True)
class ActorEntry:
    code: str
    kind: str
    phrase: str
    start: date | None = None
    end: date | None = None
    origin: str = ""

    def valid_on(self, when: date | None) -> bool:
        if when is None:
            return True
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class AgentEntry:
    sectors: tuple[str, ...]
    phrase: str
    origin: str = ""
    prefix: bool = False  # PETRARCH's [NGO~]: the code goes before the actor's (NGO + IRQ → NGOIRQ)


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def pluralize(noun: str) -> str:
    """Regular English plural of the last word of a phrase."""
    words = noun.split(" ")
    last = words[-1]
    if re.search(r"(s|x|z|ch|sh)$", last):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif last.endswith("man") and not last.endswith("human"):
        last = last[:-3] + "men"
    else:
        last += "s"
    return " ".join(words[:-1] + [last])


@dataclass
class ActorDictionary:
    """Phrase → entries (several when date-restricted)."""

    entries: dict[str, list[ActorEntry]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # code → canonical name
    problems: list[str] = field(default_factory=list)

    def add(self, entry: ActorEntry) -> None:
        self.entries.setdefault(_norm(entry.phrase), []).append(entry)
        if entry.kind in ("name", "org", "person") and "/" not in entry.code:
            self.names.setdefault(entry.code, entry.phrase)

    def lookup(self, phrase: str, when: date | None = None) -> ActorEntry | None:
        """The entry of a phrase valid on `when` (dated entries first, undated as fallback)."""
        found = self.entries.get(_norm(phrase))
        if not found:
            return None
        undated = None
        for entry in found:
            if entry.dated:
                if when is not None and entry.valid_on(when):
                    return entry
            elif undated is None:
                undated = entry
        if undated is not None:
            return undated
        if when is None:
            # no date to choose by: the most recent role
            return max(found, key=lambda e: e.start or date.min)
        return None

    def canonical_name(self, code: str) -> str:
        return self.names.get(code) or self.names.get(code[:3]) or code

    @classmethod
    def load(cls, paths: Iterable[Path]) -> ActorDictionary:
        d = cls()
        for path in paths:
            d.read(path)
        return d

    def read(self, path: Path) -> None:
        for where, cols in tsv_rows(path):
            try:
                self.add(_parse_actor_row(cols, where))
            except (DictionaryError, ValueError) as exc:
                self.problems.append(f"{where}: {exc}")


def tsv_rows(path: Path) -> Iterator[tuple[str, list[str]]]:
    """("file:line", columns) of a dictionary TSV, skipping blank lines and comments."""
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            text = line.rstrip("\n")
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            text = text.split("\t#", 1)[0]
            yield f"{path}:{lineno}", [c.strip() for c in text.split("\t")]


def _parse_actor_row(cols: list[str], where: str) -> ActorEntry:
    if len(cols) < 3 or len(cols) > 5:
        raise DictionaryError(f"expected 3 to 5 tab-separated columns, got {len(cols)}")
    code, kind, phrase = cols[0], cols[1], cols[2]
    if not all(_CODE_RE.match(part) for part in code.split("/")):
        raise DictionaryError(f"bad actor code {code!r}")
    if kind not in KINDS:
        raise DictionaryError(f"unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})")
    if not phrase:
        raise DictionaryError("empty phrase")
    start = _parse_date(cols[3], end=False) if len(cols) > 3 else None
    end = _parse_date(cols[4], end=True) if len(cols) > 4 else None
    if start and end and start > end:
        raise DictionaryError(f"date range ends before it starts ({cols[3]} > {cols[4]})")
    return ActorEntry(code=code, kind=kind, phrase=phrase, start=start, end=end, origin=where)


@dataclass
class AgentDictionary:
    entries: dict[str, AgentEntry] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, paths: Iterable[Path]) -> AgentDictionary:
        d = cls()
        for path in paths:
            d.read(path)
        return d

    def read(self, path: Path) -> None:
        for where, cols in tsv_rows(path):
            if len(cols) not in (2, 3) or not cols[1]:
                self.problems.append(f"{where}: expected SECTOR<TAB>PHRASE[<TAB>PLURAL]")
                continue
            sector = cols[0]
            prefix = sector.endswith("~")
            sector = sector.removesuffix("~")
            if not re.fullmatch(r"([A-Z]{3})+", sector):
                self.problems.append(f"{where}: bad sector code {sector!r}")
                continue
            sectors = tuple(sector[i:i + 3] for i in range(0, len(sector), 3))
            entry = AgentEntry(sectors=sectors, phrase=cols[1], origin=where, prefix=prefix)
            plural = cols[2] if len(cols) == 3 and cols[2] else pluralize(cols[1])
            for form in {cols[1], plural}:
                self.entries.setdefault(_norm(form), entry)


@dataclass(frozen=True)
class Mention:
    start: int  # token index in the Doc
    end: int
    kind: str  # "actor" | "agent"
    key: str  # normalised phrase


def _is_abbreviation(phrase: str) -> bool:
    return any(len(w) <= 4 and w.isupper() and w.isalpha() for w in phrase.replace(".", "").split())


class ActorMatcher:
    """Finds actor and agent phrases in Docs (PhraseMatcher; built once per vocabulary)."""

    def __init__(self, nlp, actors: ActorDictionary, agents: AgentDictionary, gazetteer=None):
        self.actors = actors
        self.agents = agents
        self.gazetteer = gazetteer  # dyad.where.Gazetteer: countries of places named in the text
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._capitalised: set[str] = set()
        lower_docs, exact_docs, agent_docs = [], [], []
        for key, entries in actors.entries.items():
            # every spelling written: "ISIS" (an abbreviation, matched as written) and
            # "Isis" (a name, as the Guardian writes it) share one key
            spellings = list(dict.fromkeys(e.phrase for e in entries))
            abbreviations = [ph for ph in spellings if _is_abbreviation(ph)]
            names = [ph for ph in spellings if not _is_abbreviation(ph)]
            if abbreviations and names and len({e.code for e in entries}) > 1:
                names = []  # "SADR" (Western Sahara) is not "Sadr" (a person): as written only
            for phrase in abbreviations:
                exact_docs.append(nlp.make_doc(phrase))
                exact_docs.append(nlp.make_doc(phrase.upper()))
            if names:
                lower_docs.append(nlp.make_doc(names[0]))
                if names[0][:1].isupper():
                    self._capitalised.add(key)
        for key in agents.entries:
            agent_docs.append(nlp.make_doc(key))
        self._lower.add("ACTOR", lower_docs)
        self._exact.add("ACTOR", exact_docs)
        self._lower.add("AGENT", agent_docs)
        self._actor_id = nlp.vocab.strings["ACTOR"]

    def find(self, doc: Doc) -> list[Mention]:
        """Longest non-overlapping matches of each kind, in text order."""
        caseless = _caseless(doc)
        actor_spans: list[tuple[int, int]] = []
        agent_spans: list[tuple[int, int]] = []
        for match_id, start, end in list(self._lower(doc)) + list(self._exact(doc)):
            if match_id == self._actor_id:
                key = _norm(doc[start:end].text)
                if not caseless and key in self._capitalised and doc[start].text.islower():
                    continue  # "turkey" the bird, "china" the porcelain
                actor_spans.append((start, end))
            else:
                agent_spans.append((start, end))
        actors = _longest(actor_spans)
        mentions = [Mention(s, e, "actor", _norm(doc[s:e].text)) for s, e in actors]
        # an agent word inside a name is not an agent ("Soviet Union", "African Union")
        inside = {i for s, e in actors if e - s > 1 for i in range(s, e)}
        mentions += [Mention(s, e, "agent", _norm(doc[s:e].text)) for s, e in _longest(agent_spans)
                     if not all(i in inside for i in range(s, e))]
        mentions.sort(key=lambda m: m.start)
        return mentions


def _caseless(doc: Doc) -> bool:
    """True when the text has no usable case (all upper or all lower)."""
    letters = [c for c in doc.text[:2000] if c.isalpha()]
    if len(letters) < 12:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper > 0.85 * len(letters) or upper == 0


def _longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: set[int] = set()
    out = []
    for s, e in spans:
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        out.append((s, e))
    return sorted(out)


@dataclass
class ArticleContext:
    """What earlier sentences of the same article tell about actors.

    Created per article by the pipeline and passed to each sentence explicitly.
    """

    published: date | None = None
    dateline_country: str | None = None
    dateline_place: object | None = None  # dyad.where.Place of the dateline
    names: dict[str, Actor] = field(default_factory=dict)  # "najjar" → IRNGOV actor
    recent: list[Actor] = field(default_factory=list)  # actors in order of mention
    subjects: list[Actor] = field(default_factory=list)  # actors that were grammatical subjects
    persons: list[Actor] = field(default_factory=list)  # subjects that are persons ("he", "she")
    groups: list[tuple[Actor, ...]] = field(default_factory=list)  # compound actors ("Iran and Iraq")

    def remember(self, actors: Sequence[Actor], subjects: Sequence[tuple[Actor, bool]] = (),
                 groups: Sequence[Sequence[Actor]] = ()) -> None:
        """Record a sentence's actors, its subjects (with whether each is a person) and its
        coordinated actors ("Iran and Iraq")."""
        for a in actors:
            self.recent.append(a)
        del self.recent[:-20]
        for actor, person in subjects:
            self.subjects.append(actor)
            if person:
                self.persons.append(actor)
        del self.subjects[:-10]
        del self.persons[:-10]
        for group in groups:
            distinct = _distinct(group)
            if len(distinct) >= 2:
                self.groups.append(tuple(distinct))
        del self.groups[:-5]

    def last_pair(self) -> tuple[Actor, ...] | None:
        if self.groups:
            return self.groups[-1]
        countries: list[Actor] = []
        for a in reversed(self.recent):
            if all(a.country != b.country for b in countries):
                countries.append(a)
            if len(countries) == 2:
                return tuple(reversed(countries))
        return None


def _distinct(actors: Sequence[Actor]) -> list[Actor]:
    out: list[Actor] = []
    for a in actors:
        if all(a.code != b.code for b in out):
            out.append(a)
    return out


class SentenceActors:
    """Actors of one sentence: noun phrase composition, coordination and reference.

    `actors_at(token)` returns the actors the noun phrase headed by `token` names (several
    for "Iran and Iraq"), resolving pronouns and "the two sides" from the article context.
    """

    def __init__(self, sent: Span, mentions: Sequence[Mention], matcher: ActorMatcher, context: ArticleContext,
                 hidden: frozenset[int] = frozenset(), unknown_country: bool = False):
        self.sent = sent
        self.hidden = hidden  # tokens of clauses not coded (dyad.commas): they name no actor
        # PETRARCH's rule: an agent of no known country is '---' + its sector ("a senior
        # official" → ---GOV); by Dyad's conventions it is no actor (not identifiable)
        self.unknown_country = unknown_country
        self.doc = sent.doc
        self.matcher = matcher
        self.context = context
        self.when = context.published
        self._actor_at: dict[int, Mention] = {}
        self._agent_at: dict[int, Mention] = {}
        for m in mentions:
            index = self._actor_at if m.kind == "actor" else self._agent_at
            for i in range(m.start, m.end):
                index[i] = m
        self._memo: dict[int, Actor | None] = {}
        # token → (first code, other codes) of a multi-code entry
        self._companions: dict[int, tuple[str, tuple[str, ...]]] = {}
        self._resolving: set[int] = set()  # tokens whose actors are being worked out

    # -- single noun phrases -------------------------------------------------------------

    def entry_at(self, i: int) -> ActorEntry | None:
        m = self._actor_at.get(i)
        if m is None:
            return None
        entry = self.matcher.actors.lookup(m.key, self.when)
        if entry is not None and "/" in entry.code:
            # a phrase naming several actors at once (TABARI's [FRO/BIL/SAM]): the first
            # composes as usual, the others follow it (`_with_companions`)
            first, *others = entry.code.split("/")
            self._companions[i] = (first, tuple(others))
            entry = replace(entry, code=first)
        return entry

    def _with_companions(self, actor: Actor, tokens: Iterable[Token]) -> list[Actor]:
        """The actor, and the actors a multi-code phrase among `tokens` also names (with the
        same sectors: "Shire officials" → FROGOV, BILGOV, SAMGOV)."""
        out = [actor]
        for t in tokens:
            first, others = self._companions.get(t.i, ("", ()))
            if not first or not actor.code.startswith(first):
                continue
            for code in others:
                out.append(replace(actor, code=code + actor.code[len(first):], country=decode_code(code)[0],
                                   name=self.matcher.actors.canonical_name(code)))
        return out

    def agent_at(self, i: int) -> AgentEntry | None:
        """The agent (a role or sector word) at token i; a prefix agent ([NGO~]) is not one
        here but is applied by `_compose` to the whole actor."""
        entry = self._any_agent_at(i)
        return entry if entry is not None and not entry.prefix else None

    def _any_agent_at(self, i: int) -> AgentEntry | None:
        m = self._agent_at.get(i)
        return self.matcher.agents.entries.get(m.key) if m else None

    def np_tokens(self, head: Token) -> list[Token]:
        """The head and its left modifiers (recursively), as a noun chunk."""
        out = [head]
        stack = [c for c in head.lefts if c.dep_ in NP_LEFT_DEPS]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(c for c in t.children if c.dep_ in NP_LEFT_DEPS or c.i < t.i)
        out.sort(key=lambda t: t.i)
        return out

    def actor(self, head: Token) -> Actor | None:
        """The single actor named by the noun phrase headed by `head` (no coordination)."""
        if head.i in self.hidden:
            return None
        if head.i in self._memo:
            return self._memo[head.i]
        self._memo[head.i] = None  # guard against cycles
        actor = self._compose(head)
        self._memo[head.i] = actor
        return actor

    def _compose(self, head: Token, tokens: list[Token] | None = None) -> Actor | None:
        lower = head.lower_
        if head.pos_ == "PRON" or (lower in PRONOUNS and head.tag_ in ("PRP", "PRP$")):
            return self._pronoun(head)
        tokens = tokens or self.np_tokens(head)
        actor = self._compose_phrase(head, tokens)
        prefixes = [a for a in (self._any_agent_at(t.i) for t in tokens) if a is not None and a.prefix]
        if actor is None and prefixes and self._any_agent_at(head.i) in prefixes:
            # "the French relief agency" ([NGO~]): the country's, under the prefix
            country = next((e for e in map(self.entry_at, (t.i for t in tokens))
                            if e is not None and e.kind in ("name", "adj", "capital")), None)
            if country is not None:
                actor = self._country_actor(country, (), " ".join(t.text for t in tokens))
        if actor is None:
            return None
        # prefix agents ("MSF Arnor" → NGOARN): before the code, once
        for agent in dict.fromkeys(prefixes):
            add = "".join(agent.sectors)
            if not any(actor.code[k:k + len(add)] == add for k in range(0, len(actor.code), 3)):
                actor = replace(actor, code=add + actor.code, sectors=agent.sectors + actor.sectors)
        return actor

    def _compose_phrase(self, head: Token, tokens: list[Token]) -> Actor | None:
        texts = " ".join(t.text for t in tokens)
        entity: ActorEntry | None = None  # person/org/name/capital covering the head or nearest
        country_entry: ActorEntry | None = None
        head_entry = self.entry_at(head.i)
        agent: AgentEntry | None = self.agent_at(head.i)
        for t in tokens:
            e = self.entry_at(t.i)
            if e is not None and _sponsor_modifier(t):
                continue  # "Turkish-backed rebels" are not Turkish
            if e is not None:
                if e.kind in ("person", "org") and (entity is None or t.i == head.i):
                    entity = e
                elif e.kind in ("name", "adj", "capital") and country_entry is None:
                    country_entry = e
            # a role word before a name ("Defense Minister Najjar") names the person's role;
            # before an ordinary noun ("military bases", "police station") it does not
            if agent is None and (head.pos_ == "PROPN" or self.unknown_country):
                # (PETRARCH's rules: an agent word anywhere in the noun phrase, "the official
                # news agency")
                a = self.agent_at(t.i)
                if a is not None and t.i > head.i - 6:
                    agent = a
        # proper-name heads introduced earlier in the article ("Najjar said"), or described
        # by an apposition ("Najjar, Iran's defense minister, said")
        if head_entry is None and entity is None and head.pos_ == "PROPN" and agent is None and country_entry is None:
            known = self._known_name(head, tokens)
            if known is not None:
                return known
            for c in head.children:
                if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN"):
                    described = self.actor(c)
                    if described is not None:
                        self._learn_name(head, tokens, described)
                        return described
        if head_entry is not None and head_entry.kind in ("person", "org"):
            entity = head_entry
        if entity is not None:
            country, sectors = decode_code(entity.code)
            code = entity.code
            if agent is not None and entity.kind == "org" and not set(agent.sectors) <= set(sectors):
                extra = tuple(s for s in agent.sectors if s not in sectors)
                code += "".join(extra)
                sectors = sectors + extra
            actor = Actor(code=code, country=country, sectors=sectors,
                          name=self.matcher.actors.canonical_name(entity.code) if entity.kind != "person" else entity.phrase,
                          text=texts)
            self._learn_name(head, tokens, actor)
            return actor
        # "the leader of al-Shabaab": a person of an organisation is coded as the organisation
        if entity is None and country_entry is None and agent is not None:
            org = self._right_org(head)
            if org is not None:
                country, sectors = decode_code(org.code)
                return Actor(code=org.code, country=country, sectors=sectors,
                             name=self.matcher.actors.canonical_name(org.code), text=texts)
        # country from the right: "the army of Iraq", "opposition groups in Zimbabwe"
        if country_entry is None and agent is not None:
            country_entry = self._right_country(head)
        if head_entry is not None and head_entry.kind in ("name", "adj", "capital") and agent is None:
            # the head itself is a country, demonym or capital: "Iran", "the Iranians", "Tehran"
            return self._country_actor(head_entry, (), texts)
        if agent is None:
            return None
        if country_entry is None:
            # (PETRARCH's rules: only the phrase itself gives an agent its country)
            country = None if self.unknown_country else self._context_country(head)
            if country is None:
                if agent.sectors[0] in ("NGO", "IGO"):
                    # "foreign aid agencies", "rights groups": international, of no one country
                    return Actor(code=agent.sectors[0], country=None, sectors=agent.sectors, name=agent.phrase, text=texts)
                if self.unknown_country:
                    return Actor(code="---" + "".join(agent.sectors), country=None, sectors=agent.sectors,
                                 name=agent.phrase, text=texts)
                return None
            actor = Actor(code=country + "".join(agent.sectors), country=country, sectors=agent.sectors,
                          name=f"{self.matcher.actors.canonical_name(country)} ({agent.phrase})", text=texts)
        else:
            actor = self._country_actor(country_entry, agent.sectors, texts, agent.phrase)
        self._learn_name(head, tokens, actor)
        # "his Iraqi counterpart Abdul Qadir al-Mifarji": the apposed name takes the role
        for c in head.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and self.entry_at(c.i) is None:
                self._learn_name(c, self.np_tokens(c), actor)
        return actor

    def _country_actor(self, entry: ActorEntry, sectors: tuple[str, ...], text: str, role: str = "") -> Actor:
        country, own = decode_code(entry.code)
        if sectors:
            own = tuple(s for s in own if s not in ("GOV",) or "GOV" in sectors)  # capital + agent → agent
            own = tuple(dict.fromkeys(own + sectors))
        prefix = entry.code[:3]
        code = prefix + "".join(own) if country or prefix in INTERNATIONAL or prefix in REGIONS else entry.code
        name = self.matcher.actors.canonical_name(prefix)
        if role:
            name = f"{name} ({role})"
        return Actor(code=code, country=country, sectors=own, name=name, text=text)

    def _right_org(self, head: Token) -> ActorEntry | None:
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        for t in self.np_tokens(pobj):
                            e = self.entry_at(t.i)
                            if e is not None and e.kind == "org":
                                return e
        return None

    def _right_country(self, head: Token) -> ActorEntry | None:
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "from"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        for t in self.np_tokens(pobj):
                            e = self.entry_at(t.i)
                            if e is not None and e.kind in ("name", "adj", "capital"):
                                return e
                        country = self._place_country(pobj)
                        if country:
                            return ActorEntry(code=country, kind="name", phrase=pobj.text)
        return None

    def _right_countries(self, head: Token) -> list[tuple[Token, ActorEntry]]:
        """The countries of an "of/in/from" phrase after `head` with its conjuncts ("of
        Arnor, Osgiliath and Gondor"), in order; empty unless each conjunct is a country."""
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "from"):
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    out = []
                    for t in [pobj] + _conjuncts(pobj):
                        e = self.entry_at(t.i)
                        if e is None or e.kind not in COUNTRY_KINDS:
                            return []
                        out.append((t, e))
                    return out
        return []

    def place_actors(self, token: Token, exclude: set[str | None] = frozenset()) -> list[Actor]:
        """The country of a place name at `token` as an actor ("from Incirlik" → TUR), unless
        it is one of `exclude`; none for a word that is no place name."""
        if token.pos_ != "PROPN" or token.i in self.hidden or token.lower_ in WATER_NOUNS | BORDER_NOUNS:
            return []  # "in the Gulf": open water is no one's country
        country = self._place_country(token)
        if country is None or country in exclude:
            return []
        return [Actor(code=country, country=country, sectors=(), name=self.matcher.actors.canonical_name(country),
                      text=token.text)]

    def _place_country(self, token: Token) -> str | None:
        """The country of a place name (a country, capital or city) at `token`."""
        e = self.entry_at(token.i)
        if e is not None and e.kind in ("name", "capital"):
            return decode_code(e.code)[0]
        if token.pos_ == "PROPN" and self.matcher.gazetteer is not None:
            place = self.matcher.gazetteer.best(place_name(token), [self.context.dateline_country])
            if place is not None:
                return place.country
        return None

    def _context_country(self, head: Token) -> str | None:
        """Country for an agent with none in its phrase: a place in the clause ("police
        fired tear gas in Cairo"), else the article's dateline country."""
        verb = head.head
        for _ in range(4):  # "abducted ... by gunmen": the verb above the preposition
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        for t in verb.subtree if verb.i != head.i else ():
            if t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "near", "outside") and t.head.head.i == verb.i:
                country = self._place_country(t)
                if country:
                    return country
        if self.context.dateline_country:
            return self.context.dateline_country
        # no dateline (a sentence on its own): the only country the sentence names
        countries = {decode_code(e.code)[0] for e in (self.entry_at(t.i) for t in self.sent)
                     if e is not None and e.kind in ("name", "adj", "capital")}
        countries.discard(None)
        if len(countries) == 1:
            return countries.pop()
        return None

    def _known_name(self, head: Token, tokens: list[Token]) -> Actor | None:
        names = self.context.names
        propn = [t for t in tokens if t.pos_ == "PROPN"]
        full = _norm(self.doc[propn[0].i: head.i + 1].text) if propn else head.lower_
        return names.get(full) or names.get(head.lower_) or names.get(head.lower_.removeprefix("al-"))

    def _learn_name(self, head: Token, tokens: list[Token], actor: Actor) -> None:
        """Remember a person's name introduced with a role ("Defense Minister Najjar")."""
        if head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", ""):
            return
        if self.entry_at(head.i) is not None or self.agent_at(head.i) is not None:
            return
        name_tokens = [t for t in tokens if t.pos_ == "PROPN" and self.entry_at(t.i) is None and self.agent_at(t.i) is None]
        if not name_tokens or name_tokens[-1].i != head.i:
            return
        # the contiguous run of name tokens ending at the head
        run = [head]
        for t in reversed(name_tokens[:-1]):
            if t.i == run[0].i - 1:
                run.insert(0, t)
        names = self.context.names
        names[_norm(self.doc[run[0].i: run[-1].i + 1].text)] = actor
        names[head.lower_] = actor
        if head.lower_.startswith("al-"):
            names[head.lower_[3:]] = actor

    def _pronoun(self, head: Token) -> Actor | None:
        kind = PRONOUNS.get(head.lower_)
        if kind is None or kind == "group" and head.lower_ in ("we", "our"):
            return None
        # a possessive refers first to the subject of its clause ("Moscow agreed to discuss ...
        # in its talks with Peking")
        if head.dep_ == "poss":
            subject = self._clause_subject(head)
            if subject is not None and subject.i < head.i:
                a = self.actor(subject)
                if a is not None and (kind == "group" or (kind == "person") == self.is_person(subject)):
                    return a
        # nearest compatible actor before the pronoun in this sentence, then the context
        for t in reversed(list(self.sent[: head.i - self.sent.start])):
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"):
                a = self.actor(t)
                if a is not None and _compatible(kind, a) and (kind == "group" or (kind == "person") == self.is_person(t)):
                    return a
        # an earlier sentence: its subjects first ("Najjar said ... He added"), then any actor
        pools = (self.context.persons,) if kind == "person" else (self.context.subjects, self.context.recent)
        for pool in pools:
            for a in reversed(pool):
                if _compatible(kind, a):
                    return a
        return None

    # -- coordination and reference ------------------------------------------------------

    def actors_at(self, token: Token | None) -> list[Actor]:
        """All actors of the noun phrase at `token`, expanding "X and Y" and "the two sides"."""
        if token is None or token.i in self.hidden or token.i in self._resolving:
            # (a phrase that refers back to itself: "hundreds of their supporters" → "their"
            # → the nearest group before it → "hundreds of ...")
            return []
        self._resolving.add(token.i)
        try:
            return self._actors_at(token)
        finally:
            self._resolving.discard(token.i)

    def _actors_at(self, token: Token) -> list[Actor]:
        if token.lower_ in ("which", "who", "whom", "that") and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            # a relative pronoun stands for the noun its clause modifies ("Iran, which the
            # Americans blame for ...")
            token = token.head.head
        pair = self._pair_reference(token)
        if pair is not None:
            return list(pair)
        if token.lower_ in ("they", "them", "their"):
            group = self._group_reference(token)
            if group:
                return group
        inner = quantity_of(token)  # "thousands of Iraqi Kurds", "dozens of protesters"
        if inner is not None:
            return self.owners_at(inner)
        out: list[Actor] = []
        for t in [token] + _conjuncts(token):
            a = self.actor(t)
            if a is None and t.dep_ not in ("conj",):
                continue
            if a is not None and all(a.code != b.code or a.text != b.text for b in out):
                out.extend(self._with_companions(a, self.np_tokens(t)))
                out.extend(b for b in self._coordinated_modifiers(t, a) if all(b.code != c.code for c in out))
        if out and token.pos_ == "PROPN":
            # "Fornost and the awful Gondor" misparsed as a modifier of the last name: a name
            # modifier that carries its own "and" is a member of the compound
            for c in token.lefts:
                if c.dep_ in ("nmod", "compound") and c.pos_ in ("PROPN", "NOUN") and any(
                        g.dep_ == "cc" for g in c.children):
                    for t in [c] + _conjuncts(c):
                        a = self.actor(t)
                        if a is not None and a.country and all(a.code != b.code for b in out):
                            out.insert(0, a)
        listed = self._listed_actors(token)
        if len(listed) > len(out):
            out = listed
        spread = self._agents_in_countries(token)
        if spread:
            out = spread
        if not out:
            single = self._single_reference(token)
            if single is not None:
                out.append(single)
        return out

    def _agents_in_countries(self, token: Token) -> list[Actor]:
        """"The ambassadors of Arnor, Osgiliath and Gondor", "lawmakers and officials in
        France and Iraq": each agent of each country, also when the parser hangs a further
        country on the agent ("Gondor" as a conjunct of "Lawmakers")."""
        if token.pos_ != "NOUN" or self.agent_at(token.i) is None:
            return []
        places = self._right_countries(token)
        if not places:
            return []
        first = places[0][0]
        for c in _conjuncts(token):
            if c.i > first.i:
                e = self.entry_at(c.i)
                if e is None or e.kind not in COUNTRY_KINDS:
                    return []
                places.append((c, e))
        agents = [token] + [c for c in _conjuncts(token) if c.i < first.i]
        if any(self.agent_at(a.i) is None for a in agents) or len(agents) * len(places) < 2:
            return []
        text = " ".join(t.text for t in self.np_tokens(token))
        return [self._country_actor(e, self.agent_at(a.i).sectors, text) for a in agents for _, e in places]

    def _listed_actors(self, token: Token) -> list[Actor]:
        """A subject written as a list before its verb ("Evil Mordor, the awful Fornost, and
        good Gondor welcomed"): one actor per member, read from the words between the commas
        and "and"s, since the parser often attaches names it does not know wrongly. Only
        plain noun phrases qualify (no preposition, verb or pronoun in the list); a member's
        actor is the first one named in it."""
        verb = token.head
        if token.dep_ not in ("nsubj", "nsubjpass") or verb.i < token.i:
            return []
        end = verb.i
        while end > token.i and self.doc[end - 1].pos_ in ("AUX", "PART"):
            end -= 1  # "have postponed", "will not"
        members: list[list[Token]] = [[]]
        for t in self.doc[token.left_edge.i: end]:
            if t.text == "," or t.pos_ == "CCONJ":
                members.append([])
            elif t.pos_ in LIST_MEMBER_POS:
                members[-1].append(t)
            else:
                return []
        members = [m for m in members if m]
        if len(members) < 2:
            return []
        out: list[Actor] = []
        for member in members:
            named = next((t for t in member if t.i in self._actor_at and t.i not in self.hidden), None)
            if named is None:
                continue  # "Lions, tigers, and Gondor": only Gondor is an actor
            a = self._compose(named, member)
            if a is not None:
                out.extend(b for b in self._with_companions(a, member) if all(b.code != c.code for c in out))
        return out

    def owners_at(self, token: Token | None, deep: bool = True, pronouns: bool = True) -> list[Actor]:
        """Actors of the noun phrase, or else of its owner: "its border posts" → the
        referent of "its", "Iraqi positions" → IRQ, "Iran's principles" → IRN; `deep` also
        looks at the participle's object ("the sanctions imposed on Zimbabwe"), the doer of an
        event noun ("the killing ... by Indonesian troops") and an "of" phrase ("inspectors of
        the IAEA"). Without `pronouns`, a possessive pronoun is not resolved ("its embassy")."""
        found = self.actors_at(token)
        if found or token is None:
            return found
        for c in token.children:
            if c.dep_ == "appos":  # "its ally Pakistan"
                found = self.actors_at(c)
                if found:
                    return found
        for c in token.children:
            if c.dep_ == "poss" and (pronouns or c.pos_ != "PRON"):
                found = self.actors_at(c)
                if found:
                    return found
        for c in (token.children if deep else ()):
            # "the sanctions imposed on Zimbabwe": the one a participle acts on
            if c.dep_ == "acl":
                for prep in c.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "to", "upon"):
                        for p in prep.children:
                            if p.dep_ == "pobj":
                                found = self.actors_at(p)
                                if found:
                                    return found
        # "the killing of civilians by Indonesian troops": the doer of an event noun first;
        # then "inspectors of the IAEA", "the presence of Turkish troops"
        for prep_word in ("by", "of") if deep else ():
            for c in token.children:
                if c.dep_ not in ("prep", "agent") or c.lower_ != prep_word:
                    continue
                for p in c.children:
                    if p.dep_ == "pobj":
                        found = self.actors_at(p)
                        if not found and prep_word == "of":
                            # "the closing of Canadian ports", "the seizure of Iran's tankers"
                            found = self.owners_at(p, deep=False, pronouns=pronouns)
                        if found:
                            return found
        # "Iraqi positions", "a British-flagged tanker" (the country word under a modifier)
        mods = [c for c in token.lefts if c.dep_ in ("amod", "compound", "nmod")]
        for c in mods + [g for m in mods for g in m.lefts if g.dep_ in ("amod", "npadvmod", "compound")]:
            e = self._country_word(c)
            if e is not None:
                # "Iraqi and Iranian positions": each coordinated country word
                found = [self._country_actor(e, (), c.text)]
                for conj in _conjuncts_any(c):
                    other = self._country_word(conj)
                    if other is not None and all(other.code != a.code for a in found):
                        found.append(self._country_actor(other, (), conj.text))
                return found
        return []

    def _country_word(self, c: Token) -> ActorEntry | None:
        """The country entry of a modifier naming a country ("Iraqi" positions), if it is one."""
        e = self.entry_at(c.i)
        if (e is not None and e.kind in ("name", "adj") and self._agent_at.get(c.i) is None
                and decode_code(e.code)[0] is not None and not _sponsor_modifier(c)):
            return e
        return None

    def bare_agent(self, token: Token | None) -> AgentEntry | None:
        """The agent of a noun phrase that names no country ("Kurdish rebels", "protesters")."""
        if token is None or token.pos_ not in ("NOUN", "PROPN"):
            return None
        inner = quantity_of(token)
        if inner is not None:
            return self.bare_agent(inner)
        return self.agent_at(token.i)

    def _pair_reference(self, token: Token) -> tuple[Actor, ...] | None:
        if token.lemma_.lower() not in PAIR_NOUNS:
            return None
        dets = {c.lower_ for c in token.children if c.dep_ in ("nummod", "det", "predet", "amod")}
        if not dets & PAIR_DETS:
            return None
        own = [a for a in (self.actor(t) for t in self.sent if t.i < token.i and t.pos_ == "PROPN") if a]
        if len(_distinct(own)) >= 2:
            return tuple(_distinct(own)[-2:])
        return self.context.last_pair()

    def _coordinated_modifiers(self, head: Token, actor: Actor) -> list[Actor]:
        """"U.S. and Japanese officials": one actor per coordinated country modifier."""
        out = []
        for c in head.lefts:
            e = self.entry_at(c.i)
            if e is None or e.kind not in ("name", "adj", "capital"):
                continue
            for conj in _conjuncts_any(c):
                ce = self.entry_at(conj.i)
                if ce is not None and ce.kind in ("name", "adj") and ce.code[:3] != actor.code[:3]:
                    country = decode_code(ce.code)[0]
                    if country:
                        out.append(Actor(code=country + "".join(actor.sectors), country=country, sectors=actor.sectors,
                                         name=self.matcher.actors.canonical_name(country), text=actor.text))
        return out

    def _group_reference(self, token: Token) -> list[Actor]:
        """"they"/"their" → the nearest coordinated actors ("Iran and Iraq ... their")."""
        for t in reversed(list(self.sent[: token.i - self.sent.start])):
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("conj", "compound", "amod"):
                # "Iran and Iraq ... their", "Indian and Chinese officials said they"
                found = _distinct(self.actors_at(t)) if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") else []
                if len(found) >= 2:
                    return found
        if self.context.groups and not any(t.pos_ in ("NOUN", "PROPN") and t.tag_ in ("NNS", "NNPS")
                                           for t in self.sent[: token.i - self.sent.start]):
            return list(self.context.groups[-1])
        return []

    def _single_reference(self, token: Token) -> Actor | None:
        """"the country" → the nearest country actor."""
        if token.lemma_.lower() not in SINGLE_REF_NOUNS or not any(c.lower_ in ("the", "this") for c in token.children):
            return None
        for t in reversed(list(self.sent[: token.i - self.sent.start])):
            if t.pos_ == "PROPN":
                a = self.actor(t)
                if a is not None and a.country and not a.sectors:
                    return a
        for a in reversed(self.context.recent):
            if a.country:
                return Actor(code=a.country, country=a.country, sectors=(), name=self.matcher.actors.canonical_name(a.country), text=token.text)
        return None

    def all_actors(self) -> list[Actor]:
        """Actors of every noun head of the sentence, in order (for the article context)."""
        out = []
        for t in self.sent:
            if t.pos_ in ("PROPN", "NOUN") and t.dep_ not in ("compound", "amod", "poss"):
                a = self.actor(t)
                if a is not None:
                    out.append(a)
        return out

    def coordinated(self) -> list[list[Actor]]:
        """Coordinated actors of the sentence: "Iran and Iraq" → [IRN, IRQ]."""
        out = []
        for t in self.sent:
            if t.pos_ in ("PROPN", "NOUN") and t.dep_ != "conj" and any(c.dep_ == "conj" for c in t.children):
                found = [a for a in (self.actor(x) for x in [t] + _conjuncts(t)) if a is not None]
                if len(_distinct(found)) >= 2:
                    out.append(_distinct(found))
        return out

    def _clause_subject(self, token: Token) -> Token | None:
        """The subject of the nearest verb above `token` (climbing infinitives and coordinations)."""
        verb = token.head
        for _ in range(8):
            if verb.pos_ in ("VERB", "AUX"):
                break
            if verb.head.i == verb.i:
                return None
            verb = verb.head
        for _ in range(4):
            for c in verb.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN"):
                    return c
            if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
                verb = verb.head
            else:
                return None
        return None

    def is_person(self, t: Token) -> bool:
        """Whether the noun phrase at `t` names a person (for "he"/"she")."""
        if t.pos_ == "PROPN":
            e = self.entry_at(t.i)
            return e is None or e.kind == "person"
        return t.tag_ == "NN" and t.lemma_.lower() not in COLLECTIVE_NOUNS and self.agent_at(t.i) is not None

    def subject_actors(self) -> list[tuple[Actor, bool]]:
        """Actors that are grammatical subjects in the sentence, in order, with whether each
        is a person."""
        out = []
        for t in self.sent:
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("PROPN", "NOUN"):
                a = self.actor(t)
                if a is not None:
                    out.append((a, self.is_person(t)))
        return out


SPONSOR_WORDS = frozenset({"backed", "led", "sponsored", "supported", "funded", "trained", "armed", "allied",
                           "aligned", "controlled", "brokered", "installed", "friendly", "leaning"})


def _sponsor_modifier(t: Token) -> bool:
    """A country word in "Turkish-backed", "U.S.-led": it names a sponsor, not the nationality."""
    doc = t.doc
    nxt = t.i + 1
    if nxt < len(doc) and doc[nxt].text == "-" and not t.whitespace_:
        nxt += 1
    return nxt < len(doc) and doc[nxt].lower_ in SPONSOR_WORDS and not doc[nxt - 1].whitespace_


def _compatible(kind: str, actor: Actor) -> bool:
    if kind == "person":
        return bool(actor.sectors)
    return True  # "it" is a country, an organisation or a body; "they" anything


LIST_MEMBER_POS = frozenset({"DET", "ADJ", "PROPN", "NOUN", "NUM"})
COUNTRY_KINDS = ("name", "adj", "capital")


def _conjuncts_any(token: Token) -> list[Token]:
    out = []
    for c in token.children:
        if c.dep_ == "conj":
            out.append(c)
            out.extend(_conjuncts_any(c))
    return out


def _conjuncts(token: Token) -> list[Token]:
    out = []
    for c in token.children:
        if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out.append(c)
            out.extend(_conjuncts(c))
    return out


def load_actor_dictionaries(paths: Sequence[Path] | None = None) -> ActorDictionary:
    paths = list(paths) if paths else sorted((DATA / "actors").glob("*.tsv"))
    return ActorDictionary.load(paths)


def load_agent_dictionary(paths: Sequence[Path] | None = None) -> AgentDictionary:
    paths = list(paths) if paths else [DATA / "agents.tsv"]
    return AgentDictionary.load([p for p in paths if p.exists()])

