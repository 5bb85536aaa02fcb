"""The coder: articles in, events out. The Python API behind the `dyad` command.

    from dyad import Coder
    coder = Coder()
    for result in coder.code_articles(articles):
        for event in result.events:
            print(event.to_dict())

`Coder` owns the loaded resources (spaCy pipeline, dictionaries, patterns, ontology); each
call passes its records explicitly, so several coders can live in one process.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Span

from dyad import when
from dyad.actors import (
    ActorDictionary,
    ActorMatcher,
    AgentDictionary,
    ArticleContext,
    SentenceActors,
    decode_code,
    load_actor_dictionaries,
    load_agent_dictionary,
)
from dyad.commas import CommaClauses
from dyad.events import EventCoder, Fact, Trace
from dyad.nlp import Truecaser, load_pipeline, model_name, paragraphs
from dyad.ontology import Ontology, default_ontology
from dyad.patterns import PatternSet, load_patterns, merge_patterns
from dyad.records import Actor, Article, Event, Location
from dyad.where import BORDER_NOUNS, WATER_NOUNS, Gazetteer, clause_places

DATA = Path(__file__).parent / "data"
MAX_EVENTS_PER_SENTENCE = 12
CODING_OPTIONS = ("require_dyad", "comma_clauses", "petrarch_rules")  # changed by Coder.with_options
# material-conflict roots whose events take the place's country as target when they have none
PLACE_TARGET_ROOTS = frozenset({"15", "17", "18", "19", "20"})
# roots whose events between the members of a compound actor, with no other party named,
# are taken as mutual (intents, consultation, diplomatic and material cooperation, fighting)
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "19"})
# ... except one-sided acts of those roots: praise/endorsement, verbal defence, rallying support
NOT_RECIPROCAL = frozenset({"051", "052", "053"})
# roots of events that are mostly domestic: without a named target they target the source's
# own country (appeals, support, concessions, investigations, demands, criticism, refusals,
# protests, coercion, assaults, mass violence). Statements, intents, meetings, cooperation,
# aid, threats, force posture, sanctions and fighting are not: without a named target they
# keep none.
# roots whose events stand without a target: statements ("voiced optimism"), protests
# ("demonstrators rioted"), shows of force ("troops were deployed")
UNTARGETED_ROOTS = frozenset({"01", "14", "15"})
DOMESTIC_TARGET_ROOTS = frozenset({"02", "05", "08", "09", "10", "11", "12", "14", "17", "18", "20"})


@dataclass
class CoderConfig:
    """Settings of a coder. Dictionary paths of a kind replace the built-in ones of that kind."""

    model: str | None = None
    actor_dictionaries: list[Path] = field(default_factory=list)
    agent_dictionaries: list[Path] = field(default_factory=list)
    pattern_files: list[tuple[Path, bool]] = field(default_factory=list)  # (path, is_noun_file)
    verb_dictionaries: list[Path] = field(default_factory=list)  # PETRARCH/TABARI verb files
    discard_files: list[Path] = field(default_factory=list)  # sentence and story discards
    issue_files: list[Path] = field(default_factory=list)  # issue dictionaries
    batch_size: int = 256
    # PETRARCH's coding options (off by default; docs/dictionaries.md, "PETRARCH's options"):
    # events need a source and a target; short comma-delimited clauses are not coded
    require_dyad: bool = False
    comma_clauses: CommaClauses | None = None
    # PETRARCH's rules where they differ from Dyad's conventions: an agent of no known
    # country is coded '---' + its sector ("a senior official" → ---GOV), statements are
    # coded beside other events, peer patterns are matched on the word sequence (the
    # full list: docs/dictionaries.md)
    petrarch_rules: bool = False


@dataclass
class SentenceRecord:
    index: int
    text: str


@dataclass
class ArticleResult:
    article: Article
    sentences: list[SentenceRecord]
    events: list[Event]


class Coder:
    """Loads the resources once; codes articles, texts and single sentences."""

    def __init__(self, config: CoderConfig | None = None, nlp=None):
        self.config = config or CoderConfig()
        self.model = model_name(self.config.model)
        self.nlp = nlp if nlp is not None else load_pipeline(self.model)
        self.ontology: Ontology = default_ontology()
        cfg = self.config
        self.actor_dict: ActorDictionary = _read_each(cfg.actor_dictionaries, "read_actors") if cfg.actor_dictionaries \
            else load_actor_dictionaries()
        self.agent_dict: AgentDictionary = _read_each(cfg.agent_dictionaries, "read_agents") if cfg.agent_dictionaries \
            else load_agent_dictionary()
        replaced = bool(cfg.pattern_files or cfg.verb_dictionaries)
        # a user's pattern files, like peer verb dictionaries, keep codes Dyad's CAMEO table
        # does not have (a dictionary's own variants, PETRARCH's test codes): a dictionary
        # converted with `dyad dict convert` codes as the original does; `dyad dict check`
        # lists such codes. Dyad's own files are checked against the table.
        self.patterns: PatternSet = load_patterns(DATA / "patterns", None if replaced else self.ontology,
                                                  cfg.pattern_files if replaced else None)
        for path in cfg.verb_dictionaries:
            from dyad.compat.petrarch_verbs import read_verbs

            merge_patterns(self.patterns, read_verbs(Path(path), None).patterns)
        self.discards = _read_discards(cfg.discard_files)
        self.issues = _read_issues(cfg.issue_files)
        self.gazetteer = Gazetteer()
        self.matcher = ActorMatcher(self.nlp, self.actor_dict, self.agent_dict, self.gazetteer)
        self.events = EventCoder(self.patterns, self.ontology, petrarch=self.config.petrarch_rules)
        entries = [e for group in self.actor_dict.entries.values() for e in group]
        self.truecaser = Truecaser.from_phrases(
            always=[e.phrase for e in entries if e.kind in ("name", "adj")]
            + [p.name for places in self.gazetteer.major_places() for p in places if p.kind == "country"],
            unless_common=[e.phrase for e in entries if e.kind not in ("name", "adj")]
            + [p.name for places in self.gazetteer.major_places() for p in places if p.kind == "city"],
            nlp=self.nlp,
            common_words={w for key in self.agent_dict.entries for w in key.split()}
            | {w for p in self.patterns.all_patterns() for w in p.text.replace("|", " ").split()}
            - set(self.actor_dict.entries),
        )

    @property
    def problems(self) -> list[str]:
        """Malformed dictionary lines that were skipped."""
        out = self.actor_dict.problems + self.agent_dict.problems + self.patterns.problems
        for extra in (self.discards, self.issues):
            out = out + list(getattr(extra, "problems", ()))
        return out

    # -- articles ------------------------------------------------------------------------

    def code_articles(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Parse articles in batches (nlp.pipe) and code them, in input order."""
        pending: dict[int, Article] = {}

        def chunks() -> Iterator[tuple[str, tuple[int, str]]]:
            for n, article in enumerate(articles):
                pending[n] = article
                paras = list(paragraphs(article.text))
                if not paras:
                    yield "", (n, "")
                for p in paras:
                    yield self.truecaser(p), (n, p)

        docs = self.nlp.pipe(chunks(), as_tuples=True, batch_size=self.config.batch_size)
        for n, group in itertools.groupby(docs, key=lambda pair: pair[1][0]):
            article = pending.pop(n)
            parsed = list(group)
            yield self.code_parsed(article, [doc for doc, _ in parsed], [orig for _, (_, orig) in parsed])

    def code_parsed(self, article: Article, docs: Sequence[Doc], originals: Sequence[str] | None = None) -> ArticleResult:
        """Code an article whose paragraphs are already parsed (`originals`: the paragraph
        texts before truecasing, for the sentence text of the records)."""
        dateline = self.gazetteer.best(article.dateline) if article.dateline else None
        context = ArticleContext(published=article.published, dateline_country=self._dateline_country(article, dateline),
                                 dateline_place=dateline)
        sentences: list[SentenceRecord] = []
        events: list[Event] = []
        index = 0
        story_discarded = self.discards is not None and any(
            self.discards.match(doc.text) == "story" for doc in docs if doc.text.strip())
        for n, doc in enumerate(docs):
            if not doc.text.strip():
                continue
            original = originals[n] if originals is not None else doc.text
            mentions = self.matcher.find(doc)
            for sent in doc.sents:
                text = original[sent.start_char:sent.end_char].strip()
                if not text:
                    continue
                hidden = self.hidden_tokens(sent)
                actors = self.sentence_actors(sent, mentions, context, hidden)
                discarded = story_discarded or (self.discards is not None and self.discards.match(sent.text) is not None)
                facts = [] if discarded else self.events.code_sentence(sent, actors, hidden=hidden)
                coded = self._events(article, index, sent, facts, actors, text)
                if self.issues is not None and coded:
                    found = tuple(self.issues.match(sent.text))
                    for e in coded:
                        e.issues = found
                events.extend(coded)
                context.remember(actors.all_actors(), actors.subject_actors(), actors.coordinated())
                sentences.append(SentenceRecord(index=index, text=text))
                index += 1
        return ArticleResult(article=article, sentences=sentences, events=events)

    def hidden_tokens(self, sent: Span) -> frozenset[int]:
        """Tokens of the comma-delimited clauses not coded (`comma_clauses`), else none."""
        rule = self.config.comma_clauses
        return rule.hidden(sent) if rule is not None and rule.active else frozenset()

    def with_options(self, **changes) -> Coder:
        """A coder sharing this one's loaded resources with other coding options
        (`require_dyad`, `comma_clauses`, `petrarch_rules`): cheap, for validation files that
        change them between records."""
        unknown = set(changes) - set(CODING_OPTIONS)
        if unknown:
            raise TypeError(f"not a coding option: {', '.join(sorted(unknown))}")
        other = copy.copy(self)
        other.config = dataclasses.replace(self.config, **changes)
        other.events = EventCoder(self.patterns, self.ontology, petrarch=other.config.petrarch_rules)
        return other

    def sentence_actors(self, sent: Span, mentions, context: ArticleContext, hidden: frozenset[int]) -> SentenceActors:
        """The actors of a sentence from the document's mentions (those in `hidden` clauses
        left out), with this coder's rules."""
        own = [m for m in mentions if sent.start <= m.start < sent.end
               and not (hidden and any(i in hidden for i in range(m.start, m.end)))]
        return SentenceActors(sent, own, self.matcher, context, hidden, unknown_country=self.config.petrarch_rules)

    def _dateline_country(self, article: Article, place) -> str | None:
        if not article.dateline:
            return None
        entry = self.actor_dict.lookup(article.dateline, article.published)
        if entry is not None and entry.kind in ("name", "capital"):
            return decode_code(entry.code)[0]
        return place.country if place is not None else None

    # -- facts → event records -----------------------------------------------------------

    def _events(self, article: Article, index: int, sent: Span, facts: list[Fact], actors: SentenceActors,
                text: str | None = None) -> list[Event]:
        out: list[Event] = []
        context = actors.context
        attribution = attribution_of(sent, actors)
        text = text if text is not None else sent.text.strip()
        prepared = []
        for fact in facts:
            exprs: list[str] = []
            for anchor in fact.date_anchors:
                exprs.extend(when.date_expressions(sent, head=anchor))
            resolved = when.event_date(exprs, article.published, future=fact.future)
            location = self._location(fact, context)
            if not fact.phrase_rule:  # a peer dictionary's pattern keeps the target the sentence names
                if not fact.targets and location is not None and fact.code[:2] in PLACE_TARGET_ROOTS:
                    fact.targets = self._place_target(fact, location)
                if not fact.targets and not fact.reverse_code and len({a.code for a in fact.sources}) >= 2 \
                        and fact.code[:2] in RECIPROCAL_ROOTS and fact.code not in NOT_RECIPROCAL:
                    # "Britain and France agreed to share intelligence", "Indian and Chinese troops
                    # fought": a compound actor cooperating or fighting, and no one else named
                    fact.reverse_code = fact.code
                if not fact.targets and fact.code[:2] in DOMESTIC_TARGET_ROOTS and not fact.reverse_code:
                    fact.targets = self._domestic_target(fact)
            prepared.append((fact, resolved, location))
        if any(_dyadic(f) for f, _, _ in prepared):
            # a sentence that codes an event between two actors: an event of it whose text
            # names no one it is done to is background ("U.S. forces attacked the platforms
            # after an Iranian attack", "decided to retaliate"), unless it is of a kind that
            # stands alone (statements, protests, shows of force); the main event (the first)
            # is kept
            prepared = prepared[:1] + [p for p in prepared[1:] if _dyadic(p[0]) or p[0].phrase_rule
                                       or p[0].code[:2] in UNTARGETED_ROOTS]
        for fact, resolved, location in prepared:
            for source, target, code in expand(fact):
                if self.config.require_dyad and (_null(source) or _null(target)):
                    continue  # PETRARCH's require_dyad: no event without both parties
                out.append(self._record(article, index, text, source, target, code, fact.rule, resolved, attribution,
                                        location))
                if len(out) >= MAX_EVENTS_PER_SENTENCE:
                    return out
        return out

    def _domestic_target(self, fact: Fact) -> list[Actor]:
        """An event whose text names no target is taken as domestic: it targets the source's
        own country (CAMEO practice for arrests, strikes, reforms, refusals at home)."""
        countries = list(dict.fromkeys(a.country for a in fact.sources if a.country))
        if len(countries) != 1 or any(a.code == a.country for a in fact.sources):
            return []  # a bare country acting on itself is no dyad
        country = countries[0]
        return [Actor(code=country, country=country, sectors=(), name=self.actor_dict.canonical_name(country),
                      text="")]

    def _place_target(self, fact: Fact, location: Location) -> list[Actor]:
        """Force used in a foreign place targets that place's country ("Iranian forces
        attacked near Basra" → IRQ); at home it has no target."""
        if location.country is None or any(a.country == location.country for a in fact.sources):
            return []
        if location.name.split()[-1].lower() in BORDER_NOUNS:
            return []  # "near the Turkish border": not necessarily in Turkey
        if location.name.split()[-1].lower() in WATER_NOUNS:
            return []  # "in the Gulf", "in the South China Sea": open water is no one's country
        return [Actor(code=location.country, country=location.country, sectors=(),
                      name=self.actor_dict.canonical_name(location.country), text=location.name)]

    def _location(self, fact: Fact, context: ArticleContext) -> Location | None:
        """A place named in the event's clause, else the dateline city when the event is
        local to it (one of its actors is of the dateline's country)."""
        countries = [a.country for a in fact.sources + fact.targets if a.country]
        prefer = countries + [context.dateline_country] if context.dateline_country else countries
        for anchor in fact.date_anchors:
            # "crossed into Kuwait and seized the border post": the place of the first verb
            for host in (anchor, anchor.head) if anchor.dep_ == "conj" else (anchor,):
                places = clause_places(host, self.gazetteer, prefer)
                if places:
                    return places[0][1].location()
        if context.dateline_place is not None and context.dateline_place.country in countries:
            return context.dateline_place.location()
        return None

    def _record(self, article: Article, index: int, text: str, source: Actor, target: Actor | None, code: str,
                rule: str, resolved: when.EventDate | None, attribution: str | None,
                location: Location | None = None) -> Event:
        info = self.ontology.describe(code)
        event_id = hashlib.sha1(
            "\x1f".join([article.id, str(index), text, code, source.code, target.code if target else ""]).encode()
        ).hexdigest()[:20]
        published = article.published.isoformat() if article.published else None
        if resolved is not None:
            day, precision, date_text = resolved.date.isoformat(), resolved.precision, resolved.text
        else:
            day, precision, date_text = published or "", "day", None
        return Event(
            event_id=event_id,
            article_id=article.id,
            sentence_index=index,
            sentence=text,
            date=day,
            date_precision=precision,
            date_text=date_text,
            published=published,
            source=source,
            target=target,
            cameo=code,
            root=code[:2],
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            plover_type=info.plover_type,
            plover_mode=info.plover_mode,
            rule=rule,
            attribution=attribution,
            location=location,
        )

    # -- convenience ---------------------------------------------------------------------

    def code_text(self, text: str, published: date | None = None, article_id: str = "text") -> list[Event]:
        """Code one article given as plain text (no ingest cleaning)."""
        article = Article(id=article_id, text=text, published=published)
        return next(self.code_articles([article])).events


