"""The `dyad` command end to end: inputs, bad records, exit status, store idempotency."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from dyad.cli import main

GOOD_TXT = """France, Libya clash over border

PARIS (Example Wire) - France attacked Libya on Sunday, the defense ministry said.

Follow us on Twitter
"""

JSONL_LINES = [
    json.dumps({"id": "a1", "date": "2011-03-21", "text": "Britain attacked Libya on Monday."}),
    '{"id": "a2", "date": "2011-03-21", "text": "broken json',
    json.dumps({"id": "a3", "date": "2011-03-21"}),
    json.dumps({"id": "a4", "date": "2011-03-21", "text": "The Iraqi prime minister visited Iran."}),
]


@pytest.fixture()
def dicts(small_dicts, small_patterns):
    return [*small_dicts, small_patterns]


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(GOOD_TXT, encoding="utf-8")
    data = ("\n".join(JSONL_LINES) + "\n").encode("utf-8") + b'{"id": "a5", "text": "caf\xe9 bytes"}\n'
    (tmp_path / "in" / "batch.jsonl").write_bytes(data)
    return tmp_path


def run(args, dicts, input=None):
    extra = [x for d in dicts for x in ("--dictionary", str(d))]
    return CliRunner().invoke(main, args + extra, input=input, catch_exceptions=False)


def events_of(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_bad_records_are_reported_and_the_rest_is_coded(workdir, dicts):
    store = workdir / "s.duckdb"
    result = run(["code", str(workdir / "in"), "--date", "2011-03-20", "-o", "-", "--store", str(store), "-q"], dicts)
    assert result.exit_code == 1
    err = result.stderr
    batch = str(workdir / "in" / "batch.jsonl")
    assert f"{batch}:2: invalid JSON" in err
    assert f"{batch}:3:" in err and "text" in err
    assert f"{batch}:5:" in err and "UTF-8" in err
    triples = {(e["article_id"], e["source"]["code"], e["target"]["code"] if e["target"] else None, e["cameo"])
               for e in events_of(result.stdout)}
    assert ("a1", "GBR", "LBY", "190") in triples
    assert ("a4", "IRQGOV", "IRN", "042") in triples
    assert ("story", "FRA", "LBY", "190") in triples
    con = duckdb.connect(str(store), read_only=True)
    assert sorted(r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()) == ["a1", "a4", "story"]
    con.close()


def test_coding_twice_stores_once_and_still_outputs(workdir, dicts):
    store = workdir / "s.duckdb"
    args = ["code", str(workdir / "in" / "story.txt"), "--date", "2011-03-20", "-o", "-", "--store", str(store), "-q"]
    first = run(args, dicts)
    second = run(args, dicts)
    assert first.exit_code == second.exit_code == 0
    assert events_of(first.stdout) == events_of(second.stdout) != []
    con = duckdb.connect(str(store), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert n_events == len(events_of(first.stdout))
    con.close()
    # the same article with new content replaces the old events
    (workdir / "in" / "story.txt").write_text(GOOD_TXT.replace("France attacked", "France bombed"), encoding="utf-8")
    run(args, dicts)
    con = duckdb.connect(str(store), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM sentences").fetchone()[0] == 1
    con.close()


def test_text_dateline_and_date_resolution(workdir, dicts):
    result = run(["code", str(workdir / "in" / "story.txt"), "--date", "2011-03-21", "-o", "-", "--no-store", "-q"], dicts)
    [event] = [e for e in events_of(result.stdout) if e["cameo"] == "190"]
    assert event["date"] == "2011-03-20" and event["published"] == "2011-03-21"  # "on Sunday" before a Monday
    assert event["sentence_index"] == 0
    assert "Follow us" not in result.stdout


def test_stdin_jsonl_and_plain_text(dicts):
    result = run(["code", "-", "-o", "-", "--no-store", "-q"], dicts, input=JSONL_LINES[0] + "\n")
    assert result.exit_code == 0
    assert [e["article_id"] for e in events_of(result.stdout)] == ["a1"]
    result = run(["code", "-", "-o", "-", "--no-store", "-q", "--date", "2011-03-21"], dicts,
                 input="France attacked Libya.\n")
    assert [e["article_id"] for e in events_of(result.stdout)] == ["stdin"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_output_formats(workdir, dicts, fmt):
    out = workdir / f"events.{fmt}"
    result = run(["code", str(workdir / "in" / "story.txt"), "--date", "2011-03-20", "-o", str(out), "--no-store", "-q"],
                 dicts)
    assert result.exit_code == 0
    con = duckdb.connect()
    reader = {"jsonl": "read_json_auto", "csv": "read_csv_auto", "parquet": "read_parquet"}[fmt]
    rows = con.execute(f"SELECT cameo FROM {reader}('{out}')").fetchall()
    assert ("190",) in [(str(r[0]).zfill(3),) for r in rows]


@pytest.mark.parametrize("args, message", [
    (["code", "x.txt", "--date", "yesterday"], "--date must be a date"),
    (["code", "x.txt", "-o", "events.xlsx"], "output format"),
])
def test_usage_errors_exit_2(tmp_path, dicts, args, message):
    (tmp_path / "x.txt").write_text("France attacked Libya.", encoding="utf-8")
    args = [a.replace("x.txt", str(tmp_path / "x.txt")) for a in args]
    result = run(args, dicts)
    assert result.exit_code == 2
    assert message in result.output


def test_missing_input_file_is_a_rejection(tmp_path, dicts):
    result = run(["code", str(tmp_path / "nope.txt"), "--no-store", "-q", "-o", "-"], dicts)
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr


def test_events_command_filters(workdir, dicts):
    store = workdir / "s.duckdb"
    run(["code", str(workdir / "in"), "--date", "2011-03-20", "--store", str(store), "-q"], dicts)
    runner = CliRunner()
    out = runner.invoke(main, ["events", "--store", str(store), "--source", "GBR", "--format", "jsonl"])
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert rows and all(r["source"]["country"] == "GBR" for r in rows)
    out = runner.invoke(main, ["events", "--store", str(store), "--root", "04", "--format", "jsonl"])
    assert {json.loads(line)["cameo"] for line in out.output.splitlines()} == {"042", "043"}
    out = runner.invoke(main, ["events", "--store", str(store), "--since", "2012-01-01", "--format", "jsonl"])
    assert out.output.strip() == ""
    out = runner.invoke(main, ["events", "--store", str(store)])
    assert out.exit_code == 0 and "CAMEO" in out.output


def test_explain_shows_patterns_and_reasons(dicts):
    extra = [x for d in dicts for x in ("--dictionary", str(d))]
    out = CliRunner().invoke(main, ["explain", "France did not attack Libya. Britain bombed Libya."] + extra)
    assert out.exit_code == 0
    assert "negated" in out.output
    assert "FRA" in out.output and "LBY" in out.output


def test_oversized_articles_are_rejected_and_the_rest_coded(tmp_path, dicts):
    big = "France attacked Libya. " * 60_000  # about 1.4 MB
    lines = [json.dumps({"id": "big", "date": "2011-03-21", "text": big}),
             json.dumps({"id": "small", "date": "2011-03-21", "text": "Britain attacked Libya."})]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(["code", str(path), "-o", "-", "--no-store", "-q"], dicts)
    assert result.exit_code == 1
    assert f"{path}:1: article 'big'" in result.stderr and "--max-chars" in result.stderr
    assert [e["article_id"] for e in events_of(result.stdout)] == ["small"]
