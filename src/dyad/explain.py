"""`dyad explain`: the parse, the actors, the patterns that matched and why verbs did not code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dyad.actors import ArticleContext
from dyad.events import Trace
from dyad.pipeline import Coder
from dyad.records import Actor, Article, Event


@dataclass
class TokenInfo:
    i: int
    text: str
    lemma: str
    pos: str
    dep: str
    head: int
    entity: str


@dataclass
class SentenceExplanation:
    text: str
    tokens: list[TokenInfo]
    actors: list[tuple[str, Actor]]  # (noun phrase text, actor)
    notes: list[str]
    events: list[Event] = field(default_factory=list)


def explain(coder: Coder, text: str, published: date | None = None) -> list[SentenceExplanation]:
    """Code `text` sentence by sentence and record every decision."""
    doc = coder.nlp(text)
    mentions = coder.matcher.find(doc)
    context = ArticleContext(published=published)
    article = Article(id="explain", text=text, published=published)
    out: list[SentenceExplanation] = []
    for index, sent in enumerate(doc.sents):
        hidden = coder.hidden_tokens(sent)
        actors = coder.sentence_actors(sent, mentions, context, hidden)
        trace = Trace()
        facts = coder.events.code_sentence(sent, actors, trace, hidden=hidden)
        events = coder._events(article, index, sent, facts, actors)
        tokens = [TokenInfo(t.i - sent.start, t.text, t.lemma_, t.pos_, t.dep_, t.head.i - sent.start, t.ent_type_)
                  for t in sent]
        found: list[tuple[str, Actor]] = []
        for t in sent:
            if t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ not in ("compound", "amod"):
                for a in actors.actors_at(t):
                    found.append((t.text, a))
        noted = {i for i, _ in trace.notes}
        notes = []
        for i, message in trace.notes:
            notes.append(message)
        for t in sent:
            if t.pos_ == "VERB" and t.i not in noted:
                lemma = t.lemma_.lower()
                if lemma not in coder.patterns.verbs:
                    notes.append(f"'{t.text}': no pattern for the verb '{lemma}'")
                else:
                    tried = ", ".join(p.text for p in coder.patterns.verbs[lemma][:4])
                    notes.append(f"'{t.text}': patterns of '{lemma}' ({tried}…) did not match its dependents")
        context.remember(actors.all_actors(), actors.subject_actors(), actors.coordinated())
        out.append(SentenceExplanation(text=sent.text, tokens=tokens, actors=found, notes=notes, events=events))
    return out
