import hashlib
import sqlite3

import pytest

from idempotency import (
    IdempotencyConflict,
    IdempotencyInProgress,
    IdempotencyStore,
    request_fingerprint,
)


class FakeClock:
    def __init__(self, now=1_000_000.0):
        self.now = now

    def __call__(self):
        return self.now


class Handler:
    """Counts calls and returns a fresh response each time."""

    def __init__(self, status=201, fail=None):
        self.calls = 0
        self.status = status
        self.fail = fail

    def __call__(self):
        self.calls += 1
        if self.fail is not None:
            raise self.fail
        return self.status, {"attempt": self.calls, "tags": ("a", "b")}


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def conn():
    c = sqlite3.connect(":memory:")
    yield c
    c.close()


@pytest.fixture
def store(conn, clock):
    return IdempotencyStore(conn, clock=clock, ttl_seconds=3600)


def test_request_fingerprint():
    expected = hashlib.sha256(b"POST\n/payments\n{\"amount\": 5}").hexdigest()
    assert request_fingerprint("post", "/payments", b'{"amount": 5}') == expected
    assert request_fingerprint("POST", "/payments", b"") != request_fingerprint("POST", "/payment", b"s")
    assert request_fingerprint("PUT", "/ü", b"x") == hashlib.sha256("PUT\n/ü\nx".encode()).hexdigest()


def test_prompt_example(conn):
    store = IdempotencyStore(conn, clock=lambda: 1000.0)
    fp = request_fingerprint("POST", "/payments", b'{"amount": 5}')
    assert store.execute("key-1", fp, lambda: (201, {"id": 1})) == (201, {"id": 1}, False)
    assert store.execute("key-1", fp, lambda: (201, {"id": 2})) == (201, {"id": 1}, True)
    with pytest.raises(IdempotencyConflict):
        store.execute("key-1", "other", lambda: (201, {}))


def test_first_call_runs_handler_then_replays(store):
    handler = Handler()
    first = store.execute("k1", "fp", handler)
    assert first[0] == 201 and first[2] is False
    assert first[1]["attempt"] == 1
    again = store.execute("k1", "fp", handler)
    assert again == (201, {"attempt": 1, "tags": ["a", "b"]}, True)
    assert handler.calls == 1


def test_different_keys_are_independent(store):
    handler = Handler()
    store.execute("k1", "fp", handler)
    assert store.execute("k2", "fp", handler)[1]["attempt"] == 2
    assert handler.calls == 2


def test_conflicting_fingerprint(store):
    handler = Handler()
    store.execute("k1", "fp-a", handler)
    with pytest.raises(IdempotencyConflict):
        store.execute("k1", "fp-b", handler)
    assert handler.calls == 1
    assert store.execute("k1", "fp-a", handler)[2] is True


def test_client_errors_are_stored(store):
    handler = Handler(status=422)
    assert store.execute("k", "fp", handler)[0] == 422
    assert store.execute("k", "fp", handler) == (422, {"attempt": 1, "tags": ["a", "b"]}, True)
    assert handler.calls == 1


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_are_not_stored(store, status):
    failing = Handler(status=status)
    assert store.execute("k", "fp", failing)[:1] == (status,)
    assert store.execute("k", "fp", failing)[2] is False
    assert failing.calls == 2
    ok = Handler(status=200)
    assert store.execute("k", "fp", ok)[2] is False
    assert store.execute("k", "fp", ok)[2] is True
    assert ok.calls == 1


def test_handler_exception_propagates_and_is_not_stored(store):
    broken = Handler(fail=RuntimeError("boom"))
    with pytest.raises(RuntimeError, match="boom"):
        store.execute("k", "fp", broken)
    with pytest.raises(RuntimeError):
        store.execute("k", "fp", broken)
    assert broken.calls == 2
    ok = Handler()
    assert store.execute("k", "other-fp", ok)[2] is False


