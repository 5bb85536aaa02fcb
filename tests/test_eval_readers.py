"""The gold-set readers, format detection, `dyad eval` and `make eval`'s page handling.

Every file here is tiny and written by the test itself, with sentences written by the team
(none is copied from the shared material).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli import main
from dyad.evaluation import run_all
from dyad.evaluation.readers import (
    read_dyad,
    read_multicoder,
    read_pentaclass,
    read_petrarch,
    read_plover,
    read_spans,
    root_of_label,
    spans_of,
)
from dyad.evaluation.run import detect_format, evaluate, markdown, read_gold

# -- PLOVER gold records -------------------------------------------------------------------

PLOVER_RECORDS = [
    {"id": "X-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "header", "comment": "PLOVER test file"},
    {"id": "X-DEMAND-0001", "date": "2001-02-03", "event": "DEMAND", "eventText": "demanded",
     "text": "Tokyo demanded that Seoul return the fishing boat.",
     "source": [{"actorText": "Tokyo", "code": "JAP", "sector": "GOV"}],
     "target": [{"actorText": "Seoul", "code": "KOR", "sector": "GOV"}]},
    {"id": "X-FIGHT-0001", "date": "2001-02-04", "event": "FIGHT", "eventText": "clashed",
     "text": "Rebels clashed with soldiers near the border.",
     "source": [{"actorText": "Rebels", "code": "---", "sector": "REB"}], "target": []},
    {"id": "X-DISAPPROVE-0001", "event": "DISAPPROVE", "eventText": "criticised",
     "text": "The UN criticised the decision.", "source": [{"actorText": "UN", "code": "IGO"}], "target": "none"},
    {"id": "X-INVESTIGATE-0001", "event": "INVESTIGATE", "eventText": "x", "text": "Police looked into the fire."},
    {"id": "X-AGREE-0001", "event": "AGREE", "eventText": "x", "text": ""},
]


def test_plover_reader_maps_old_labels_and_legacy_codes(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(PLOVER_RECORDS), encoding="utf-8")
    items = read_plover(path)
    assert [i.id for i in items] == ["X-DEMAND-0001", "X-FIGHT-0001", "X-DISAPPROVE-0001", "X-INVESTIGATE-0001"]
    assert [i.plover_type for i in items] == ["REQUEST", "ASSAULT", "ACCUSE", "ACCUSE"]
    demand = items[0]
    assert [a.code for a in demand.sources] == ["JPN"] and [a.code for a in demand.targets] == ["KOR"]
    assert demand.published == "2001-02-03"
    assert items[1].sources == []  # "---" is not an actor code
    assert [a.code for a in items[2].sources] == ["IGO"] and items[2].targets == []
    assert detect_format(path) == "plover"


# -- 5-class TSV ---------------------------------------------------------------------------

def test_pentaclass_reader(tmp_path):
    path = tmp_path / "test.tsv"
    path.write_text("Oslo hosted peace talks on Monday.\t1\n\nThe army shelled the town.\t4\n", encoding="utf-8")
    items = read_pentaclass(path)
    assert [(i.id, i.text, i.pentaclass) for i in items] == [
        ("test-1", "Oslo hosted peace talks on Monday.", 1), ("test-3", "The army shelled the town.", 4)]
    assert detect_format(path) == "pentaclass"
    bad = tmp_path / "bad.tsv"
    bad.write_text("A sentence without a label\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:1"):
        read_pentaclass(bad)
    bad.write_text("A sentence.\t7\n", encoding="utf-8")
    with pytest.raises(ValueError, match="0-4"):
        read_pentaclass(bad)


# -- span files ----------------------------------------------------------------------------

SPANS = """\
Kenya B-S
's I-S
president I-S
met O
Uganda B-T
's O
leader O
. O

