"""Events: pattern matching on the dependency parse, frames, modality and actor slots.

For each sentence:
1. every verb (and event noun) whose lemma heads a pattern is matched against its
   dependents; the most specific matching pattern wins (`match_token`);
2. light verbs ("hold talks", "expand cooperation") take the code of their event-noun
   object;
3. frame verbs (vow, urge, demand, threaten, refuse, say) combine with the event of their
   complement ("vowed to expand defense cooperation" → 0312), the complement is consumed;
4. negated, hypothetical, conditional and interrogative events are dropped; future events
   become intents (03x) or threats (13x); "should" under a reporting verb becomes an appeal;
5. source and target actors come from the subject/object slots (passive voice swapped,
   controllers of infinitives inherited), pronouns and "the two sides" resolved by
   `dyad.actors.SentenceActors`; compound actors give one event per member, symmetric
   patterns give the reverse event too.

Every decision is recorded in a `Trace` so `dyad explain` can show why a verb did or did
not code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from dyad.actors import SentenceActors, quantity_of
from dyad.ontology import Ontology
from dyad.patterns import Item, Pattern, PatternSet
from dyad.records import Actor

OBJECT_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "dative"})
PREP_DEPS = frozenset({"prep", "prt", "agent", "dative", "advmod", "mark"})
MOD_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss", "nummod"})
TARGET_PREPS = ("to", "with", "against", "on", "at", "toward", "towards", "into", "from", "upon", "between", "among")
NOUN_TARGET_PREPS = ("on", "against", "to", "with", "for", "toward", "towards", "into", "upon", "between", "among", "from", "of")
NOUN_SOURCE_PREPS = ("by",)
PURPOSE_PREPS = frozenset({"for", "on"})
SETTING_PREPS = frozenset({"in", "at", "after", "following", "during", "before", "since", "ahead"})
QUANTITY_NOUNS = frozenset({"thousand", "hundred", "dozen", "million", "score", "group", "number", "member", "unit",
                            "contingent", "team", "delegation", "convoy", "batch", "band", "handful", "party"})
HYPOTHETICAL_MODALS = frozenset({"may", "might", "could", "can"})
FUTURE_MODALS = frozenset({"will", "'ll", "shall", "wo"})
WOULD = frozenset({"would", "'d"})
OBLIGATION_MODALS = frozenset({"should", "must", "ought"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
NEGATING_VERBS = frozenset({"fail", "neglect", "cease", "avoid"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "call", "order", "tell", "force", "pressure", "press", "persuade", "invite", "allow",
     "help", "encourage", "want", "expect", "appeal", "request", "instruct", "direct", "compel", "push",
     "require", "advise", "warn", "demand", "beg", "implore", "challenge", "permit", "enable", "authorize",
     "authorise", "lobby", "summon",
     # causatives: "the law led the prime minister to threaten ...", "prompted Iran to"
     "lead", "prompt", "cause", "convince", "spur", "drive", "provoke", "oblige", "inspire", "tempt"}
)
# frames whose target is the addressee of the request, else the doer of the complement
ADDRESSEE_FRAMES = frozenset({"appeal", "demand"})
MAX_FACTS = 3
# intention verbs that tell a decision or wish, not a statement made to anyone
PRIVATE_INTENT_VERBS = frozenset({"decide", "intend", "want", "wish", "hope", "determined", "determine"})
# verbs whose direct object is what is talked about, not who is talked to
TOPIC_VERBS = frozenset({"discuss", "debate", "review", "examine"})


@dataclass
class Candidate:
    """A pattern matched at a token, before frames and actors are resolved."""

    anchor: Token
    pattern: Pattern
    code: str
    matched: dict[int, Token]
    noun: bool = False
    light_object: Candidate | None = None  # for "=" light verbs: the event-noun candidate
    hosts: tuple[Token, ...] = ()  # for event nouns that are subjects: the verb ("clashes broke out between ...")

    @property
    def frame(self) -> str | None:
        return self.pattern.frame

    @property
    def rule(self) -> str:
        base = f"{self.pattern.origin} [{self.pattern.code}] {self.pattern.text}"
        if self.light_object is not None:
            base += f" + {self.light_object.rule}"
        return base

    def slot(self, kind: str) -> Token | None:
        for i, item in enumerate(self.pattern.items):
            if item.kind == kind and i in self.matched:
                return self.matched[i]
        if self.light_object is not None:
            return self.light_object.slot(kind)
        return None


@dataclass
class Fact:
    """One coded fact: a code between source and target actor lists."""

    anchor: Token
    code: str
    sources: list[Actor]
    targets: list[Actor]
    reverse_code: str | None
    rule: str
    date_anchors: list[Token]
    future: bool = False
    say: bool = False
    phrase_rule: bool = False  # PETRARCH's target rule: Dyad's target conventions do not apply


@dataclass
class Trace:
    """Why each verb of a sentence did or did not code (for `dyad explain`)."""

    notes: list[tuple[int, str]] = field(default_factory=list)

    def add(self, token: Token | None, message: str) -> None:
        self.notes.append((token.i if token is not None else -1, message))


NEGATION_WORDS = frozenset({"not", "n't", "never", "no"})
SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl"})


def _drop_subordinate_phrase_facts(facts: list[Fact], trace: Trace | None) -> list[Fact]:
    """PETRARCH's one-main-event reading, for its patterns only: an event of a peer verb
    dictionary in a subordinate clause ("... almost five years after crowds burned down its
    embassy") is not coded when the clause above it coded one."""
    coded: set[int] = set()
    for f in facts:
        if f.phrase_rule:
            # the coded verb and the verbs it is the complement of ("is about to restore")
            t = f.anchor
            coded.add(t.i)
            while t.dep_ in ("xcomp", "acomp") and t.head.i != t.i:
                t = t.head
                coded.add(t.i)
    if len({f.anchor.i for f in facts if f.phrase_rule}) < 2:
        return facts
    out = []
    for f in facts:
        if f.phrase_rule:
            below = False
            for t in [f.anchor, *f.anchor.ancestors]:
                if t.dep_ in SUBORDINATE_DEPS and t.head.i in coded:
                    below = True
                    break
            if below:
                if trace:
                    trace.add(f.anchor, f"'{f.anchor.text}' is in a clause below another coded event: not coded")
                continue
        out.append(f)
    return out


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _words(t: Token) -> tuple[str, str]:
    return t.lemma_.lower(), t.lower_


def _verbless_root_acl(v: Token) -> bool:
    """A verb the parser hung as a modifier on a noun sentence root ("Thousands of students
    protested in Seoul" read as a noun phrase): really the main verb."""
    return v.dep_ in ("acl", "amod") and v.head.dep_ == "ROOT" and v.head.pos_ in ("NOUN", "PROPN") and not any(
        t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in v.sent)


def _is_passive(v: Token) -> bool:
    if v.dep_ == "acl" and v.tag_ == "VBN" and not _verbless_root_acl(v):  # "a brigade backed by tanks"
        return True
    if v.tag_ == "VBN" and v.dep_ == "advcl" and any(c.dep_ == "agent" for c in v.children):
        return True  # "…, hit by currency devaluations": a participle with a "by" agent
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in v.children)


