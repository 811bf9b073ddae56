"""An idempotency-key store for HTTP APIs, persisted in SQLite."""

import hashlib
import json
import numbers
import re
import time

_KEY_RE = re.compile(r"[\x21-\x7e]{1,255}")


class IdempotencyConflict(Exception):
    """The key was already used for a different request."""


class IdempotencyInProgress(Exception):
    """The first request with this key has not finished yet."""


def request_fingerprint(method, path, body):
    data = method.upper().encode("utf-8") + b"\n" + path.encode("utf-8") + b"\n" + body
    return hashlib.sha256(data).hexdigest()


class IdempotencyStore:
    def __init__(self, conn, clock=time.time, ttl_seconds=86400):
        if (not isinstance(ttl_seconds, numbers.Real) or isinstance(ttl_seconds, bool)
                or not ttl_seconds > 0):
            raise ValueError("ttl_seconds must be a number > 0")
        self._conn = conn
        self._clock = clock
        self._ttl = ttl_seconds
        with conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS idempotency_keys ("
                " key TEXT PRIMARY KEY,"
                " fingerprint TEXT NOT NULL,"
                " created_at REAL NOT NULL,"
                " status INTEGER,"          # NULL while the request is in progress
                " body TEXT)"
            )

    def execute(self, key, fingerprint, handler):
        if not isinstance(key, str) or not _KEY_RE.fullmatch(key):
            raise ValueError("key must be 1-255 printable ASCII characters without spaces")
        now = self._clock()
        with self._conn:
            row = self._conn.execute(
                "SELECT fingerprint, created_at, status, body FROM idempotency_keys WHERE key = ?",
                (key,),
            ).fetchone()
            if row is not None and now - row[1] < self._ttl:
                stored_fingerprint, _, status, body = row
                if status is None:
                    raise IdempotencyInProgress(key)
                if stored_fingerprint != fingerprint:
                    raise IdempotencyConflict(key)
                return status, json.loads(body), True
            self._conn.execute(
                "INSERT OR REPLACE INTO idempotency_keys (key, fingerprint, created_at, status, body)"
                " VALUES (?, ?, ?, NULL, NULL)",
                (key, fingerprint, now),
            )
        try:
            status, body = handler()
        except BaseException:
            self._release(key)
            raise
        if status >= 500:
            self._release(key)
            return status, body, False
        with self._conn:
            self._conn.execute(
                "UPDATE idempotency_keys SET status = ?, body = ? WHERE key = ?",
                (status, json.dumps(body), key),
            )
        return status, body, False

    def purge_expired(self):
        now = self._clock()
        with self._conn:
            cur = self._conn.execute(
                "DELETE FROM idempotency_keys WHERE ? - created_at >= ?", (now, self._ttl)
            )
        return cur.rowcount

    def _release(self, key):
        with self._conn:
            self._conn.execute(
                "DELETE FROM idempotency_keys WHERE key = ? AND status IS NULL", (key,)
            )