def test_entries_expire_after_ttl(store, clock):
    handler = Handler()
    store.execute("k", "fp", handler)
    clock.now += 3599.5
    assert store.execute("k", "fp", handler)[2] is True
    clock.now += 0.5      # exactly ttl after creation: expired
    result = store.execute("k", "fp", handler)
    assert result[2] is False and result[1]["attempt"] == 2
    assert handler.calls == 2


def test_expired_entry_does_not_conflict(store, clock):
    handler = Handler()
    store.execute("k", "fp-a", handler)
    clock.now += 7200
    assert store.execute("k", "fp-b", handler)[2] is False
    with pytest.raises(IdempotencyConflict):
        store.execute("k", "fp-a", handler)


def test_in_progress_detected_from_inside_handler(store):
    seen = []

    def handler():
        for fp in ("fp", "different"):
            with pytest.raises(IdempotencyInProgress):
                store.execute("k", fp, Handler())
        seen.append(store.execute("other-key", "fp", lambda: (200, "nested")))
        return 200, "outer"

    assert store.execute("k", "fp", handler) == (200, "outer", False)
    assert seen == [(200, "nested", False)]
    assert store.execute("k", "fp", Handler()) == (200, "outer", True)


def test_shared_across_connections(tmp_path, clock):
    path = tmp_path / "idem.db"
    conn_a, conn_b = sqlite3.connect(path), sqlite3.connect(path)
    store_a = IdempotencyStore(conn_a, clock=clock, ttl_seconds=60)
    store_b = IdempotencyStore(conn_b, clock=clock, ttl_seconds=60)

    def handler():
        with pytest.raises(IdempotencyInProgress):
            store_b.execute("pay-1", "fp", Handler())
        return 201, {"paid": True}

    assert store_a.execute("pay-1", "fp", handler) == (201, {"paid": True}, False)
    assert store_b.execute("pay-1", "fp", Handler()) == (201, {"paid": True}, True)
    with pytest.raises(IdempotencyConflict):
        store_b.execute("pay-1", "fp2", Handler())
    conn_a.close()
    conn_b.close()
    conn_c = sqlite3.connect(path)
    store_c = IdempotencyStore(conn_c, clock=clock, ttl_seconds=60)
    assert store_c.execute("pay-1", "fp", Handler()) == (201, {"paid": True}, True)
    conn_c.close()


def test_failure_releases_key_for_other_connections(tmp_path, clock):
    path = tmp_path / "idem.db"
    conn_a, conn_b = sqlite3.connect(path), sqlite3.connect(path)
    store_a = IdempotencyStore(conn_a, clock=clock)
    store_b = IdempotencyStore(conn_b, clock=clock)
    with pytest.raises(ValueError):
        store_a.execute("k", "fp", Handler(fail=ValueError("bad")))
    assert store_b.execute("k", "fp", Handler())[2] is False
    conn_a.close()
    conn_b.close()


def test_purge_expired(store, clock, conn):
    store.execute("old-1", "fp", Handler())
    store.execute("old-2", "fp", Handler())
    clock.now += 1800
    store.execute("new", "fp", Handler())
    clock.now += 1800     # old ones are exactly ttl old now
    assert store.purge_expired() == 2
    assert store.purge_expired() == 0
    assert store.execute("new", "fp", Handler())[2] is True
    assert store.execute("old-1", "fp", Handler())[2] is False


@pytest.mark.parametrize("key", ["", "has space", "tab\tkey", "x" * 256, "clé", None, 12, b"bytes"])
def test_invalid_keys(store, key):
    handler = Handler()
    with pytest.raises(ValueError):
        store.execute(key, "fp", handler)
    assert handler.calls == 0


def test_longest_and_symbol_keys_accepted(store):
    for key in ["x" * 255, "!", "~", "a-b_c.d:e/f"]:
        assert store.execute(key, "fp", Handler())[2] is False


@pytest.mark.parametrize("ttl", [0, -5, True, "60", None])
def test_invalid_ttl(conn, ttl):
    with pytest.raises(ValueError):
        IdempotencyStore(conn, clock=lambda: 0.0, ttl_seconds=ttl)
