"""Throughput: Dyad's full coding against bare spaCy parsing of the same text.

    .venv/bin/python benchmarks/throughput.py --corpus ../shared/corpora/reuters21578/articles.jsonl --articles 2000

Both runs use the same spaCy model and components, in one process, on the same articles:
- bare: `nlp.pipe` over the articles' paragraphs (what any spaCy-based coder must pay);
- Dyad: reading and cleaning the JSONL (ingest), parsing, actors, events, dates: the
  ArticleResults `dyad code` writes (the store is not included: it is I/O).
It prints both rates, their ratio (Dyad / bare; 1.0 means coding is free on top of
parsing) and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import sys
import time
from pathlib import Path

from dyad.ingest import read_inputs
from dyad.nlp import paragraphs
from dyad.pipeline import Coder, CoderConfig
from dyad.records import Article


def load_articles(path: Path, n: int) -> list[Article]:
    out = []
    for item in read_inputs([str(path)]):
        if isinstance(item, Article):
            out.append(item)
            if len(out) >= n:
                break
    return out


def bare_spacy(nlp, path: Path, n: int, batch_size: int) -> tuple[float, int]:
    """Seconds and sentence count to read the raw JSONL and parse its texts with nlp.pipe."""
    start = time.perf_counter()
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in itertools.islice(fh, n):
            texts.append(json.loads(line)["text"])
    chunks = (p for t in texts for p in paragraphs(t))
    sentences = 0
    for doc in nlp.pipe(chunks, batch_size=batch_size):
        sentences += sum(1 for _ in doc.sents)
    return time.perf_counter() - start, sentences


def dyad(coder: Coder, path: Path, n: int) -> tuple[float, int, int, int]:
    """Seconds, articles, sentences and events to ingest and code the same articles."""
    start = time.perf_counter()
    articles = load_articles(path, n)
    sentences = events = 0
    for result in coder.code_articles(articles):
        sentences += len(result.sentences)
        events += len(result.events)
    return time.perf_counter() - start, len(articles), sentences, events


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="JSONL articles (../shared/corpora/reuters21578/articles.jsonl)")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--model", default=None)
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args(argv)

    coder = Coder(CoderConfig(model=args.model, batch_size=args.batch_size))
    nlp = coder.nlp
    # warm-up: first batches pay for lazy allocations in both paths
    list(coder.code_articles(load_articles(args.corpus, 20)))

    bare_s, bare_sents = bare_spacy(nlp, args.corpus, args.articles, args.batch_size)
    dyad_s, n_articles, dyad_sents, n_events = dyad(coder, args.corpus, args.articles)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    bare_rate = args.articles / bare_s
    dyad_rate = n_articles / dyad_s
    print(f"model: {coder.model}; components: {', '.join(nlp.pipe_names)}")
    print(f"articles: {n_articles}  sentences: {dyad_sents} (bare spaCy: {bare_sents})  events: {n_events}")
    print(f"bare spaCy: {bare_s:8.1f} s  {bare_rate:7.1f} articles/s  {bare_sents / bare_s:8.1f} sentences/s")
    print(f"Dyad:       {dyad_s:8.1f} s  {dyad_rate:7.1f} articles/s  {dyad_sents / dyad_s:8.1f} sentences/s")
    print(f"ratio Dyad/bare: {dyad_rate / bare_rate:.3f}")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