def _objects(head: Token, noun: bool) -> list[Token]:
    out = [c for c in head.children if c.dep_ in OBJECT_DEPS]
    if not noun and head.dep_ == "amod" and head.tag_ in ("VBD", "VBZ", "VBP", "VBN") and head.head.i > head.i and _verbless(head.sent):
        # a finite verb misparsed as an adjective: "the minister mediated talks" read as
        # "mediated talks"; the noun it "modifies" is its object
        out.append(head.head)
    if not noun and _is_passive(head):
        out += [c for c in head.children if c.dep_ == "nsubjpass"]
        if head.dep_ == "acl" and not out:
            out.append(head.head)  # "the army, backed by Syrian troops": the army is backed
        if head.dep_ == "advcl" and not out:
            # "Backed by Russian air power, government forces swept ...": the subject of
            # the clause the participle hangs on is acted on
            out += [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not noun and not out:
        # "allowed observers to monitor", "urged Iraq to withdraw": the parser makes the
        # object the subject of the complement clause
        out += [g for c in head.children if c.dep_ in ("ccomp", "xcomp") and _infinitival(c)
                for g in c.children if g.dep_ == "nsubj"]
    if noun:
        # an event noun's "object" is the object of "of" ("release of prisoners")
        out += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return out


def _pobjs(prep: Token) -> list[Token]:
    out = [c for c in prep.children if c.dep_ in ("pobj", "pcomp", "dobj")]
    if not out and prep.dep_ == "dative" and prep.pos_ in ("PROPN", "NOUN", "PRON"):
        out = [prep]
    return out


def _dated(prep: Token) -> bool:
    """A preposition whose object is a date or time ("on Sunday")."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


def _function_children(t: Token) -> Iterable[Token]:
    for c in t.children:
        if c.dep_ in PREP_DEPS:
            yield c
            # "out of", "because of": a preposition hanging on a particle
            for g in c.children:
                if g.dep_ == "prep":
                    yield g


def _has_modifiers(token: Token, modifiers: tuple[frozenset[str], ...]) -> bool:
    if not modifiers:
        return True
    mods = {w for c in token.children if c.dep_ in MOD_DEPS or (c.dep_ == "conj")
            for w in _words(c)}
    # modifiers of modifiers too ("large-scale joint military drills"), within the phrase
    left = {w for c in token.lefts for t in c.subtree if t.i < token.i for w in _words(t)}
    return all((alt & (mods | left)) for alt in modifiers)


def match_pattern(pattern: Pattern, head: Token, noun: bool) -> dict[int, Token] | None:
    """Match the pattern's items against the dependents of `head`; None when it fails.

    Returns the tokens matched per item index (slots may be missing: a `+` with nothing
    there leaves the target to the default rules).
    """
    matched: dict[int, Token] = {}
    used: set[int] = set()
    for idx, item in enumerate(pattern.items):
        tok = _match_item(item, idx, pattern, head, noun, matched, used)
        if tok is None:
            if item.kind in ("target", "source"):
                continue
            return None
        matched[idx] = tok
        used.add(tok.i)
    return matched


def _match_item(item: Item, idx: int, pattern: Pattern, head: Token, noun: bool,
                matched: dict[int, Token], used: set[int]) -> Token | None:
    if item.kind == "prep":
        hosts = [head] + [matched[j] for j in sorted(matched) if pattern.items[j].kind in ("word", "target", "source")]
        if item.attach >= 0 and item.attach in matched:
            hosts.insert(0, matched[item.attach])
        for host in hosts:
            for c in _function_children(host):
                if c.lower_ in item.lemmas and c.i not in used and not _dated(c):
                    return c
        return None
    if item.attach >= 0:
        prep = matched.get(item.attach)
        candidates = _pobjs(prep) if prep is not None else []
        if prep is not None and prep.dep_ == "prt":
            # "handed over two suspects": the word after a particle is the verb's object
            candidates = candidates + _objects(head, noun)
    else:
        candidates = _objects(head, noun)
        if item.kind == "word" and not noun:
            # "cooperated economically", "pressed ahead"
            candidates = candidates + [c for c in head.children if c.dep_ in ("advmod", "npadvmod")]
    if item.kind == "word":
        # a number or quantifier heading the object: "withdrew four of its diplomats",
        # "freed some of the prisoners": the noun after "of" is what was acted on
        candidates = candidates + [g for g in map(quantity_of, candidates) if g is not None]
    for c in candidates:
        if c.i in used:
            continue
        if item.kind in ("target", "source"):
            if c.ent_type_ in ("DATE", "TIME"):
                continue  # "called up reservists on Sunday"
            return c
        if (c.lemma_.lower() in item.lemmas or c.lower_ in item.lemmas) and _has_modifiers(c, item.modifiers):
            return c
        # coordinated objects: "talks and negotiations"
        for conj in c.children:
            if conj.dep_ == "conj" and (conj.lemma_.lower() in item.lemmas or conj.lower_ in item.lemmas):
                return conj
    if item.kind == "word" and "phrase" in pattern.flags and not item.modifiers:
        # PETRARCH matches words in sequence, not heads: "fired * ARTILLERY" holds for
        # "fired two artillery shells" (a modifier of the object)
        for c in candidates:
            for t in c.lefts:
                if t.i not in used and t.dep_ in ("compound", "amod", "nmod") and (
                        t.lemma_.lower() in item.lemmas or t.lower_ in item.lemmas):
                    return t
    return None


def _nearby_words(token: Token, depth: int = 5) -> frozenset[str]:
    """Lemmas and forms of the tokens up to `depth` dependency steps below `token`, of the
    modifiers to its left, and of the noun a misparsed verb hangs on."""
    out: set[str] = set()
    frontier = [token]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                out.add(c.lemma_.lower())
                out.add(c.lower_)
                nxt.append(c)
        frontier = nxt
    if token.dep_ in ("amod", "acl") and token.head.i != token.i:  # "mediated talks", "backed by"
        head = token.head
        out.add(head.lemma_.lower())
        out.add(head.lower_)
        for c in head.children:
            out.add(c.lemma_.lower())
            out.add(c.lower_)
    return frozenset(out)


def _regular_bases(form: str) -> list[str]:
    """Bases a regular English verb form may come from: cordoned → cordon, cordoning →
    cordon, ferried → ferry, plans → plan, planned → plan."""
    out = []
    for suffix in ("ing", "ed", "es", "s"):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
            if suffix in ("ed", "es") and stem.endswith("i"):
                out.append(stem[:-1] + "y")
    return out


def _inflection_of(form: str, lemma: str) -> bool:
    """Whether `form` is `lemma` or one of its regular inflections, or else an irregular form
    (one not spelled as the base plus a suffix: broke, met, left)."""
    if form == lemma or not form.startswith(lemma):
        return True
    stem = lemma[:-1]
    regular = {lemma + "s", lemma + "ed", lemma + "d", lemma + "ing", lemma + lemma[-1:] + "ed",
               lemma + lemma[-1:] + "ing"}
    if lemma.endswith("e"):
        regular.add(stem + "ing")
    if re.search(r"(s|x|z|ch|sh|o)$", lemma):
        regular.add(lemma + "es")
    if re.search(r"[^aeiou]y$", lemma):
        regular.update({stem + "ied", stem + "ies"})
    return form in regular


def _words_before(verb: Token, words: tuple[frozenset[str], ...], adjacent: tuple[bool, ...] = ()) -> bool:
    """PETRARCH's words before the verb (`- INDICATED WOULD *`): they occur in this order
    among the words of the sentence before the verb ("Ethiopia indicated it would act"); a
    word flagged in `adjacent` directly after the previous one, the verb directly after the
    last when the final flag is set (`- RECENTLY_*`)."""
    tokens = [t for t in verb.sent[: verb.i - verb.sent.start] if not t.is_punct]
    flags = adjacent or (False,) * (len(words) + 1)

    def search(k: int, pos: int) -> bool:
        if k == len(words):
            return not flags[-1] or pos == len(tokens) - 1
        for j in ([pos + 1] if flags[k] else range(pos + 1, len(tokens))):
            t = tokens[j] if j < len(tokens) else None
            if t is not None and (t.lower_ in words[k] or t.lemma_.lower() in words[k]) and search(k + 1, j):
                return True
        return False

    return search(0, -1)


def match_sequence(pattern: Pattern, head: Token, is_actor=None) -> dict[int, Token] | None:
    """PETRARCH's matching of a pattern's words after the verb: in their order, anywhere
    later in the verb's phrase; the words of a chain (`really_pleasant`) directly one after
    another. A `+`/`$` slot takes the next actor named after the words before it (it may stay
    empty). Returns the tokens matched per item, as `match_pattern` does."""
    stream = [t for t in head.subtree if t.i > head.i and not t.is_punct]
    elements: list[tuple[int, str, frozenset[str], bool, bool]] = []  # item, kind, words, adjacent, main
    for idx, item in enumerate(pattern.items):
        if item.kind in ("target", "source"):
            elements.append((idx, "slot", frozenset(), False, True))
            continue
        words = list(item.modifiers) + [item.lemmas] if item.kind == "word" else [item.lemmas]
        for k, alts in enumerate(words):
            adjacent = k < len(item.adjacent) and item.adjacent[k]
            elements.append((idx, "word", alts, adjacent, k == len(words) - 1))

    def search(e: int, pos: int) -> dict[int, Token] | None:
        if e == len(elements):
            return {}
        idx, kind, alts, adjacent, main = elements[e]
        if kind == "slot":
            for k in range(pos + 1, len(stream)):
                t = stream[k]
                if t.pos_ not in ("NOUN", "PROPN", "PRON") or is_actor is None or not is_actor(t):
                    continue
                phrase = t
                while phrase.dep_ in ("compound", "amod", "nmod") and phrase.head.pos_ in ("NOUN", "PROPN"):
                    phrase = phrase.head  # "Osgiliath soldiers": the whole noun phrase
                rest = search(e + 1, max(k, stream.index(phrase)) if phrase in stream else k)
                if rest is not None:
                    rest[idx] = phrase if is_actor(phrase) else t
                    return rest
            return search(e + 1, pos)  # the slot stays empty: the default rules find the actor
        for k in ([pos + 1] if adjacent else range(pos + 1, len(stream))):
            if k < len(stream) and (stream[k].lower_ in alts or stream[k].lemma_.lower() in alts):
                rest = search(e + 1, k)
                if rest is not None:
                    if main:
                        rest[idx] = stream[k]
                    return rest
        return None

    return search(0, -1)


def match_token(patterns: PatternSet, token: Token, noun: bool,
                is_actor=None, sequence: bool = False) -> tuple[Pattern, dict[int, Token]] | None:
    """The most specific pattern of this token's lemma that matches, with its matched items.
    `is_actor(token)` decides the `@` slots (a target that must be an actor). With
    `sequence`, a peer dictionary's verb pattern (flag `phrase`) is matched on the word
    sequence, as PETRARCH does (`match_sequence`), not on the parse."""
    index = patterns.nouns if noun else patterns.verbs
    form, lemma = token.lower_, _lemma(token)
    # a dictionary that lists an inflected form as its own head ("left" = depart, "met")
    # means that form; otherwise the lemma's patterns
    if noun and form != lemma and form in index and lemma in index:
        # "attacks": patterns written for the plural and those written for "attack"
        plist = sorted({id(p): p for p in index[form] + index[lemma]}.values(), key=lambda p: (-p.specificity, p.order))
    else:
        plist = (index.get(form) if form != lemma else None) or index.get(lemma)
    if not plist and not noun:
        # the lemmatizer's slip on a rare verb ("cordoned" → "cordone"): the regular bases
        plist = next((index[b] for b in _regular_bases(form) if b in index), None)
    if not plist:
        return None
    if sequence and not noun and form not in index and not _inflection_of(form, lemma):
        return None  # PETRARCH knows a verb by its forms: "departes" is no form of depart
    nearby = _nearby_words(token)
    for pattern in plist:  # sorted most specific first
        words_before = not noun and "phrase" in pattern.flags and bool(pattern.head_modifiers)
        required = pattern.required[: len(pattern.required) - len(pattern.head_modifiers)] if words_before \
            else pattern.required
        if not all(words & nearby for words in required):
            continue
        if words_before:
            if not _words_before(token, pattern.head_modifiers, pattern.before_adjacent):
                continue
        elif pattern.head_modifiers and not _has_modifiers(token, pattern.head_modifiers):
            continue
        if "pair" in pattern.flags and not _compound_subject(token):
            continue
        if sequence and not noun and "phrase" in pattern.flags:
            matched = match_sequence(pattern, token, is_actor)
        else:
            matched = match_pattern(pattern, token, noun)
        if matched is None:
            continue
        if any(item.actor_required and (i not in matched or is_actor is None or not is_actor(matched[i]))
               for i, item in enumerate(pattern.items)):
            continue
        return pattern, matched
    return None


class EventCoder:
    """Codes the events of parsed sentences with a pattern set and an ontology."""

    def __init__(self, patterns: PatternSet, ontology: Ontology, petrarch: bool = False):
        self.patterns = patterns
        self.ontology = ontology
        # PETRARCH's rules where they differ from Dyad's conventions (docs/dictionaries.md,
        # "PETRARCH's options"): peer patterns matched on the word sequence, statements coded
        # beside the other events of a sentence, a peer code left as is by the future tense,
        # the subject of an agentless passive as its source
        self.petrarch = petrarch

    # -- candidates ----------------------------------------------------------------------

    def candidates(self, sent: Span, trace: Trace | None = None, actors: SentenceActors | None = None) -> dict[int, Candidate]:
        out: dict[int, Candidate] = {}
        nouns: dict[int, Candidate] = {}
        is_actor = (lambda tok: bool(actors.actors_at(tok))) if actors is not None else None
        for t in sent:
            if t.pos_ in ("VERB", "AUX") or (t.tag_.startswith("VB")):
                hit = match_token(self.patterns, t, noun=False, is_actor=is_actor, sequence=self.petrarch)
                if hit is None:
                    # a verb the parser tagged as noun-like or a participle used as adjective
                    continue
                pattern, matched = hit
                out[t.i] = Candidate(anchor=t, pattern=pattern, code=pattern.code, matched=matched)
            elif t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "nmod"):
                # a noun that only modifies another ("riot police", "protest leaders") is no event
                hit = match_token(self.patterns, t, noun=True, is_actor=is_actor)
                if hit is not None:
                    pattern, matched = hit
                    nouns[t.i] = Candidate(anchor=t, pattern=pattern, code=pattern.code, matched=matched, noun=True)
        # patterns that say "this use is not an event" ("met the deadline")
        for index in (out, nouns):
            for i in [i for i, c in index.items() if c.code == "-"]:
                if trace:
                    trace.add(index[i].anchor, f"'{index[i].anchor.text}' matched {index[i].rule}: not an event")
                del index[i]
        # verbs tagged as nouns at the sentence root ("Iran vows ..." in headlines)
        for i, c in list(nouns.items()):
            if c.anchor.dep_ == "ROOT":
                hit = match_token(self.patterns, c.anchor, noun=False, is_actor=is_actor, sequence=self.petrarch)
                if hit is not None:
                    out[i] = Candidate(anchor=c.anchor, pattern=hit[0], code=hit[0].code, matched=hit[1])
                    del nouns[i]
        # light verbs take the code of their event-noun object
        for i, c in list(out.items()):
            if c.code != "=" or c.frame is not None:
                continue
            obj = self._event_noun_object(c, nouns)
            if obj is None:
                # "clashes broke out between police and residents": the event noun is the subject,
                # its participants may hang on the verb
                subj = next((x for x in c.anchor.children if x.dep_ in ("nsubj", "nsubjpass") and x.i in nouns), None)
                if subj is not None and not any(x.dep_ == "dobj" for x in c.anchor.children):
                    nouns[subj.i].hosts = (c.anchor,)
                    if trace:
                        trace.add(c.anchor, f"'{c.anchor.text}' has the event noun '{subj.text}' as subject")
                elif trace:
                    trace.add(c.anchor, f"light verb '{c.anchor.text}' ({c.pattern.origin}) has no event-noun object")
                del out[i]
                continue
            c.light_object = obj
            c.code = obj.code
            del nouns[obj.anchor.i]
        # a noun matched as an item of another pattern ("exchange of visits") is not an event of its
        # own; one that only filled an actor slot ("urged restraint") still is
        items = {tok.i for c in list(out.values()) + list(nouns.values())
                 for part in (c, c.light_object) if part is not None
                 for j, tok in part.matched.items() if part.pattern.items[j].kind in ("word", "prep")}
        for i in [i for i in nouns if i in items]:
            del nouns[i]
        out.update(nouns)
        return out

    def _event_noun_object(self, c: Candidate, nouns: dict[int, Candidate]) -> Candidate | None:
        for o in _objects(c.anchor, noun=False):
            if o.i in nouns:
                return nouns[o.i]
            for conj in o.children:
                if conj.dep_ == "conj" and conj.i in nouns:
                    return nouns[conj.i]
        # "hold talks" parsed with the noun under a preposition of the pattern
        for i, tok in c.matched.items():
            if c.pattern.items[i].kind == "prep":
                for p in _pobjs(tok):
                    if p.i in nouns:
                        return nouns[p.i]
        return None

    # -- main entry ----------------------------------------------------------------------

    def code_sentence(self, sent: Span, actors: SentenceActors, trace: Trace | None = None,
                      hidden: frozenset[int] = frozenset()) -> list[Fact]:
        """The events of a sentence; tokens in `hidden` (clauses not coded) anchor none."""
        text = sent.text.rstrip()
        if text.endswith("?") or text.endswith('?"') or text.endswith("?”"):
            if trace:
                trace.add(None, "the sentence is a question: nothing is coded")
            return []
        cands = self.candidates(sent, trace, actors)
        for i in [i for i in cands if i in hidden]:
            if trace:
                trace.add(cands[i].anchor, f"'{cands[i].anchor.text}' is in a comma-delimited clause that is not coded")
            del cands[i]
        if not cands:
            return []
        consumed: set[int] = set()
        facts: list[Fact] = []
        # outermost candidates first: a frame consumes its complement before it is seen alone
        order = sorted(cands.values(), key=lambda c: (_depth(c.anchor), c.anchor.i))
        for cand in order:
            if cand.anchor.i in consumed:
                continue
            facts.extend(self._realize(cand, cands, consumed, actors, trace))
        # reporting verbs code only when nothing else does
        # a bare report ("X said ...") is no event unless it has an addressee ("X told Y");
        # reporting verbs code only when the sentence has no other event
        if self.petrarch:  # PETRARCH codes statements like any other event
            return self._salient(_drop_subordinate_phrase_facts(facts, trace), trace)
        if trace:
            for f in facts:
                if f.say and not f.targets:
                    trace.add(f.anchor, f"reporting verb '{f.anchor.text}' has no addressee: not coded")
        facts = [f for f in facts if not f.say or f.targets]
        facts = _drop_subordinate_phrase_facts(facts, trace)
        real = [f for f in facts if not f.say]
        if real:
            if trace:
                for f in facts:
                    if f.say:
                        trace.add(f.anchor, f"reporting verb '{f.anchor.text}' not coded: the sentence has other events")
            facts = real
        return self._salient(facts, trace)

    def _salient(self, facts: list[Fact], trace: Trace | None) -> list[Fact]:
        out: list[Fact] = []
        seen: set[tuple] = set()
        for f in facts:
            key = (f.code, tuple(a.code for a in f.sources), tuple(a.code for a in f.targets))
            if key in seen:
                continue
            seen.add(key)
            if len(out) >= MAX_FACTS:
                if trace:
                    trace.add(f.anchor, f"not coded: only the {MAX_FACTS} most salient events of a sentence are kept")
                continue
            out.append(f)
        return out

    # -- realisation of one candidate ----------------------------------------------------

    def _realize(self, cand: Candidate, cands: dict[int, Candidate], consumed: set[int],
                 actors: SentenceActors, trace: Trace | None, inner: bool = False) -> list[Fact]:
        consumed.add(cand.anchor.i)
        anchor = cand.anchor
        if cand.noun and not inner and _unrealized_noun(anchor):
            if trace:
                trace.add(anchor, f"event noun '{anchor.text}' names something planned or still ahead: not coded")
            return []
        if cand.noun and not inner and "bound" in cand.pattern.flags:
            if trace:
                trace.add(anchor, f"event noun '{anchor.text}' ({cand.pattern.origin}) codes only under a verb that makes it an event")
            return []
        mood = _modality(_governing_verb(anchor) if cand.noun else anchor)
        if cand.noun and mood in ("future", "would", "obligation", "infinitive"):
            mood = None  # an event noun names its own event ("would retaliate for U.S. attacks")
        if mood == "negated" and any(words & NEGATION_WORDS for words in cand.pattern.head_modifiers):
            mood = None  # the pattern spells out the negation ("didn't clash over efforts")
        if mood == "negated":
            self._consume_complements(cand, cands, consumed)
            if cand.frame is None and _future_aux(anchor) and 3 <= int(cand.code[:2]) <= 8 and cand.code != "=":
                # "Syria said it will not accept refugees": a refusal, not a negated act
                fact = self._simple_fact(cand, actors, trace, allow_empty_source=inner)
                code = self.patterns.frame_code("reject", cand.code)
                if fact is not None and code:
                    if trace:
                        trace.add(anchor, f"'{anchor.text}' is a negated future: {cand.code} → {code} (refusal)")
                    fact.code, fact.reverse_code = code, None
                    return [fact]
            if cand.pattern.negated_code:
                # "would not comment" → 011 decline comment
                fact = self._simple_fact(cand, actors, trace)
                if fact is not None:
                    fact.code, fact.reverse_code, fact.say = cand.pattern.negated_code, None, False
                    if trace:
                        trace.add(anchor, f"'{anchor.text}' is negated: coded {fact.code}")
                    return [fact]
            if trace:
                trace.add(anchor, f"'{anchor.text}' matched {cand.rule} but is negated: not coded")
            return []
        if not inner and _alleged_act(anchor):
            if trace:
                trace.add(anchor, f"'{anchor.text}' is what someone is suspected or charged of: not coded")
            return []
        if mood == "infinitive" and not inner:
            if trace:
                trace.add(anchor, f"'{anchor.text}' matched {cand.rule} but is an infinitive under a noun (a plan, a call): not coded on its own")
            return []
        if mood in ("hypothetical", "conditional"):
            if trace:
                trace.add(anchor, f"'{anchor.text}' matched {cand.rule} but is {mood}: not coded")
            self._consume_complements(cand, cands, consumed)
            return []
        if mood in ("would", "future") and not inner and anchor.dep_ in ("relcl", "advcl", "acl"):
            if trace:
                trace.add(anchor, f"'{anchor.text}' matched {cand.rule} but is hypothetical (future in a subordinate clause): not coded")
            return []

        if cand.frame is not None:
            facts = self._realize_frame(cand, cands, consumed, actors, trace)
        else:
            # a complement's doer may be left to its frame ("urged both sides to exercise restraint")
            fact = self._simple_fact(cand, actors, trace, allow_empty_source=inner)
            facts = [fact] if fact is not None else []

        # future tense: cooperation becomes an intent, material conflict a threat
        if mood in ("future", "would") and facts and cand.frame in (None,) \
                and not (self.petrarch and "phrase" in cand.pattern.flags):
            for f in facts:
                new = self._future_code(f.code)
                if new != f.code:
                    if trace:
                        trace.add(anchor, f"future '{anchor.text}': {f.code} → {new}")
                    # a symmetric event stays symmetric as an intent; a visit's hosting is not yet coded
                    f.reverse_code = new if f.reverse_code == f.code else None
                    f.code = new
                    f.future = True
        if mood == "obligation":
            reporter = _reporting_head(anchor, cands)
            if reporter is None:
                if trace:
                    trace.add(anchor, f"'{anchor.text}' is an obligation ('should', 'must') with no reporting verb: not coded")
                return []
            say_sources = actors.actors_at(_subject(reporter))
            out = []
            for f in facts:
                code = self.patterns.frame_code("appeal", f.code) or "020"
                if trace:
                    trace.add(anchor, f"'should/must' reported by '{reporter.text}': appeal {code}")
                out.append(Fact(anchor=anchor, code=code, sources=say_sources, targets=f.sources or f.targets,
                                reverse_code=None, rule=f.rule + " +appeal(should)", date_anchors=[reporter] + f.date_anchors))
                consumed.add(reporter.i)
            return [f for f in out if f.sources]
        return facts

    def _future_code(self, code: str) -> str:
        root = int(code[:2])
        if 4 <= root <= 8:
            return self.patterns.frame_code("intent", code) or code
        if root in (14, 15, 16, 17, 18, 19, 20):
            return self.patterns.frame_code("threat", code) or code
        return code

    def _consume_complements(self, cand: Candidate, cands: dict[int, Candidate], consumed: set[int]) -> None:
        for t in _complement_tokens(cand):
            if t.i in cands:
                consumed.add(t.i)

    def _realize_frame(self, cand: Candidate, cands: dict[int, Candidate], consumed: set[int],
                       actors: SentenceActors, trace: Trace | None) -> list[Fact]:
        anchor = cand.anchor
        inner_facts: list[Fact] = []
        for t in _complement_tokens(cand):
            if t.i in cands and t.i not in consumed:
                inner_facts.extend(self._realize(cands[t.i], cands, consumed, actors, trace, inner=True))
        own = self._simple_fact(cand, actors, trace, allow_empty_source=bool(inner_facts))
        if cand.frame == "say":
            if inner_facts and self.petrarch and own is not None:
                own.say = True
                return inner_facts + [own]  # PETRARCH codes the statement and what was said
            if inner_facts:
                return inner_facts
            if own is None:
                return []
            if own.targets and all("MED" in a.sectors for a in own.targets):
                # "told Reuters", "said in an interview with the BBC": a news agency is the
                # channel of a report, not the addressee of a statement
                own.targets = []
            own.say = True
            return [own]
        if not inner_facts:
            if cand.frame == "consider" and not any(i.kind == "word" for i in cand.pattern.items):
                return []  # "considers Hezbollah a terrorist organization" is no policy option
            if cand.code == "=":
                return []  # "tried to" with nothing coded after it
            if own is not None and not own.targets and cand.frame == "threat" and _lemma(anchor) == "warn" \
                    and cand.slot("target") is None and _warns_of_outcome(anchor, actors):
                # "warned that the fallout could be severe", addressed to no one and naming no
                # act of the speaker: a pessimistic comment, not a threat
                if trace:
                    trace.add(anchor, f"'{anchor.text}' warns that something may happen, to no one: 012")
                own.code, own.reverse_code = "012", None
                return [own]
            if own is not None and not own.targets:
                sources = {a.code for a in own.sources}
                if cand.frame in ("appeal", "demand"):
                    # "demanded that China withdraw its oil rig": the one asked is the complement's subject
                    own.targets = self._complement_subjects(cand, actors, sources)
                if not own.targets and cand.frame in ("intent", "threat", "reject", "appeal", "demand"):
                    # "agreed to help OPEC": the complement codes nothing, but names who it concerns
                    own.targets = self._complement_targets(cand, actors, sources)
                if not own.targets and cand.frame == "threat":
                    # "threatened to retaliate if India attacked": the one the condition is put to
                    own.targets = self._condition_subjects(cand, actors, sources)
            if own is not None and not own.targets and cand.frame == "intent" \
                    and _lemma(anchor) in PRIVATE_INTENT_VERBS and not any(i.kind == "word" for i in cand.pattern.items):
                # "decided to act", "intends to boost imports": a resolve kept to oneself,
                # toward no one the sentence names, is no statement of intent to anyone
                if trace:
                    trace.add(anchor, f"'{anchor.text}' states a private intention toward no one: not coded")
                return []
            return [own] if own is not None else []
        out = []
        for inner in inner_facts:
            code = self.patterns.frame_code(cand.frame, inner.code)
            if code is None or code not in self.ontology.codes:
                if trace:
                    trace.add(anchor, f"frame {cand.frame} has no code for complement {inner.code}: kept {cand.code}")
                code = cand.code
            sources = own.sources if own is not None and own.sources else inner.sources
            if cand.frame in ADDRESSEE_FRAMES:
                addressee = own.targets if own is not None else []
                if addressee:
                    targets = addressee
                else:
                    doers = [a for a in inner.sources if all(a.code != s.code for s in sources)]
                    targets = doers or inner.targets
            elif cand.frame in ("deny", "consider"):
                # a denial is addressed to the accuser, not to the victim of the denied act
                targets = own.targets if own is not None else []
            else:
                targets = inner.targets
                if not targets and own is not None and own.targets:
                    targets = own.targets
            if not targets and cand.frame in ("intent", "threat", "reject", "appeal", "demand"):
                # "agreed to form a unity government with Hamas"
                targets = self._complement_targets(cand, actors, {a.code for a in sources})
            # symmetric complements stay symmetric under an intention ("agreed to meet")
            rev = code if inner.reverse_code == inner.code and cand.frame in ("intent", "attempt") else None
            if trace:
                trace.add(anchor, f"frame {cand.frame} ('{anchor.text}') + complement {inner.code} ('{inner.anchor.text}') → {code}")
            out.append(Fact(anchor=anchor, code=code, sources=sources, targets=targets, reverse_code=rev,
                            rule=f"{cand.rule} ⊕ {inner.rule}", date_anchors=[anchor] + inner.date_anchors,
                            future=inner.future))
        return [f for f in out if f.sources]

    def _simple_fact(self, cand: Candidate, actors: SentenceActors, trace: Trace | None,
                     allow_empty_source: bool = False) -> Fact | None:
        anchor = cand.anchor
        src_tok = cand.slot("source")
        tgt_tok = cand.slot("target")
        subject = _subject(anchor) if not cand.noun else None
        if cand.noun:
            src_tok = src_tok or _noun_source(anchor, actors, cand.pattern)
            if src_tok is None:
                for host in cand.hosts:  # "fighting erupted ... by"
                    for c in host.children:
                        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                            src_tok = next(iter(_pobjs(c)), None)
        if src_tok is not None and tgt_tok is not None and src_tok.i == tgt_tok.i:
            src_tok = None
        if src_tok is None:
            src_tok = subject
            subject_used = True
        else:
            subject_used = False
        if (src_tok is None and not cand.noun and anchor.tag_ in ("VBD", "VBZ", "VBP", "VBN")
                and (anchor.dep_ in MISPARSED_VERB_DEPS or _verbless_root_acl(anchor)) and _verbless(anchor.sent)):
            src_tok = _left_subject(anchor, actors)
        if src_tok is None and self.petrarch and "phrase" in cand.pattern.flags and not cand.noun \
                and _is_passive(anchor):
            # PETRARCH reads a passive with no "by" agent as it reads any clause: its subject
            # is the source ("The Philippines was criticized over its dispute with Eriador")
            near = list(anchor.children) + [g for c in anchor.children if c.dep_ in ("aux", "auxpass")
                                            for g in c.children]  # "was" misparsed as its head
            src_tok = next((c for c in near if c.dep_ in ("nsubjpass", "nsubj")), None)
        sources = actors.owners_at(src_tok)
        weapon_source = False
        if not sources and src_tok is not None and src_tok.dep_ == "pobj" and src_tok.head.dep_ == "agent" \
                and src_tok.pos_ == "NOUN":
            # "killed by a US-led airstrike", "struck by a Turkish missile": the weapon or
            # attack named as the agent carries its user
            for t in src_tok.lefts:
                if t.dep_ in ("compound", "amod", "nmod", "poss"):
                    found = [a for u in t.subtree for a in actors.owners_at(u)]
                    if found:
                        sources = list({a.code: a for a in found}.values())
                        weapon_source = True
                        break
        phrase = "phrase" in cand.pattern.flags
        if cand.pattern.source_item is not None and cand.pattern.target_item is None and not subject_used:
            targets = actors.actors_at(subject)
        elif phrase:
            targets = actors.owners_at(tgt_tok) if tgt_tok is not None else self._phrase_targets(
                cand, actors, src_tok, frozenset(a.code for a in sources))
        elif tgt_tok is not None:
            # the slot names a place ("withdrew its forces from Incirlik"): the place's
            # country; the pattern's own words are what is acted with, not the target
            words = {t.i for i, t in cand.matched.items() if cand.pattern.items[i].kind == "word"}
            targets = actors.owners_at(tgt_tok) or actors.place_actors(tgt_tok, {a.country for a in sources}) \
                or self._default_targets(cand, actors, exclude={tgt_tok.i} | words
                                         | ({src_tok.i} if src_tok is not None else set()),
                                         sources=frozenset(a.code for a in sources))
        else:
            targets = self._default_targets(cand, actors, exclude={src_tok.i} if src_tok is not None else set(),
                                            sources=frozenset(a.code for a in sources))
        if not targets and sources and not phrase and not weapon_source:
            # "the Turkish army killed Kurdish rebels": an agent with no country of its own is
            # taken to be of the source's country
            targets = self._same_country_agent(cand, actors, sources)
        if not sources and cand.noun and len(targets) >= 2 and (cand.pattern.reverse_code or _between(targets, anchor, cand.hosts)):
            # "talks between Iran and Iraq", "clashes between police and residents": the pair
            # is both sides of the event
            sources, targets = targets, []
        military_strike = (cand.noun and anchor.lemma_.lower() == "strike" and cand.code[:2] == "14"
                           and not any(w.lower_ == "hunger" for w in anchor.lefts))
        if military_strike and not sources and anchor.dep_ == "pobj" and anchor.head.dep_ == "agent":
            if trace:
                trace.add(anchor, f"'{anchor.text}' is the agent of '{anchor.head.head.text}': a military strike, not a labour one")
            return None  # "killed by a coalition strike": an attack, whose doer is not named
        if not sources and cand.noun and cand.code[:2] == "14" and not phrase:
            # "protests broke out in Delhi": the protesters are civilians of the place
            sources = self._local_civilians(cand, actors)
        targets = [t for t in targets if all(t.code != s.code for s in sources)]
        code = cand.code
        if military_strike and sources and targets and all(
                "MIL" in a.sectors or _official(a) or not a.sectors for a in sources):
            # "the U.S. strike against Iranian targets": a state's strike on a foe is force
            if trace:
                trace.add(anchor, f"'{anchor.text}' by a state against {targets[0].code}: {code} → 190")
            code = "190"
        labour_strike = code.startswith("143") and bool(
            {"strike", "strikes", "walkout", "walkouts"} & set(cand.pattern.text.replace("|", " ").split()))
        if code[:2] == "14" and sources and all(_official(a) for a in sources) and not phrase \
                and not labour_strike:  # "civil servants went on strike": employees stop work
            # a state "protesting" lodges a complaint (114); dissent (14x) is by its citizens
            if trace:
                trace.add(anchor, f"'{anchor.text}' by a government: {code} → 114 (official complaint)")
            code = "114"
        if not sources and not allow_empty_source:
            if trace:
                who = f"'{src_tok.text}'" if src_tok is not None else "no subject"
                trace.add(anchor, f"'{anchor.text}' matched {cand.rule} but has no source actor ({who})")
            return None
        if trace:
            trace.add(anchor, f"'{anchor.text}' matched {cand.rule} → {cand.code}")
        return Fact(anchor=anchor, code=code, sources=sources, targets=targets,
                    reverse_code=cand.pattern.reverse_code if cand.light_object is None else cand.light_object.pattern.reverse_code or cand.pattern.reverse_code,
                    rule=cand.rule, date_anchors=[anchor], say="say" in cand.pattern.flags, phrase_rule=phrase)

    def _phrase_targets(self, cand: Candidate, actors: SentenceActors, src_tok: Token | None,
                        sources: frozenset[str]) -> list[Actor]:
        """PETRARCH's rule: the first actor in the phrase the head governs, after the head
        (objects, prepositional phrases, complement clauses), the subject excepted."""
        anchor = cand.anchor
        skip = {t.i for t in src_tok.subtree} if src_tok is not None else set()
        heads = [anchor] + ([cand.light_object.anchor] if cand.light_object is not None else [])
        # subordinate clauses ("after a hafling was reported on the pass") are not the phrase
        skip |= {t.i for h in heads for c in h.children if c.dep_ in ("advcl", "relcl") for t in c.subtree}
        tokens = sorted({t.i: t for h in heads for t in h.subtree if t.i > anchor.i and t.i not in skip}.values(),
                        key=lambda t: t.i)
        if not cand.noun and _is_passive(anchor):
            # "Eriador was opposed by Osgiliath": the passive subject is acted on
            tokens = [c for c in anchor.children if c.dep_ == "nsubjpass"] + tokens
        seen: set[int] = set()
        for t in tokens:
            if t.pos_ not in ("NOUN", "PROPN"):
                continue
            # a modifier stands for its whole noun phrase ("Osgiliath soldiers", "Gondor's
            # government"): the phrase's head is read first
            head = t
            while head.dep_ in ("compound", "amod", "nmod", "poss") and head.head.pos_ in ("NOUN", "PROPN") \
                    and head.head.i not in skip:
                head = head.head
            for x in (head, t):
                if x.i in seen:
                    continue
                seen.add(x.i)
                found = [a for a in actors.owners_at(x, deep=False, pronouns=False) if a.code not in sources]
                if found:
                    return found
        return []

    def _same_country_agent(self, cand: Candidate, actors: SentenceActors, sources: list[Actor]) -> list[Actor]:
        countries = {a.country for a in sources if a.country}
        if len(countries) != 1 or cand.noun:
            return []
        country = countries.pop()
        for o in _objects(cand.anchor, noun=False):
            agent = actors.bare_agent(o)
            if agent is not None and not actors.actors_at(o):
                code = country + "".join(agent.sectors)
                if all(code != s.code for s in sources):
                    return [Actor(code=code, country=country, sectors=agent.sectors,
                                  name=f"{actors.matcher.actors.canonical_name(country)} ({agent.phrase})", text=o.text)]
        return []

    def _complement_targets(self, cand: Candidate, actors: SentenceActors, sources: set[str]) -> list[Actor]:
        """Actors that the infinitive complement of a frame verb acts on."""
        for t in _complement_tokens(cand):
            if t.pos_ not in ("VERB", "AUX"):
                continue
            for c in t.children:
                found: list[Actor] = []
                if c.dep_ in ("dobj", "dative") and _lemma(t) not in TOPIC_VERBS:
                    found = actors.owners_at(c)
                elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                    found = [a for p in _pobjs(c) for a in actors.owners_at(p)]
                found = [a for a in found if a.code not in sources]
                if found:
                    return found
        return []

    def _complement_subjects(self, cand: Candidate, actors: SentenceActors, sources: set[str]) -> list[Actor]:
        for t in _complement_tokens(cand):
            if t.pos_ in ("VERB", "AUX") and t.dep_ == "ccomp":
                subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                found = [a for a in actors.owners_at(subj) if a.code not in sources] if subj is not None else []
                if found:
                    return found
        return []

    def _condition_subjects(self, cand: Candidate, actors: SentenceActors, sources: set[str]) -> list[Actor]:
        hosts = [cand.anchor] + [t for t in _complement_tokens(cand) if t.pos_ in ("VERB", "AUX")]
        for h in hosts:
            for c in h.children:
                if c.dep_ == "advcl" and _marked_conditional(c):
                    subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                    found = [a for a in actors.owners_at(subj) if a.code not in sources] if subj is not None else []
                    if found:
                        return found
        return []

    def _local_civilians(self, cand: Candidate, actors: SentenceActors) -> list[Actor]:
        gazetteer = actors.matcher.gazetteer
        if gazetteer is None:
            return []
        from dyad.where import clause_places

        for host in (cand.anchor, *cand.hosts):
            places = clause_places(host, gazetteer, [actors.context.dateline_country])
            if places and places[0][1].country:
                country = places[0][1].country
                return [Actor(code=country + "CVL", country=country, sectors=("CVL",),
                              name=f"{actors.matcher.actors.canonical_name(country)} (civilians)", text=places[0][0])]
        return []

    def _default_targets(self, cand: Candidate, actors: SentenceActors, exclude: set[int],
                         sources: frozenset[str] = frozenset()) -> list[Actor]:
        """The target when the pattern does not say where it is; actors equal to the source
        are passed over ("its relations with Saudi Arabia")."""
        anchor = cand.anchor
        hosts = [anchor, *cand.hosts]
        if cand.light_object is not None:
            hosts.insert(0, cand.light_object.anchor)
        topic = not cand.noun and cand.light_object is None and _lemma(anchor) in TOPIC_VERBS
        if not cand.noun and not topic:
            for o in _objects(anchor, noun=False):
                if o.i not in exclude:
                    found = [a for a in actors.owners_at(o) if a.code not in sources]
                    if found:
                        return found
        preps = NOUN_TARGET_PREPS if cand.noun or cand.light_object is not None else TARGET_PREPS
        # the object of "discuss" is a topic ("discussed the problems of Afghanistan with
        # China"): the one discussed with is named by a preposition
        objs = [] if topic else [o for h in hosts for o in _objects(h, noun=False)]
        if topic:
            # "discussed the war in (its) talks with China": the partner of the setting
            for c in anchor.children:
                if c.dep_ == "prep" and c.lower_ in SETTING_PREPS:
                    for p in _pobjs(c):
                        for w in p.children:
                            if w.dep_ == "prep" and w.lower_ == "with":
                                found = [a for q in _pobjs(w) for a in actors.owners_at(q, deep=False)
                                         if a.code not in sources]
                                if found:
                                    return found
        # event nouns the pattern names ("called for the withdrawal of U.S. troops")
        words = [t for i, t in cand.matched.items() if cand.pattern.items[i].kind == "word"]
        for h in hosts + objs + words:
            host_preps = NOUN_TARGET_PREPS if h in words else preps
            for c in h.children:
                if c.dep_ in ("prep", "dative") and c.lower_ in host_preps + ("over", "about"):
                    for p in _pobjs(c):
                        if p.i not in exclude:
                            found = [a for a in actors.owners_at(p, deep=False) if a.code not in sources]
                            if not found and c.lower_ in ("against", "over", "about", "at"):
                                # "protested against the presence of Turkish troops"
                                found = [a for g in p.children if g.dep_ == "prep" and g.lower_ == "of"
                                         for q in _pobjs(g) for a in actors.actors_at(q) if a.code not in sources]
                            if found:
                                return found
        for o in objs:
            for c in o.children:
                if c.dep_ == "poss":
                    found = [a for a in actors.actors_at(c) if a.code not in sources]
                    if found:
                        return found
                # "took in thousands of Syrian refugees" (not "discussed the problems of Afghanistan")
                if c.dep_ == "prep" and c.lower_ == "of" and (
                        o.lemma_.lower() in QUANTITY_NOUNS or any(x.dep_ == "nummod" for x in o.children)):
                    for p in _pobjs(c):
                        found = [a for a in actors.owners_at(p) if a.code not in sources]
                        if found:
                            return found
        return []


ALLEGATION_NOUNS = frozenset({"suspicion", "charge", "allegation", "accusation", "count", "conviction"})


def _alleged_act(t: Token) -> bool:
    """ "arrested on suspicion of exporting arms to Iran", "jailed on charges of spying for
    Israel": the act is an allegation about the target of the arrest, not an event."""
    if t.dep_ not in ("pcomp", "pobj") or t.head.lower_ != "of":
        return False
    return t.head.head.lemma_.lower() in ALLEGATION_NOUNS


def _warns_of_outcome(warn: Token, actors: SentenceActors) -> bool:
    """ "warned that the outbreak could hurt the economy": the clause warned of has no actor
    for its subject (not "warned that Beijing could blockade Taiwan", "that we would respond")."""
    clauses = [c for c in warn.children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    for clause in clauses:
        if any(t.dep_ == "mark" and t.lower_ in CONDITIONAL_MARKS for t in clause.subtree):
            return False  # "warned that it would act if ...": a conditional threat
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON" or actors.owners_at(subj) or actors.bare_agent(subj) is not None:
            return False
    return True


def _compound_subject(v: Token) -> bool:
    """The verb's subject is coordinated ("Iran and Iraq agreed")."""
    subject = _subject(v)
    return subject is not None and any(c.dep_ == "conj" for c in subject.children)


def _stance_prefixed(t: Token) -> bool:
    """"anti-government", "pro-Russian": the modifier names what the event is for or against."""
    doc = t.doc
    i = t.i - 1
    if i >= 0 and doc[i].text == "-":
        i -= 1
    return i >= 0 and doc[i].lower_ in ("anti", "pro")


TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
UNREALIZED = frozenset({"planned", "proposed", "possible", "potential", "expected", "upcoming", "future",
                        "scheduled", "threatened", "mooted", "prospective", "intended", "rumoured", "rumored"})


def _unrealized_noun(noun: Token) -> bool:
    """An event noun that has not happened, or is only talked about: "a planned rally",
    "ahead of the visit", "talks on a ceasefire"."""
    if any(c.lower_ in UNREALIZED for c in noun.lefts):
        return True
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in TOPIC_PREPS and prep.head.pos_ in ("NOUN", "PROPN", "VERB"):
        return True  # the topic of talks or a dispute: "held talks on a ceasefire"
    if prep is not None and prep.lower_ in ("before", "of") and (
            prep.lower_ == "before" or (prep.head.lower_ == "ahead" and prep.head.i == prep.i - 1)):
        return True
    # "there was no sign of police reinforcements", "no evidence of an attack"
    top = noun
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    of = top.head if top.dep_ == "pobj" else None
    if of is not None and of.lower_ == "of" and of.head.lemma_.lower() in EVIDENCE_NOUNS and any(
            c.dep_ == "det" and c.lower_ == "no" for c in of.head.children):
        return True
    return False


EVIDENCE_NOUNS = frozenset({"sign", "evidence", "trace", "indication", "hint", "report", "word"})


def _between(targets: list[Actor], noun: Token, hosts: tuple[Token, ...]) -> bool:
    """Whether the targets came from a "between X and Y" phrase of the noun or its verb."""
    return any(c.dep_ == "prep" and c.lower_ in ("between", "among") for h in (noun, *hosts) for c in h.children)


def _noun_source(noun: Token, actors: SentenceActors, pattern: Pattern) -> Token | None:
    """The doer of an event noun: its possessor, a "by" phrase, an actor modifier ("U.S.
    pressure"), or the subject of the verb it is the purpose of ("arrived for talks")."""
    for c in noun.children:
        if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"):  # not "Monday's attack"
            if c.pos_ == "PRON" and not actors.owners_at(c, deep=False) and _setting_verb(noun) is not None \
                    and pattern.code.startswith("04") and pattern.code[:3] not in ("042", "043"):
                break  # "Following his talks with Putin, Erdogan said": his = the subject
            return c
    for c in noun.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in NOUN_SOURCE_PREPS:
            for p in _pobjs(c):
                return p
    for c in noun.lefts:
        if c.dep_ in ("compound", "amod", "nmod") and actors.actors_at(c) and not _stance_prefixed(c):
            return c
    # an "of" phrase names the doer ("the withdrawal of U.S. troops") unless the pattern
    # puts the target there ("arrest of +": "the arrest of Navalny")
    items = pattern.items
    if not any(it.kind == "prep" and "of" in it.lemmas and j + 1 < len(items) and items[j + 1].kind == "target"
               for j, it in enumerate(items)):
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in _pobjs(c):
                    if actors.owners_at(p, deep=False):
                        return p
    # purpose phrases: "arrived in Tehran for talks", "accompanying X for a visit to Iran"
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in PURPOSE_PREPS and head.head.pos_ in ("VERB", "AUX"):
        return _subject(head.head)
    # the setting of the clause: "In talks with Miyazawa, the U.S. group urged ...",
    # "Following talks with Blair, Abbas said ...": the subject took part in the meeting
    if pattern.code.startswith("04") and pattern.code[:3] not in ("042", "043") and any(
            c.dep_ == "prep" and c.lower_ in ("with", "between") for c in noun.children):
        gov = _setting_verb(noun)
        if gov is not None:
            return _subject(gov)
    return None


def _setting_verb(noun: Token) -> Token | None:
    """The verb of the clause whose setting an event noun is: "In talks with X, Y urged",
    "Following (his) talks with X, Y said", "At a news conference following talks with X"."""
    head = noun.head
    if noun.dep_ not in ("pobj", "dobj") or head.lower_ not in SETTING_PREPS or head.head.i == head.i:
        return None
    if noun.dep_ == "dobj" and head.pos_ != "VERB":
        return None
    gov = head.head if head.head.pos_ in ("VERB", "AUX") else _governing_verb(head.head)
    if gov.pos_ not in ("VERB", "AUX") or gov.i == noun.i:
        return None
    return gov


# labels the parser gives finite verbs it misreads as modifiers ("The minister mediated talks")
MISPARSED_VERB_DEPS = frozenset({"amod", "nmod", "compound", "ROOT"})


def _infinitival(v: Token) -> bool:
    """An infinitive clause ("to withdraw", or bare: "help Iraq restore security")."""
    if any(a.dep_ == "aux" and a.lower_ == "to" for a in v.children):
        return True
    return v.tag_ == "VB" and not any(a.dep_ in ("aux", "auxpass") for a in v.children)


def _official(a: Actor) -> bool:
    """A state actor: a government or an intergovernmental organisation."""
    return "GOV" in a.sectors or (a.country is None and "IGO" in a.sectors)


def _verbless(sent: Span) -> bool:
    """The parser found no verb at the root: the sentence was read as a noun phrase."""
    return sent.root.pos_ not in ("VERB", "AUX")


def _left_subject(verb: Token, actors: SentenceActors) -> Token | None:
    """For a finite verb the parser gave no subject: the nearest actor noun before it in the
    same clause (no comma, verb or subordinator in between)."""
    sent = verb.sent
    for t in reversed(list(sent[: verb.i - sent.start])):
        if t.pos_ in ("VERB", "AUX", "SCONJ") or t.text in (",", ";", ":") or t.lower_ in ("that", "which", "who"):
            return None
        if t.pos_ in ("NOUN", "PROPN") and actors.actors_at(t):
            return t
    return None


def _governing_verb(t: Token) -> Token:
    """The nearest verb above a noun (whose mood the nominal event shares)."""
    cur = t
    for _ in range(8):
        if cur.head.i == cur.i:
            return t
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return t


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 50:
        t = t.head
        d += 1
    return d


def _subject(v: Token, _hops: int = 0) -> Token | None:
    """The logical subject of a verb: its nsubj, the agent of a passive, the controller of
    an infinitive, the subject shared by a coordinated verb, the noun a relative clause or
    participle modifies."""
    if _hops > 6:
        return None
    if _verbless_root_acl(v) and v.head.i < v.i:
        return v.head
    for c in v.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                return v.head
            return c
    if _is_passive(v):
        for c in v.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        if _hops > 0:  # climbing into a passive matrix: its surface subject
            for c in v.children:
                if c.dep_ == "nsubjpass":
                    return c
        return None
    head = v.head
    if head.i == v.i:
        return None
    if v.dep_ == "xcomp":
        if _lemma(head) in OBJECT_CONTROL:
            for c in head.children:
                if c.dep_ in ("dobj", "dative"):
                    return c
            for c in head.children:  # "called on Iraq to"
                if c.dep_ == "prep" and c.lower_ in ("on", "upon"):
                    for p in _pobjs(c):
                        return p
        return _subject(head, _hops + 1)
    if v.dep_ in ("acomp", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        return _subject(head, _hops + 1)  # "Arnor is about to restore ...": about → is → Arnor
    if v.dep_ == "conj":
        if v.tag_ == "VBN" and _is_passive(head):
            # "were killed or wounded": the coordinated participle is passive too
            for c in head.children:
                if c.dep_ == "agent":
                    return next((p for p in c.children if p.dep_ == "pobj"), None)
            return None
        return _subject(head, _hops + 1)
    if v.dep_ in ("advcl", "pcomp", "ccomp") and head.pos_ in ("VERB", "AUX", "ADP", "ADJ"):
        if v.dep_ == "ccomp":
            return None
        return _subject(head, _hops + 1)
    if v.dep_ in ("pobj", "prep") or head.pos_ == "ADP":
        return _subject(head.head if v.dep_ != "prep" else head, _hops + 1) if head.head.i != head.i else None
    if v.dep_ in ("relcl", "acl"):
        return head
    return None


def _modality(v: Token) -> str | None:
    """negated | hypothetical | conditional | obligation | future | would | None."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass", "neg", "advmod", "mark")]
    for c in v.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never"):
            return "negated"
    # "failed to cooperate", "did not agree to meet": the complement of a failed or negated verb
    if v.dep_ == "xcomp" and (_lemma(v.head) in NEGATING_VERBS or any(c.dep_ == "neg" for c in v.head.children)):
        return "negated"
    for c in v.children:
        if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
            return "conditional"
    # inside an if-clause higher up ("if Iraq attacks and invades ...", "if protesters kept
    # attacking them")
    up = v
    for _ in range(4):
        if up.dep_ not in ("conj", "xcomp", "advcl") or up.head.i == up.i:
            break
        if up.dep_ == "advcl" and _marked_conditional(up):
            return "conditional"
        up = up.head
        if up.dep_ == "advcl" and _marked_conditional(up):
            return "conditional"
    words = {c.lower_ for c in auxes if c.dep_ == "aux"}
    if not words and v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX"):
        # "said it would remove checkpoints and ease restrictions": the modal is shared
        words = {c.lower_ for c in v.head.children if c.dep_ == "aux"}
    if words & HYPOTHETICAL_MODALS:
        return "hypothetical"
    if not (words - {"to"}) and v.dep_ == "xcomp" and v.head.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS for c in v.head.children):
        # "may need to call on the EU", "could try to block": the modal of the verb above
        return "hypothetical"
    if words & OBLIGATION_MODALS:
        return "obligation"
    if words & FUTURE_MODALS:
        return "future"
    if words & WOULD:
        return "would"
    # "is going to", "is to support"
    if v.dep_ == "xcomp" and _lemma(v.head) == "go" and any(c.lemma_ == "be" for c in v.head.children):
        return "future"
    if v.dep_ == "xcomp" and _lemma(v.head) == "be":
        return "future"
    # "calls for Iran's rulers to step down", "a plan to attack": an infinitive under a noun;
    # "lent Egypt $3 billion to support reforms": a purpose, not an event
    if v.dep_ in ("acl", "relcl", "advcl") and (v.dep_ == "advcl" or v.head.pos_ in ("NOUN", "PROPN")) and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return "infinitive"
    return None


def _future_aux(v: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS | WOULD for c in v.children)


def _reporting_head(v: Token, cands: dict[int, Candidate]) -> Token | None:
    t = v
    for _ in range(3):
        if t.dep_ in ("ccomp", "parataxis") or (t.head.i != t.i and t.head.i in cands):
            h = t.head
            if h.i in cands and cands[h.i].frame == "say":
                return h
            t = h
        else:
            break
    return None


def _complement_tokens(cand: Candidate) -> list[Token]:
    """Where a frame verb's complement event can be: infinitive/clausal complements of the
    verb (or of the adjective it matched: "ready to"), the objects of its prepositions
    ("called for withdrawal"), its direct object ("demanded the release")."""
    anchor = cand.anchor
    out: list[Token] = []
    hosts = [anchor] + [tok for i, tok in cand.matched.items() if cand.pattern.items[i].kind == "word"]
    for h in hosts:
        for c in h.children:
            if c.dep_ in ("xcomp", "ccomp", "advcl") and not (c.dep_ == "advcl" and _marked_conditional(c)):
                out.append(c)
                out.extend(x for x in c.children if x.dep_ == "conj")
    # reported clauses the parser attached loosely ("X attacked Y, Z said")
    if cand.frame == "say":
        out.extend(c for c in anchor.children if c.dep_ == "parataxis")
        if anchor.dep_ == "parataxis":
            out.append(anchor.head)
    for i, tok in cand.matched.items():
        item = cand.pattern.items[i]
        if item.kind == "prep":
            out.extend(p for p in _pobjs(tok))
    for c in anchor.children:
        if c.dep_ in ("dobj", "nsubjpass") and c not in out:
            out.append(c)
            out.extend(x for x in c.children if x.dep_ == "conj")
        if c.dep_ == "prep" and c.lower_ in ("for", "to", "on", "of"):
            out.extend(_pobjs(c))
    for t in list(out):
        # "agreed to continue exchange of visits": the event noun under the complement verb
        if t.pos_ in ("VERB", "AUX") and t.dep_ == "xcomp":
            for c in t.children:
                if c.dep_ == "dobj":
                    out.append(c)
    return out


def _marked_conditional(v: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in v.children)
