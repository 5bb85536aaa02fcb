"""Series and rankings over the store (`dyad series`, `dyad top`, `dyad.api`), on the
hand-made store of dyad_fixture.py."""

from __future__ import annotations

import re
import shutil

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

import dyad.api as dy
from dyad import analysis
from dyad.cli import main
from dyad_fixture import N_EVENTS, N_MENTIONS, build, goldstein


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build(tmp_path_factory.mktemp("analysis") / "s.duckdb")


def test_events_are_deduplicated_and_mentions_kept(store_path):
    events = dy.events(store_path)
    assert len(events) == N_EVENTS
    visit = events[events["cameo"] == "042"].iloc[0]
    assert (visit["num_mentions"], visit["num_sources"], visit["num_articles"]) == (2, 2, 2)
    assert visit["first_article_id"] == "a1" and visit["source_url"] == "https://example.com/a1"
    assert len(dy.mentions(store_path)) == N_MENTIONS
    assert list(dy.events(store_path, source="IRN", target="IRQ")["cameo"]) == ["042", "190", "036", "111"]


def test_weekly_series_by_hand(store_path):
    s = dy.series(store_path, source="IRN", target="IRQ", by="week", metric="all")
    assert [d.strftime("%Y-%m-%d") for d in s.index] == ["2020-01-06", "2020-01-13", "2020-01-20"]
    assert s.index.name == "period"
    assert list(s["events"]) == [2, 0, 2]
    assert s["goldstein"].tolist() == pytest.approx([goldstein("042") + goldstein("190"), 0.0,
                                                     goldstein("036") + goldstein("111")])
    assert s["goldstein"].tolist() == pytest.approx([-8.1, 0.0, 2.0])
    assert list(s["verbal_cooperation"]) == [1, 0, 1]
    assert list(s["material_conflict"]) == [1, 0, 0]
    assert list(s["verbal_conflict"]) == [0, 0, 1]
    assert list(s["material_cooperation"]) == [0, 0, 0]


def test_series_metrics_mentions_and_directions(store_path):
    assert list(dy.series(store_path, source="IRN", target="IRQ", metric="count").columns) == ["events"]
    assert list(dy.series(store_path, source="IRN", target="IRQ", metric="goldstein").columns) == ["goldstein"]
    assert list(dy.series(store_path, source="IRN", target="IRQ", metric="quad").columns) == analysis.QUAD_COLUMNS
    # the visit was reported twice: 3 mentions in the first week
    assert list(dy.series(store_path, source="IRN", target="IRQ", mentions=True)["mentions"]) == [3, 0, 2]
    # IRQ → IRN 112 on Tue 2020-01-07 joins the first week
    both = dy.series(store_path, source="IRN", target="IRQ", both_directions=True)
    assert list(both["events"]) == [3, 0, 2]
    days = dy.series(store_path, source="IRN", target="IRQ", by="day")
    assert len(days) == 21 and days["events"].sum() == 4
    assert days.loc[pd.Timestamp("2020-01-07"), "events"] == 0
    months = dy.series(store_path, source="IRN", target="IRQ", by="month")
    assert [d.strftime("%Y-%m-%d") for d in months.index] == ["2020-01-01"] and months["events"].iloc[0] == 4
    # a code prefix matches the code's actors; a full code only that actor
    assert dy.series(store_path, source="IRNMIL")["events"].sum() == 1
    assert dy.series(store_path, source="IRN", target="IRQ", root="04")["events"].sum() == 1


def test_empty_series(store_path):
    s = dy.series(store_path, source="FRA", metric="all")
    assert s.empty and list(s.columns) == ["events", "goldstein", *analysis.QUAD_COLUMNS]


