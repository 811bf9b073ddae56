import base64
import json
import sqlite3

import pytest

from event_log import EventLog, InvalidCursor


@pytest.fixture
def log():
    conn = sqlite3.connect(":memory:")
    yield EventLog(conn)
    conn.close()


def ids(page):
    return [item["id"] for item in page["items"]]


def traverse(log, limit, kind_prefix=None):
    seen, cursor, pages = [], None, 0
    while True:
        page = log.page(limit=limit, cursor=cursor, kind_prefix=kind_prefix)
        pages += 1
        assert len(page["items"]) <= limit
        seen += ids(page)
        cursor = page["next_cursor"]
        if cursor is None:
            return seen, pages
        assert isinstance(cursor, str) and cursor
        assert pages < 1000


def expected_order(rows):
    """rows: list of (id, created_at) -> ids newest first."""
    return [i for i, _ in sorted(rows, key=lambda r: (r[1], r[0]), reverse=True)]


def test_prompt_example(log):
    for ts in [100, 100, 100, 90]:
        log.append("order.created", ts)
    p1 = log.page(limit=2)
    assert ids(p1) == [3, 2]
    assert p1["items"][0] == {"id": 3, "kind": "order.created", "created_at": 100}
    p2 = log.page(limit=2, cursor=p1["next_cursor"])
    assert ids(p2) == [1, 4]
    assert p2["next_cursor"] is None


def test_append_returns_increasing_ids(log):
    assert [log.append("a", 5), log.append("b", 1), log.append("c", 9)] == [1, 2, 3]


def test_empty_log(log):
    assert log.page() == {"items": [], "next_cursor": None}


def test_default_limit_is_20(log):
    for i in range(25):
        log.append("k", i)
    page = log.page()
    assert len(page["items"]) == 20
    assert page["items"][0]["created_at"] == 24
    assert page["next_cursor"] is not None


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 7, 10, 100])
def test_full_traversal_with_many_ties(log, limit):
    timestamps = [50, 10, 50, 50, 30, 10, 50, 30, 30, 70, 10, 50, 50]
    rows = [(log.append("k", ts), ts) for ts in timestamps]
    seen, pages = traverse(log, limit)
    assert seen == expected_order(rows)
    assert pages == max(1, -(-len(rows) // limit))


def test_exact_multiple_has_no_trailing_cursor(log):
    for ts in [3, 2, 2, 1]:
        log.append("k", ts)
    p1 = log.page(limit=2)
    p2 = log.page(limit=2, cursor=p1["next_cursor"])
    assert ids(p1) == [1, 3]
    assert ids(p2) == [2, 4] and p2["next_cursor"] is None
    assert log.page(limit=4)["next_cursor"] is None


def test_cursor_is_stable_when_new_events_arrive(log):
    for ts in [10, 20, 30, 40, 50, 60]:
        log.append("k", ts)
    p1 = log.page(limit=3)
    assert ids(p1) == [6, 5, 4]
    log.append("k", 70)    # newer than everything: must not shift the next page
    log.append("k", 80)
    log.append("k", 5)     # older than everything: shows up at the end
    p2 = log.page(limit=3, cursor=p1["next_cursor"])
    assert ids(p2) == [3, 2, 1]
    p3 = log.page(limit=3, cursor=p2["next_cursor"])
    assert ids(p3) == [9]
    assert p3["next_cursor"] is None


def test_same_timestamp_inserted_after_cursor(log):
    for _ in range(4):
        log.append("k", 100)
    p1 = log.page(limit=2)
    assert ids(p1) == [4, 3]
    log.append("k", 100)   # id 5 sorts before the cursor: must not appear
    p2 = log.page(limit=2, cursor=p1["next_cursor"])
    assert ids(p2) == [2, 1]
    assert p2["next_cursor"] is None


def test_kind_prefix_is_literal_and_case_sensitive(log):
    kinds = ["user.created", "user.deleted", "userXcreated", "User.created", "order.created",
             "user_x", "userAx", "100%", "100x", "o'brien", "o'brien.x", 'q"uote']
    for i, kind in enumerate(kinds):
        log.append(kind, 1000 - i)
    assert [i["kind"] for i in log.page(kind_prefix="user.")["items"]] == ["user.created", "user.deleted"]
    assert [i["kind"] for i in log.page(kind_prefix="user_")["items"]] == ["user_x"]
    assert [i["kind"] for i in log.page(kind_prefix="100%")["items"]] == ["100%"]
    assert [i["kind"] for i in log.page(kind_prefix="o'brien")["items"]] == ["o'brien", "o'brien.x"]
    assert [i["kind"] for i in log.page(kind_prefix='q"')["items"]] == ['q"uote']
    assert log.page(kind_prefix="USER")["items"] == []


def test_kind_prefix_with_cursor(log):
    rows = []
    for i in range(12):
        kind = "pay.ok" if i % 3 else "ship.sent"
        event_id = log.append(kind, i // 2)
        if kind.startswith("pay."):
            rows.append((event_id, i // 2))
    seen, pages = traverse(log, 3, kind_prefix="pay.")
    assert seen == expected_order(rows)
    assert pages == 3
    last = log.page(limit=8, kind_prefix="pay.")
    assert last["next_cursor"] is None


def test_injection_attempt_is_harmless(log):
    log.append("a", 1)
    assert log.page(kind_prefix="' OR 1=1 --")["items"] == []
    assert log.page(kind_prefix="x'); DROP TABLE events; --")["items"] == []
    assert ids(log.page()) == [1]


@pytest.mark.parametrize("limit", [0, -1, 101, 2.0, "5", True, None])
def test_invalid_limit(log, limit):
    with pytest.raises(ValueError):
        log.page(limit=limit)


@pytest.mark.parametrize("cursor", [
    "",
    "not a cursor!",
    "zzzzzzzzzzzz",
    "%%%%",
    base64.urlsafe_b64encode(b"{}").decode().rstrip("="),
    base64.urlsafe_b64encode(json.dumps(["a", "b"]).encode()).decode().rstrip("="),
])
def test_invalid_cursor(log, cursor):
    for ts in range(5):
        log.append("k", ts)
    with pytest.raises(InvalidCursor):
        log.page(limit=2, cursor=cursor)
    assert issubclass(InvalidCursor, ValueError)


@pytest.mark.parametrize("kind, created_at", [("", 1), (None, 1), (5, 1), ("k", "1"), ("k", 1.5), ("k", True)])
def test_append_validation(log, kind, created_at):
    with pytest.raises(ValueError):
        log.append(kind, created_at)
    assert log.page()["items"] == []


def test_persists_and_commits(tmp_path):
    path = tmp_path / "events.db"
    writer_conn = sqlite3.connect(path)
    writer = EventLog(writer_conn)
    writer.append("a", 1)
    writer.append("b", 2)
    reader_conn = sqlite3.connect(path)
    assert ids(EventLog(reader_conn).page()) == [2, 1]
    writer_conn.close()
    reader_conn.close()
    again = sqlite3.connect(path)
    log = EventLog(again)
    assert log.append("c", 3) == 3
    assert ids(log.page()) == [3, 2, 1]
    again.close()