def _null(actor: Actor | None) -> bool:
    """No actor, or PETRARCH's null code '---' (an agent code such as '---GOV' is not null)."""
    return actor is None or actor.code in ("", "---")


def _read_each(paths: Sequence[Path], reader: str):
    """One actor or agent dictionary from several files, each in Dyad's or PETRARCH's format."""
    from dyad.compat import petrarch_actors

    merged = None
    for path in paths:
        model = getattr(petrarch_actors, reader)(Path(path)).model
        if merged is None:
            merged = model
            continue
        if isinstance(model, ActorDictionary):
            for entries in model.entries.values():
                for entry in entries:
                    merged.add(entry)
        else:
            for key, entry in model.entries.items():
                merged.entries.setdefault(key, entry)
        merged.problems.extend(model.problems)
    return merged


def _read_discards(paths: Sequence[Path]):
    if not paths:
        return None
    from dyad.compat.petrarch_actors import Discards, read_discards

    parts = [read_discards(Path(p)) for p in paths]
    if len(parts) == 1:
        return parts[0]
    return Discards(sentence=frozenset().union(*(d.sentence for d in parts)),
                    story=frozenset().union(*(d.story for d in parts)),
                    problems=tuple(x for d in parts for x in d.problems), notes=tuple(x for d in parts for x in d.notes))


