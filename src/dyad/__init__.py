"""Dyad: political event coding. News articles in, CAMEO and PLOVER events out.

    from dyad import Coder, read_inputs
    coder = Coder()
    for result in coder.code_articles(a for a in read_inputs(["news/"]) if isinstance(a, Article)):
        ...
"""

from dyad.ingest import read_inputs
from dyad.pipeline import ArticleResult, Coder, CoderConfig
from dyad.records import Actor, Article, Event, Location, Rejection

__all__ = ["Actor", "Article", "ArticleResult", "Coder", "CoderConfig", "Event", "Location", "Rejection", "read_inputs"]
__version__ = "0.1.0"