Peru B-R
and I-R
Chile I-R
signed O
a O
trade O
pact O
, O
officials O
said O
. O
"""


def test_span_reader_tokens_tags_offsets(tmp_path):
    path = tmp_path / "test.txt"
    path.write_text(SPANS + "\n\n", encoding="utf-8")
    items = read_spans(path)
    assert len(items) == 2
    first, second = items
    assert first.text == "Kenya's president met Uganda's leader."
    assert first.tokens[:3] == ["Kenya", "'s", "president"]
    assert [first.text[s:e] for s, e in first.offsets] == first.tokens
    assert spans_of(first.tags) == [("S", 0, 3), ("T", 4, 5)]
    assert second.text == "Peru and Chile signed a trade pact, officials said."
    assert spans_of(second.tags) == [("R", 0, 3)]
    assert second.id == "test-2"
    assert detect_format(path) == "spans"


def test_span_reader_rejects_malformed_lines(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("Kenya B-S\nprotested\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.txt:2"):
        read_spans(path)


def test_bio_is_read_leniently():
    # an I- tag that does not continue its role starts a span; a B- ends the previous one
    assert spans_of(["I-S", "I-S", "O", "B-T", "B-T", "I-T", "I-S"]) == [("S", 0, 2), ("T", 3, 4), ("T", 4, 6), ("S", 6, 7)]


# -- PETRARCH validation XML ---------------------------------------------------------------

PETR_XML = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
# a comment line that mentions <EventCoding...> and <Sentence...>
<Sentences>
<Sentence category="AFP" date="20100203" id="T_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="FRAGOV" targetcode="DEU" />
<EventCoding eventcode="043" sourcecode="DEU" targetcode="FRAGOV" />
<Text>
The French president arrived in Berlin
for a two-day visit.
</Text>
<Parse>
1	The	the	DET	DT	_	2	det	_	_
</Parse>
</Sentence>

<Sentence category="TEST" date="20100204" id="T_2" evaluate="true">
<EventCoding noevents="True" />
<Text>
Markets were calm on Tuesday.
</Text>
</Sentence>

<Sentence category="OTHER" date="20100205" id="T_3" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="---REB" targetcode="---" />
<Text>
Gunmen &amp; rebels fought in the hills.
</Text>

<Sentence category="OTHER" date="20100206" id="T_4" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="NGAREB" targetcode="NGA" />
<Text>
</Text>

<Sentence category="OTHER" date="20100207" id="T_5" evaluate="false"/>
<EventCoding eventcode="010" sourcecode="USA" targetcode="---" />
<Text>
Washington said nothing.
</Text>
</Sentences>
</Validation>
"""


def test_petrarch_reader_is_lenient_about_self_closed_sentences(tmp_path):
    path = tmp_path / "validation.xml"
    path.write_text(PETR_XML, encoding="utf-8")
    items = read_petrarch(path)
    # T_4 has no text, T_5 is not to be evaluated
    assert [i.id for i in items] == ["T_1", "T_2", "T_3"]
    t1, t2, t3 = items
    assert t1.text == "The French president arrived in Berlin for a two-day visit."
    assert t1.events == [("FRAGOV", "DEU", "042"), ("DEU", "FRAGOV", "043")]
    assert t1.published == "2010-02-03" and t1.category == "AFP"
    assert t2.events == [] and t2.text == "Markets were calm on Tuesday."
    assert t3.events == [("---REB", None, "190")]  # "---" alone: no target
    assert t3.text == "Gunmen & rebels fought in the hills."
    assert detect_format(path) == "petrarch"


# -- Dyad gold JSONL -----------------------------------------------------------------------

def dyad_gold(tmp_path: Path) -> Path:
    records = [
        {"id": "t-1", "split": "dev", "text": "France attacked Libya on Sunday.", "published": "2011-03-20",
         "events": [{"source": "FRA", "target": "LBY", "cameo": "190"}]},
        {"id": "t-2", "split": "test", "text": "The markets were calm on Monday.", "published": None, "events": []},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_dyad_reader_and_split(tmp_path):
    path = dyad_gold(tmp_path)
    assert detect_format(path) == "dyad"
    items = read_dyad(path, None)
    assert [(i.id, i.split, i.events) for i in items] == [("t-1", "dev", [("FRA", "LBY", "190")]), ("t-2", "test", [])]
    assert [i.id for i in read_dyad(path, None, "test")] == ["t-2"]
    with pytest.raises(ValueError, match="split"):
        read_gold(path.with_name("x.tsv"), "pentaclass", None, "dev")


# -- multi-coder rounds --------------------------------------------------------------------

HEADER = ["ids", "sentences", "anncomplete_1", "Action1_CAMEO_1", "Action2_CAMEO_1", "Action1-PentaClass_1",
          "anncomplete_2", "Action1_CAMEO_2", "anncomplete_3", "Action1_CAMEO_3"]


def write_round(path: Path, rows: list[list[str]]) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)


