"""Duplicates: mentions of one event across sentences and articles, counted as GDELT does."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyad import ingest
from dyad.dedup import event_group_id, group_events, group_id, window_start
from dyad.pipeline import ArticleResult, SentenceRecord
from dyad.records import Actor, Article, Event
from dyad.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def mention(article_id: str, index: int, code: str, source: str | None, target: str | None,
            day: str = "2021-04-13") -> Event:
    def actor(c):
        return Actor(code=c, country=c[:3], name=c, text=c) if c else None

    return Event(event_id=f"{article_id}-{index}-{code}-{source}-{target}-{day}", article_id=article_id, sentence_index=index,
                 sentence=f"sentence {index} of {article_id}", date=day, published=day, source=actor(source),
                 target=actor(target), cameo=code, root=code[:2], quad_class=1, goldstein=3.0, plover_type="AGREE",
                 plover_mode=None, rule="test:1")


def result(article_id: str, events: list[Event], publisher: str | None = "Wire", text: str = "t",
           published: date = date(2021, 4, 14), url: str | None = None) -> ArticleResult:
    article = Article(id=article_id, text=text, published=published, source=publisher, url=url)
    n = max([e.sentence_index for e in events], default=0) + 1
    return ArticleResult(article=article, sentences=[SentenceRecord(i, f"s{i}") for i in range(n)], events=events)


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "d.duckdb") as s:
        yield s


# -- group ids ------------------------------------------------------------------------------

def test_same_triple_same_day_is_one_event_and_any_difference_is_another():
    base = group_id("2021-04-13", "EGY", "SDN", "057")
    assert group_id(date(2021, 4, 13), "EGY", "SDN", "057") == base
    assert group_id("2021-04-14", "EGY", "SDN", "057") != base
    assert group_id("2021-04-13", "SDN", "EGY", "057") != base
    assert group_id("2021-04-13", "EGY", "SDN", "0571") != base
    assert group_id("2021-04-13", "EGY", None, "057") != base


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31)), st.integers(min_value=1, max_value=60))
def test_windows_are_fixed_periods_holding_the_day(day, window):
    start = window_start(day, window)
    assert start <= day < start + timedelta(days=window)
    assert window_start(start + timedelta(days=window - 1), window) == start
    assert window_start(start + timedelta(days=window), window) == start + timedelta(days=window)


def test_a_wider_window_joins_reports_on_nearby_days():
    days = ["2021-04-12", "2021-04-13", "2021-04-14"]  # 2021-04-12 is a Monday; 18729 days after 1970-01-01
    assert len({group_id(d, "EGY", "SDN", "057", window=1) for d in days}) == 3
    assert len({group_id(d, "EGY", "SDN", "057", window=7) for d in days}) == 1


@pytest.mark.parametrize("bad", [0, -1, 1.5, "1", True])
def test_a_bad_window_is_refused(bad):
    with pytest.raises(ValueError, match="whole number of days"):
        group_id("2021-04-13", "EGY", "SDN", "057", window=bad)


# -- in memory ------------------------------------------------------------------------------

def test_group_events_counts_mentions_articles_and_sources():
    events = [mention("a", 0, "057", "EGY", "SDN"), mention("a", 3, "057", "EGY", "SDN"),
              mention("b", 1, "057", "EGY", "SDN"), mention("c", 0, "057", "EGY", "SDN"),
              mention("c", 0, "057", "EGY", "SDN"),  # the same mention twice counts once
              mention("c", 1, "111", "ETH", None)]
    groups = {g.event.cameo: g for g in group_events(events, publishers={"a": "Wire", "b": "wire ", "c": None})}
    agree = groups["057"]
    assert (agree.num_mentions, agree.num_articles, agree.num_sources) == (4, 3, 2)  # "Wire" = "wire "; c unknown
    assert agree.event.article_id == "a" and agree.event.sentence_index == 0
    assert groups["111"].num_mentions == 1


# -- in the store ---------------------------------------------------------------------------

def test_the_store_counts_each_event_once_with_its_mentions(store):
    store.write([result("a", [mention("a", 0, "057", "EGY", "SDN"), mention("a", 2, "057", "EGY", "SDN")],
                        publisher="Northern Wire", url="https://a.example/1"),
                 result("b", [mention("b", 0, "057", "EGY", "SDN")], publisher="Daily Ledger",
                        published=date(2021, 4, 13))])
    rows = store.unique_events()
    assert len(rows) == 1
    row = rows[0]
    assert (row["num_mentions"], row["num_articles"], row["num_sources"]) == (3, 2, 2)
    # the earliest publication is the first mention
    assert row["first_article_id"] == "b" and row["source_url"] is None
    assert len(store.mentions(row["group_id"])) == 3
    assert store.counts()["events"] == 3


def test_recoding_an_article_updates_counts_without_double_counting(store):
    a = result("a", [mention("a", 0, "057", "EGY", "SDN")])
    b = result("b", [mention("b", 0, "057", "EGY", "SDN")], text="first version")
    store.write([a, b])
    store.write([a, b])  # unchanged: nothing happens
    assert [r["num_mentions"] for r in store.unique_events()] == [2]
    # b re-coded with other content: its mention now belongs to another event
    store.write([result("b", [mention("b", 0, "042", "EGY", "SDN")], text="second version")])
    counts = {r["cameo"]: (r["num_mentions"], r["num_articles"]) for r in store.unique_events()}
    assert counts == {"057": (1, 1), "042": (1, 1)}
    # b re-coded with no events: its event disappears, a's stays
    store.write([result("b", [], text="third version")])
    assert [(r["cameo"], r["num_mentions"]) for r in store.unique_events()] == [("057", 1)]


def test_location_and_attribution_come_from_the_first_mention_that_has_them(store):
    from dyad.records import Location

    first = mention("a", 0, "057", "EGY", "SDN")
    later = mention("b", 0, "057", "EGY", "SDN")
    later.location = Location(name="Cairo", country="EGY", lat=30.06, lon=31.25)
    later.attribution = "MENA"
    store.write([result("a", [first], published=date(2021, 4, 13)), result("b", [later])])
    row = store.unique_events()[0]
    assert row["first_article_id"] == "a"
    assert (row["location_name"], row["attribution"]) == ("Cairo", "MENA")


def test_changing_the_window_regroups_the_stored_mentions(tmp_path):
    path = tmp_path / "w.duckdb"
    with Store(path) as s:
        s.write([result("a", [mention("a", 0, "057", "EGY", "SDN", "2021-04-12")]),
                 result("b", [mention("b", 0, "057", "EGY", "SDN", "2021-04-14")])])
        assert len(s.unique_events()) == 2
    with Store(path, dedup_window=7) as s:
        rows = s.unique_events()
        assert [(r["num_mentions"], r["date"]) for r in rows] == [(2, date(2021, 4, 12))]
    with Store(path) as s:  # the store remembers its window
        assert s.dedup_window == 7 and len(s.unique_events()) == 1
    with Store(path, read_only=True) as s, pytest.raises(ValueError, match="regroup"):
        Store(path, read_only=True, dedup_window=1)


_triples = st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 3), st.sampled_from(["057", "042", "111"]),
                     st.sampled_from(["EGY", "SDN", None]), st.sampled_from(["2021-04-13", "2021-04-14", "2021-04-20"]))


@settings(max_examples=25, deadline=None)
@given(st.lists(_triples, max_size=14), st.sampled_from([1, 3, 7]))
def test_store_and_memory_agree(tmp_path_factory, triples, window):
    events: dict[str, list[Event]] = {}
    for article, index, code, target, day in triples:
        events.setdefault(article, []).append(mention(article, index, code, "EGY", target, day))
    publishers = {"a": "Wire", "b": "Wire", "c": "Ledger", "d": None}
    with Store(tmp_path_factory.mktemp("h") / "h.duckdb", dedup_window=window) as s:
        s.write([result(a, evs, publisher=publishers[a]) for a, evs in events.items()])
        stored = {r["group_id"]: (r["num_mentions"], r["num_articles"], r["num_sources"]) for r in s.unique_events()}
    memory = {g.group_id: (g.num_mentions, g.num_articles, g.num_sources)
              for g in group_events([e for evs in events.values() for e in evs], publishers, window)}
    assert stored == memory
    for evs in events.values():
        for e in evs:
            assert event_group_id(e, window) in stored


# -- the same story from three publishers, coded for real ----------------------------------

def test_three_publishers_one_event_three_mentions(coder, tmp_path):
    path = EXAMPLES / "nile_accord_three_publishers.jsonl"
    articles = [a for a in ingest.read_inputs([str(path)]) if isinstance(a, Article)]
    assert len(articles) == 3 and len({a.source for a in articles}) == 3
    with Store(tmp_path / "nile.duckdb") as s:
        s.write(coder.code_articles(articles))
        signed = s.unique_events(source="EGY", target="SDN", root="057")
        assert len(signed) == 1
        event = signed[0]
        assert (event["num_articles"], event["num_sources"], event["num_mentions"]) == (3, 3, 3)
        # "on Tuesday" in stories of Wednesday 14 and Thursday 15 April 2021
        assert event["date"] == date(2021, 4, 13)
        assert {m["article_id"] for m in s.mentions(event["group_id"])} == {a.id for a in articles}
        # coding the same stories again changes nothing
        before = s.counts()
        s.write(coder.code_articles(articles))
        assert s.counts() == before
        assert s.unique_events(source="EGY", target="SDN", root="057")[0]["num_mentions"] == 3