def _read_issues(paths: Sequence[Path]):
    if not paths:
        return None
    from dyad.compat.petrarch_actors import read_issues

    if len(paths) > 1:
        raise ValueError("give one issue dictionary")
    return read_issues(Path(paths[0]))


def _dyadic(fact: Fact) -> bool:
    """A fact between two actors: it has a target, or is symmetric between the members of
    its compound source."""
    return bool(fact.targets) or bool(fact.reverse_code and len({a.code for a in fact.sources}) >= 2)


def expand(fact: Fact) -> list[tuple[Actor, Actor | None, str]]:
    """Directed (source, target, code) triples of a fact: one per member of a compound
    actor; symmetric facts also in reverse; a compound subject of a symmetric fact with
    no target gives the pairs between its members."""
    out: list[tuple[Actor, Actor | None, str]] = []
    seen: set[tuple[str, str, str]] = set()

    def add(s: Actor, t: Actor | None, code: str) -> None:
        if t is not None and s.code == t.code:
            return
        key = (s.code, t.code if t else "", code)
        if key not in seen:
            seen.add(key)
            out.append((s, t, code))

    if fact.targets:
        for s in fact.sources:
            for t in fact.targets:
                add(s, t, fact.code)
                if fact.reverse_code:
                    add(t, s, fact.reverse_code)
    elif fact.reverse_code and len(fact.sources) >= 2:
        for s, t in itertools.permutations(fact.sources, 2):
            add(s, t, fact.code)
    else:
        for s in fact.sources:
            add(s, None, fact.code)
    return out