def test_multicoder_rounds_keep_the_latest_round_of_each_set(tmp_path):
    folder = tmp_path / "annotations"
    folder.mkdir()
    set_a = ["Oslo hosted talks.", "Rebels shelled a town."]
    write_round(folder / "round_1_summary.csv", [
        ["a1", set_a[0], "True", "1-4 Consult", "", "1-Verbal Cooperation", "True", "0-1 Make Public Statement", "True", ""],
        ["a2", set_a[1], "True", "4-18 Assualt", "", "", "True", "4-19 Fight", "False", ""],
    ])
    write_round(folder / "round_2_summary_v2.csv", [
        ["a1", set_a[0], "True", "1-4 Consult", "0-1 Make Public Statement", "", "True", "1-4 Consult", "True", "1-4 Consult"],
        ["a2", set_a[1], "True", "4-19 Fight", "", "", "True", "4-19 Fight", "True", ""],
    ])
    write_round(folder / "round_10_summary.csv", [
        ["b1", "Lima protested to Quito.", "True", "3-16 Reduce Relations", "", "", "True", "3-11 Disapprove", "True", ""],
    ])
    assert detect_format(folder) == "multicoder"
    items = read_multicoder(folder)
    assert sorted({i.round for i in items}) == ["round_10", "round_2"]
    a1 = next(i for i in items if i.text == set_a[0])
    assert a1.coders == {"coder_1": ["04", "01"], "coder_2": ["04"], "coder_3": ["04"]}
    assert a1.first_roots == {"coder_1": "04", "coder_2": "04", "coder_3": "04"}
    a2 = next(i for i in items if i.text == set_a[1])
    assert a2.coders["coder_3"] == []
    assert len(read_multicoder(folder, all_rounds=True)) == 5
    single = read_multicoder(folder / "round_1_summary.csv")
    assert [i.round for i in single] == ["round_1", "round_1"]


def test_multicoder_jsonl(tmp_path):
    path = tmp_path / "multi.jsonl"
    recs = [{"id": "r1-1", "round": "round_1", "text": "Oslo hosted talks.",
             "annotations": {"coder_1": {"actions": [{"cameo_root": "1-4 Consult", "pentaclass": "1-Verbal Cooperation"}]},
                             "coder_2": {"actions": []}}}]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    assert detect_format(path) == "multicoder"
    [item] = read_multicoder(path)
    assert item.coders == {"coder_1": ["04"], "coder_2": []} and item.id == "r1-1"


def test_root_labels():
    assert root_of_label("4-18 Assualt") == "18"
    assert root_of_label("0-1 Make Public Statement") == "01"
    assert root_of_label("") is None and root_of_label("Consult") is None and root_of_label("4-27 x") is None


def test_unknown_format_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\nmore notes\n", encoding="utf-8")
    with pytest.raises(ValueError, match="--format"):
        detect_format(path)


# -- running the coder on a set --------------------------------------------------------------

def test_evaluate_and_markdown_on_a_tiny_set(coder, tmp_path):
    path = dyad_gold(tmp_path)
    result = evaluate(coder, path)
    assert result["format"] == "dyad" and result["sentences"] == 2 and result["no_event_sentences"] == 1
    assert set(result) >= {"root", "code", "per_root", "confusion", "coverage", "false_event_rate", "errors"}
    again = evaluate(coder, path)
    assert json.dumps(result, sort_keys=True) == json.dumps(again, sort_keys=True)  # deterministic
    text = markdown(result, errors=None)
    assert "(source country, target country, root)" in text and "Confusion" in text


