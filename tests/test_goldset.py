"""Dyad's gold format: loading, reference resolution, sha1 checks and format validation.

The corpus used here is a tiny file written by the test itself (sentences written by the
team), laid out like the shared corpora: JSONL, one article per line.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from dyad.evaluation.goldset import (
    GoldEvent,
    GoldFormatError,
    GoldReferenceError,
    check_actor,
    load_gold,
    resolve_text,
)

CORPUS = "corpora/tiny/articles.jsonl"
ARTICLES = [
    {"id": "tiny-1", "date": "2021-03-04", "title": None,
     "text": "Ruritania said on Monday it would expel two diplomats. The markets were calm."},
    {"id": "tiny-2", "date": "2021-03-05", "title": None,
     "text": "  Borduria's foreign minister visited Ruritania for talks on the border.\n"},
]


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def span(article: int, sentence: str) -> tuple[int, int]:
    text = ARTICLES[article]["text"]
    start = text.index(sentence)
    return start, start + len(sentence)


@pytest.fixture()
def shared(tmp_path: Path) -> Path:
    root = tmp_path / "shared"
    corpus = root / CORPUS
    corpus.parent.mkdir(parents=True)
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return root


def ref_record(rid: str, article: int, sentence: str, **over) -> dict:
    start, end = span(article, sentence)
    rec = {
        "id": rid, "split": "dev",
        "ref": {"corpus": CORPUS, "line": article + 1, "article_id": ARTICLES[article]["id"],
                "start": start, "end": end, "sha1": sha1(sentence)},
        "published": ARTICLES[article]["date"],
        "events": [],
    }
    rec.update(over)
    return rec


def write_gold(tmp_path: Path, records: list[dict | str]) -> Path:
    path = tmp_path / "gold.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


S1 = "Ruritania said on Monday it would expel two diplomats."
S2 = "The markets were calm."
S3 = "Borduria's foreign minister visited Ruritania for talks on the border."


def test_resolves_references(tmp_path, shared):
    gold = write_gold(tmp_path, [
        ref_record("g-1", 0, S1, events=[{"source": "FRA", "target": "DEUGOV", "cameo": "166"}]),
        ref_record("g-2", 0, S2, split="test"),
        ref_record("g-3", 1, S3),
    ])
    items = load_gold(gold, shared_root=shared)
    assert [i.text for i in items] == [S1, S2, S3]
    assert items[0].events == [GoldEvent("FRA", "DEUGOV", "166")]
    assert items[0].events[0].root == "16"
    assert items[1].split == "test" and items[1].events == []
    assert items[2].published == "2021-03-05"
    assert items[0].line == 1 and items[2].line == 3


def test_without_shared_root_text_stays_unresolved(tmp_path):
    gold = write_gold(tmp_path, [ref_record("g-1", 0, S1)])
    (item,) = load_gold(gold)
    assert item.text is None
    assert item.ref["sha1"] == sha1(S1)


def test_resolve_text_accepts_raw_records(shared):
    assert resolve_text(ref_record("g-9", 1, S3), shared) == S3


def test_sha1_mismatch_names_the_record(tmp_path, shared):
    bad = ref_record("g-bad", 0, S1)
    bad["ref"]["end"] -= 1  # offsets no longer cover the hashed sentence
    gold = write_gold(tmp_path, [ref_record("g-ok", 0, S2), bad])
    with pytest.raises(GoldReferenceError, match=r"'g-bad'.*sha1 mismatch"):
        load_gold(gold, shared_root=shared)


def test_wrong_article_id_is_reported(tmp_path, shared):
    bad = ref_record("g-moved", 0, S1)
    bad["ref"]["line"] = 2
    gold = write_gold(tmp_path, [bad])
    with pytest.raises(GoldReferenceError, match=r"'g-moved'.*tiny-2"):
        load_gold(gold, shared_root=shared)


def test_missing_corpus_line_is_reported(tmp_path, shared):
    bad = ref_record("g-far", 0, S1)
    bad["ref"]["line"] = 40
    bad["ref"].pop("article_id")
    with pytest.raises(GoldReferenceError, match=r"'g-far'.*no line 40"):
        load_gold(write_gold(tmp_path, [bad]), shared_root=shared)


def test_inline_text_records(tmp_path, shared):
    inline = {"id": "team-1", "split": "test", "text": "Ruritanian police arrested three protesters.",
              "published": None,
              "events": [{"source": "RUSCOP", "target": "RUSCVL", "cameo": "173"}]}
    gold = write_gold(tmp_path, [inline, ref_record("g-1", 0, S1)])
    items = load_gold(gold, shared_root=shared)
    assert items[0].text == inline["text"] and items[0].ref is None
    assert resolve_text(inline, shared) == inline["text"]
    assert load_gold(gold)[0].text == inline["text"]  # no shared root needed


@pytest.mark.parametrize("cameo", ["99", "0451", "19a", 190])
def test_bad_cameo_code(tmp_path, cameo):
    rec = ref_record("g-cameo", 0, S1, events=[{"source": "FRA", "target": None, "cameo": cameo}])
    gold = write_gold(tmp_path, [ref_record("g-1", 0, S2), rec])
    with pytest.raises(GoldFormatError) as err:
        load_gold(gold)
    assert "gold.jsonl:2:" in str(err.value)
    assert "'g-cameo'" in str(err.value)
    assert "CAMEO" in str(err.value)


@pytest.mark.parametrize("actor", ["RURGOV", "FRAXYZ", "fragov", "FRAGO", "", None])
def test_bad_actor_code(tmp_path, actor):
    rec = ref_record("g-actor", 0, S1, events=[{"source": actor, "target": "DEU", "cameo": "166"}])
    gold = write_gold(tmp_path, ["", rec])  # blank first line: the record is on line 2
    with pytest.raises(GoldFormatError, match=r"gold\.jsonl:2: record 'g-actor': event 1 source"):
        load_gold(gold)


def test_bad_target_actor_code(tmp_path):
    rec = ref_record("g-target", 0, S1, events=[{"source": "FRA", "target": "XXXGOV", "cameo": "166"}])
    with pytest.raises(GoldFormatError, match=r":1: record 'g-target': event 1 target"):
        load_gold(write_gold(tmp_path, [rec]))


@pytest.mark.parametrize("change, message", [
    (lambda r: r.update(split="train"), "split"),
    (lambda r: r.update(text="both a ref and a text"), "exactly one of"),
    (lambda r: r["ref"].pop("sha1"), "lacks sha1"),
    (lambda r: r["ref"].update(corpus="/etc/passwd"), "relative"),
    (lambda r: r["ref"].update(start=10, end=5), "greater than"),
    (lambda r: r.update(published="25/02/2020"), "published"),
    (lambda r: r.update(events=None), "events"),
    (lambda r: r.update(events=[{"source": "FRA", "target": "DEU", "cameo": "040"}] * 4), "at most 3"),
])
def test_other_format_errors(tmp_path, change, message):
    rec = ref_record("g-x", 0, S1)
    change(rec)
    with pytest.raises(GoldFormatError, match=message) as err:
        load_gold(write_gold(tmp_path, [rec]))
    assert ":1: record 'g-x'" in str(err.value)


def test_duplicate_ids_and_bad_json(tmp_path):
    with pytest.raises(GoldFormatError, match=r":2: record 'g-1': duplicate id"):
        load_gold(write_gold(tmp_path, [ref_record("g-1", 0, S1), ref_record("g-1", 0, S2)]))
    with pytest.raises(GoldFormatError, match=r"gold\.jsonl:1: not valid JSON"):
        load_gold(write_gold(tmp_path, ["{not json"]))


@pytest.mark.parametrize("code", ["USA", "IRNGOV", "PSEREB", "IGOUNO", "IGOUNOWBK", "IMGMOSISI", "NGOAMN", "GBRGOVMIL"])
def test_valid_actor_codes(code):
    assert check_actor(code) is None
