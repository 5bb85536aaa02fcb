"""The DuckDB store: idempotent writes, replacement of changed articles, queries."""

from datetime import date

import pytest

from dyad.pipeline import ArticleResult, SentenceRecord
from dyad.records import Actor, Article, Event
from dyad.store import Store, row_to_event, stored_events


def event(article_id: str, index: int, code: str, source: str, target: str | None, day: str = "2020-02-24") -> Event:
    return Event(
        event_id=f"{article_id}-{index}-{code}-{source}-{target}", article_id=article_id, sentence_index=index,
        sentence=f"sentence {index}", date=day, published="2020-02-25",
        source=Actor(code=source, country=source[:3], sectors=tuple(source[i:i + 3] for i in range(3, len(source), 3)),
                     name=source, text=source),
        target=Actor(code=target, country=target[:3], name=target, text=target) if target else None,
        cameo=code, root=code[:2], quad_class=4, goldstein=-10.0, plover_type="ASSAULT", plover_mode=None,
        rule="test:1", attribution="IRNA",
    )


def result(article_id: str, text: str, events: list[Event]) -> ArticleResult:
    article = Article(id=article_id, text=text, published=date(2020, 2, 25), source="Example Wire")
    return ArticleResult(article=article, sentences=[SentenceRecord(0, "sentence 0"), SentenceRecord(1, "sentence 1")],
                         events=events)


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        yield s


def test_writing_the_same_article_twice_stores_it_once(store):
    r = result("a1", "text one", [event("a1", 0, "190", "IRNMIL", "IRQ"), event("a1", 1, "042", "IRQGOV", "IRN")])
    first = store.write([r])
    second = store.write([r])
    assert (first.written, first.events) == (1, 2)
    assert (second.written, second.replaced, second.events) == (0, 0, 0)
    assert store.counts() == {"articles": 1, "sentences": 2, "events": 2, "unique_events": 2}


def test_changed_content_replaces_the_article(store):
    store.write([result("a1", "text one", [event("a1", 0, "190", "IRNMIL", "IRQ")])])
    counts = store.write([result("a1", "text two", [event("a1", 0, "111", "IRN", "USA")])])
    assert (counts.written, counts.replaced) == (0, 1)
    assert [r["cameo"] for r in store.query_events()] == ["111"]
    assert store.counts()["articles"] == 1


def test_duplicate_ids_in_one_batch_keep_the_last(store):
    store.write([result("a1", "v1", [event("a1", 0, "190", "IRNMIL", "IRQ")]),
                 result("a1", "v2", [event("a1", 0, "042", "IRQGOV", "IRN")])])
    assert [r["cameo"] for r in store.query_events()] == ["042"]


def test_queries_filter_by_actor_root_and_date(store):
    store.write([result("a1", "t", [event("a1", 0, "190", "IRNMIL", "IRQ", "2020-02-20"),
                                   event("a1", 1, "042", "IRQGOV", "IRN", "2020-02-24")])])
    assert [r["cameo"] for r in store.query_events(source="IRN")] == ["190"]
    assert [r["cameo"] for r in store.query_events(target="IRN")] == ["042"]
    assert [r["cameo"] for r in store.query_events(root="04")] == ["042"]
    assert [r["cameo"] for r in store.query_events(since=date(2020, 2, 21))] == ["042"]
    assert [r["cameo"] for r in store.query_events(until=date(2020, 2, 21))] == ["190"]


def test_rows_read_back_as_the_same_events(store):
    original = [event("a1", 0, "190", "IRNMIL", "IRQ"), event("a1", 1, "0312", "IRN", None)]
    store.write([result("a1", "t", original)])
    back = stored_events(store, ["a1"])["a1"]
    assert sorted(e.to_dict()["event_id"] for e in back) == sorted(e.event_id for e in original)
    by_id = {e.event_id: e for e in back}
    for e in original:
        assert by_id[e.event_id].to_dict() == e.to_dict()
    assert row_to_event(store.query_events(root="03")[0]).target is None


def test_read_only_store_that_does_not_exist(tmp_path):
    with pytest.raises(FileNotFoundError, match="no store"):
        Store(tmp_path / "missing.duckdb", read_only=True)