def test_dyad_eval_command_writes_json_and_markdown(tmp_path):
    gold = dyad_gold(tmp_path)
    spans = tmp_path / "spans.txt"
    spans.write_text(SPANS, encoding="utf-8")
    report = tmp_path / "out" / "results.json"
    result = CliRunner().invoke(main, ["eval", str(gold), str(spans), "--report", str(report), "--errors", "2"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "(dyad)" in result.output and "(spans)" in result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [r["format"] for r in data] == ["dyad", "spans"]
    assert (tmp_path / "out" / "results.md").read_text(encoding="utf-8").startswith("# Dyad evaluation report")


def test_dyad_eval_command_refuses_an_unknown_format(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 2 and "--format" in result.output


# -- make eval: the shared folder and the benchmarks page ----------------------------------

def test_run_all_fails_clearly_without_shared(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        run_all.main(["--shared", str(tmp_path / "nowhere"), "--repo", str(tmp_path)])
    assert exc.value.code == 2
    assert "shared material was not found" in capsys.readouterr().err


def test_run_all_optional_set_absent_is_not_an_error(tmp_path):
    shared = tmp_path / "shared"
    (shared / "peers").mkdir(parents=True)
    repo = tmp_path / "repo"
    repo.mkdir()
    synthetic = next(s for s in run_all.SETS if s.key == "dyad-synthetic-dev")
    assert synthetic.optional
    assert run_all.resolve(synthetic, shared, "../shared", repo) == (None, None)
    # a required set missing from the shared folder stops the run before any coding
    assert run_all.main(["--shared", str(shared), "--repo", str(repo), "--only", "plover"]) == 2
    # only the optional set: it is reported absent and the page is written
    bench = repo / "docs" / "benchmarks.md"
    assert run_all.main(["--shared", str(shared), "--repo", str(repo), "--only", "dyad-synthetic-dev",
                         "--date", "2020-01-02"]) == 0
    page = bench.read_text(encoding="utf-8")
    assert "absent" in page and "2020-01-02" in page and "## Speed" in page


def test_benchmarks_page_keeps_the_hand_written_part():
    generated = run_all.table([], None, "2020-01-02", "../shared")
    fresh = run_all.merge_benchmarks(None, generated)
    assert fresh.startswith("# Benchmarks\n") and run_all.END in fresh and "## Speed" in fresh
    edited = fresh.replace("Hand-written section", "Speed: 1,234 sentences/s on a laptop")
    regenerated = run_all.merge_benchmarks(edited, run_all.table([], None, "2021-05-06", "../shared"))
    assert "1,234 sentences/s" in regenerated and "2021-05-06" in regenerated and "2020-01-02" not in regenerated
    assert regenerated.count(run_all.BEGIN) == 1 and regenerated.count(run_all.END) == 1
    # a page that has only the end marker: everything above it is replaced
    only_end = "# Benchmarks\n\nold table\n\n" + run_all.END + "\n\n## Speed\n\nfast\n"
    merged = run_all.merge_benchmarks(only_end, generated)
    assert "old table" not in merged and merged.endswith("## Speed\n\nfast\n")
    # a hand-written page with no markers is kept below the table
    merged = run_all.merge_benchmarks("# Benchmarks\n\n## Speed\n\nfast\n", generated)
    assert merged.startswith("# Benchmarks\n\n" + run_all.BEGIN) and merged.endswith("## Speed\n\nfast\n")
    assert merged.count("# Benchmarks") == 1


def test_plover_reader_reads_src_tar_markup_as_mutual_targets(tmp_path):
    records = [
        {"id": "doc", "event": "DOCUMENT"},
        {"id": "r1", "event": "AGREE", "text": "Ruritanian and Freedonian officials agreed to cooperate.",
         "source": [{"actorText": "Ruritanian", "code": "RUR"}, {"actorText": "Freedonian", "code": "FRE"}],
         "target": "",
         "textInfo": {"markup": "(SRC/TAR: Ruritanian) and (SRC/TAR: Freedonian) officials (EVT: agreed)"}},
        {"id": "r2", "event": "AGREE", "text": "Ruritania agreed to talk.", "source": [{"actorText": "Ruritania", "code": "RUR"}],
         "target": None, "textInfo": {"markup": "(SRC: Ruritania) (EVT: agreed)"}},
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    mutual, single = read_plover(path)
    assert [g.code for g in mutual.targets] == ["RUR", "FRE"]
    assert single.targets == []


def test_run_all_sets_with_peer_dictionaries(tmp_path):
    """The Phoenix rows name every replacement dictionary in their command and are reported
    absent, not failed, when one of the dictionaries is missing."""
    phoenix = next(s for s in run_all.SETS if s.key == "plover-phoenix")
    assert phoenix.optional and phoenix.dictionaries
    cmd = run_all.command(phoenix, "../shared/peers/plover/PLOVER_GSR_CAMEO.json", "../shared")
    assert cmd.count("--dictionary") == len(phoenix.dictionaries)
    assert "--dictionary ../shared/peers/petrarch2/CAMEO.2.0.txt" in cmd
    shared = tmp_path / "shared"
    (shared / "peers" / "plover").mkdir(parents=True)
    (shared / "peers" / "plover" / "PLOVER_GSR_CAMEO.json").write_text("[]", encoding="utf-8")
    assert run_all.dictionary_paths(phoenix, shared, "../shared") is None
    repo = tmp_path / "repo"
    repo.mkdir()
    assert run_all.main(["--shared", str(shared), "--repo", str(repo), "--only", "plover-phoenix",
                         "--date", "2020-01-02"]) == 0
    page = (repo / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    assert "with the Phoenix dictionaries" in page and "absent" in page
    suite = next(s for s in run_all.SETS if s.key == "petrarch-suite")
    assert run_all.command(suite, "x.xml", "../shared") == "python -m dyad.evaluation.petrarch_suite x.xml"


def test_run_all_phoenix_rows_with_petrarchs_options():
    sets = {s.key: s for s in run_all.SETS}
    plain, petrarch = sets["plover-phoenix"], sets["plover-phoenix-petrarch"]
    assert plain.dictionaries == petrarch.dictionaries and petrarch.petrarch and not plain.petrarch
    shown = "../shared/peers/plover/PLOVER_GSR_CAMEO.json"
    assert run_all.command(petrarch, shown, "../shared").endswith(" --petrarch")
    assert "--petrarch" not in run_all.command(plain, shown, "../shared")