ATTRIBUTION_VERBS = frozenset({"report", "say", "quote", "cite", "announce", "tell", "carry"})


def attribution_of(sent: Span, actors: SentenceActors) -> str | None:
    """The reporting source named in the sentence: "IRNA reported", "according to state
    media", "the Xinhua news agency said"."""
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and sent.doc[t.i + 1].lower_ == "to":
            for p in sent.doc[t.i + 1].children:
                if p.dep_ == "pobj":
                    return _media_name(p, actors) or " ".join(w.text for w in actors.np_tokens(p) if w.dep_ != "det")
        if t.lemma_ in ATTRIBUTION_VERBS and t.pos_ == "VERB":
            subjects = [c for c in t.children if c.dep_ == "nsubj"]
            if not subjects:
                # "…, the official IRNA news agency reported." parsed without a subject:
                # the nearest noun before the verb
                subjects = [w for w in reversed(list(sent.doc[max(sent.start, t.i - 4): t.i]))
                            if w.pos_ in ("NOUN", "PROPN")][:1]
            for c in subjects + [a for c in subjects for a in c.children if a.dep_ == "appos"]:
                name = _media_name(c, actors)
                if name:
                    return name
    return None


def _media_name(token, actors: SentenceActors) -> str | None:
    for a in actors.actors_at(token):
        if "MED" in a.sectors:
            # the organisation's own name when the dictionary knows it ("IRNA")
            for t in actors.np_tokens(token):
                e = actors.entry_at(t.i)
                if e is not None and e.kind == "org":
                    return e.phrase
            # else the proper name in the phrase ("Egypt's official MENA news agency" → MENA)
            names = [t.text for t in actors.np_tokens(token)
                     if t.pos_ == "PROPN" and t.dep_ != "poss" and actors.entry_at(t.i) is None]
            return " ".join(names) if names else a.name
    words = [w for w in actors.np_tokens(token) if w.dep_ != "det"]
    if any(w.lower_ in ("agency", "media", "television", "radio", "newspaper", "tv") for w in words):
        names = [w.text for w in words if w.pos_ == "PROPN"]
        return " ".join(names) if names else " ".join(w.text for w in words)
    return None