def test_top_dyads_actors_codes(store_path):
    dyads = dy.top(store_path, "dyads")
    assert (dyads.iloc[0]["source"], dyads.iloc[0]["target"], dyads.iloc[0]["events"]) == ("IRN", "IRQ", 4)
    assert dyads.iloc[0]["goldstein"] == pytest.approx(-6.1)
    assert set(zip(dyads["source"], dyads["target"])) == {("IRN", "IRQ"), ("IRQ", "IRN"), ("USA", "IRN")}
    by_code = dy.top(store_path, "dyads", level="code")
    assert ("IRNGOV", "IRQGOV", 2) in set(zip(by_code["source"], by_code["target"], by_code["events"]))
    actors = dy.top(store_path, "actors").set_index("actor")
    assert (actors.loc["IRN", "events"], actors.loc["IRN", "as_source"], actors.loc["IRN", "as_target"]) == (7, 5, 2)
    codes = dy.top(store_path, "codes", n=3)
    assert len(codes) == 3 and list(codes.columns) == ["cameo", "name", "events", "goldstein", "quad_class"]
    assert dy.top(store_path, "codes", mentions=True).set_index("cameo").loc["042", "mentions"] == 2


def test_stores_of_an_earlier_version_are_upgraded_when_read(store_path, tmp_path):
    copy = tmp_path / "old.duckdb"
    shutil.copy(store_path, copy)
    con = duckdb.connect(str(copy))
    con.execute("DROP TABLE unique_events")
    con.execute("ALTER TABLE events DROP COLUMN group_id")
    with pytest.raises(ValueError, match="unique_events"):
        dy.series(con, source="IRN", target="IRQ")
    con.close()
    # by its path: upgraded, then grouped as the store groups new events
    assert dy.series(copy, source="IRN", target="IRQ")["events"].tolist() == [2, 0, 2]
    events = dy.events(copy)
    assert len(events) == N_EVENTS
    assert events.set_index("cameo").loc["042", "num_mentions"] == 2
    assert dy.series(copy, source="IRN", target="IRQ", metric="goldstein")["goldstein"].tolist() == pytest.approx(
        [-8.1, 0.0, 2.0])


def _table_rows(output: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("│").split("│")] for line in output.splitlines() if line.startswith("│")]


def test_cli_series_prints_the_weekly_counts(store_path):
    result = CliRunner().invoke(main, ["series", "--store", str(store_path), "--source", "IRN", "--target", "IRQ",
                                       "--by", "week"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert _table_rows(result.output) == [["2020-01-06", "2"], ["2020-01-13", "0"], ["2020-01-20", "2"]]
    result = CliRunner().invoke(main, ["series", "--store", str(store_path), "--source", "IRN", "--target", "IRQ",
                                       "--by", "week", "--metric", "goldstein"], catch_exceptions=False)
    assert _table_rows(result.output) == [["2020-01-06", "-8.10"], ["2020-01-13", "0.00"], ["2020-01-20", "2.00"]]
    result = CliRunner().invoke(main, ["series", "--store", str(store_path), "--source", "IRN", "--target", "IRQ",
                                       "--metric", "quad", "--format", "csv"], catch_exceptions=False)
    assert result.output.splitlines() == [
        "period,verbal_cooperation,material_cooperation,verbal_conflict,material_conflict",
        "2020-01-06,1,0,0,1", "2020-01-13,0,0,0,0", "2020-01-20,1,0,1,0"]


def test_cli_top(store_path):
    result = CliRunner().invoke(main, ["top", "dyads", "--store", str(store_path), "--n", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = _table_rows(result.output)
    assert len(rows) == 2 and rows[0][:4] == ["1", "IRN", "IRQ", "4"]
    result = CliRunner().invoke(main, ["top", "codes", "--store", str(store_path)], catch_exceptions=False)
    assert re.search(r"042\s*│\s*Make a visit", result.output)


def test_cli_reports_a_missing_store(tmp_path):
    result = CliRunner().invoke(main, ["series", "--store", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no store" in result.output


def test_readme_notebook_example_runs(store_path, tmp_path, monkeypatch):
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exports, series and plots"):]
    block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    shutil.copy(store_path, tmp_path / "dyad.duckdb")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)
    namespace["store"].close()
    assert list(namespace["weekly"].columns) == analysis.QUAD_COLUMNS and len(namespace["weekly"]) == 3
    assert namespace["dyads"].iloc[0]["events"] == 4
    assert (tmp_path / "events.tsv").read_text(encoding="utf-8").count("\n") == 5  # IRN as source: 042, 190, 010, 036, 111
    assert (tmp_path / "chart.png").stat().st_size > 0
