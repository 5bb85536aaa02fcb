"""Comma-delimited clause elimination, PETRARCH's and TABARI's way (an option).

PETRARCH and TABARI drop short comma-delimited clauses before coding ("Arnor restored ties
with Gondor, a senior official said on Saturday": the terminal clause is not coded). Three
ranges of clause length, counted in words (tokens beginning with a letter), decide which:

- initial: the words before the first clause comma (`bmin`..`bmax`; off by default),
- terminal: the words after the last clause comma (`emin`..`emax`),
- internal: the words between two clause commas (`min`..`max`).

A maximum of 0 turns that kind off. The defaults are PETRARCH's (2-8, 0-0, 2-8). Dyad does
not drop clauses unless asked (`dyad code --comma-clauses`, `CoderConfig.comma_clauses`):
its dependency rules already keep reporting clauses and appositions apart from the event.

A clause that holds the sentence's first subject or its verb is the main clause and is kept
(PETRARCH would drop "restored ties with Libya" from "France, it seems, restored ties with
Libya"). The clauses are not removed from the text: their tokens are hidden from the actor and
event stages, so the parse of the whole sentence is kept (PETRARCH likewise removes the
phrases from the parse tree, not from the text).

A comma inside a noun phrase is not a clause comma (PETRARCH removes those before counting
when it marks noun phrases): commas of a list ("Mordor, Rohan, Fornost and Bree"), before
an apposition ("Osgiliath, the state's fiercest foe") or between adjectives ("complete,
full diplomatic ties").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from spacy.tokens import Span, Token

NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
NP_CONTINUATIONS = frozenset({"appos", "conj", "amod", "compound", "nmod", "cc"})
OPTION_NAMES = ("comma_min", "comma_max", "comma_bmin", "comma_bmax", "comma_emin", "comma_emax")


@dataclass(frozen=True)
class CommaClauses:
    """Word-count ranges of the clauses to drop (PETRARCH's `comma_*` options)."""

    min: int = 2
    max: int = 8
    bmin: int = 0
    bmax: int = 0
    emin: int = 2
    emax: int = 8

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"comma_{f.name} must be a whole number ≥ 0, got {value!r}")

    @classmethod
    def from_options(cls, options: Mapping[str, str], base: CommaClauses | None = None) -> CommaClauses:
        """Apply PETRARCH option names (`comma_min`, `comma_emax`, ...) to `base` (default:
        PETRARCH's defaults). A value that is not a whole number raises ValueError."""
        changes: dict[str, int] = {}
        for name in OPTION_NAMES:
            if name in options:
                text = str(options[name]).strip()
                if not text.isdigit():
                    raise ValueError(f"{name} must be a whole number, got {text!r}")
                changes[name.removeprefix("comma_")] = int(text)
        return replace(base or cls(), **changes)

    @property
    def active(self) -> bool:
        return bool(self.max or self.bmax or self.emax)

    def hidden(self, sent: Span) -> frozenset[int]:
        """Document indices of the tokens of `sent` in the clauses to drop."""
        commas = [t for t in sent if t.text == "," and clause_comma(t)]
        if not commas:
            return frozenset()
        end = sent.end
        while end > sent.start and sent.doc[end - 1].is_punct and sent.doc[end - 1].text != ",":
            end -= 1  # the final full stop (and quotes) stay
        # the sentence's first subject and its verb are the main clause, which is never
        # dropped ("France, it seems, restored ties with Libya on Monday")
        subject = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass")), None)
        main = (subject.i, subject.head.i) if subject is not None else ()
        out: set[int] = set()

        def drop(start: int, stop: int, low: int, high: int) -> None:
            if start < stop and low <= _words(sent.doc, start, stop) <= high \
                    and not any(start <= i < stop for i in main):
                out.update(range(start, stop))

        if self.bmax:
            drop(sent.start, commas[0].i, self.bmin, self.bmax)
        if self.emax:
            drop(commas[-1].i + 1, end, self.emin, self.emax)
        if self.max:
            for a, b in zip(commas, commas[1:]):
                drop(a.i + 1, b.i, self.min, self.max)
        return frozenset(out)


def _words(doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if t.text[:1].isalpha())


def clause_comma(comma: Token) -> bool:
    """A comma between clauses, not one inside a noun phrase."""
    if comma.i > 0:
        before = comma.doc[comma.i - 1]
        if any(t.dep_ == "appos" and t.pos_ in NOMINAL and t.right_edge.i == before.i
               for t in [before, *before.ancestors]):
            return False  # "Libya, its neighbour, restored": the comma closing an apposition
    head = comma.head
    if head.pos_ not in NOMINAL:
        return True
    if head.left_edge.i < comma.i < head.i:
        return False  # "complete, full diplomatic ties"
    after = comma.nbor(1) if comma.i + 1 < len(comma.doc) else None
    if after is None:
        return True
    # the phrase after the comma continues the noun phrase: an apposition, a list member
    return not any(c.dep_ in NP_CONTINUATIONS and c.i > comma.i and c.left_edge.i <= after.i
                   for c in head.children)
