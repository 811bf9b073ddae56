"""An SQLite-backed event log with keyset (cursor) pagination."""

import base64
import binascii
import json
import re
import sqlite3

_CURSOR_RE = re.compile(r"[A-Za-z0-9_-]+")


class InvalidCursor(ValueError):
    """Raised when a cursor string cannot be decoded."""


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _encode_cursor(created_at, event_id):
    raw = json.dumps([created_at, event_id], separators=(",", ":")).encode("ascii")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _decode_cursor(cursor):
    if not isinstance(cursor, str) or not _CURSOR_RE.fullmatch(cursor):
        raise InvalidCursor("malformed cursor")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw.decode("ascii"))
    except (binascii.Error, ValueError):
        raise InvalidCursor("malformed cursor") from None
    if not (isinstance(value, list) and len(value) == 2 and all(_is_int(v) for v in value)):
        raise InvalidCursor("malformed cursor")
    return value[0], value[1]


class EventLog:
    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        with conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS events ("
                " id INTEGER PRIMARY KEY,"
                " kind TEXT NOT NULL,"
                " created_at INTEGER NOT NULL)"
            )
            conn.execute(
                "CREATE INDEX IF NOT EXISTS events_created_at_id ON events (created_at, id)"
            )

    def append(self, kind, created_at):
        if not isinstance(kind, str) or not kind:
            raise ValueError("kind must be a non-empty string")
        if not _is_int(created_at):
            raise ValueError("created_at must be an int")
        with self._conn:
            cur = self._conn.execute(
                "INSERT INTO events (kind, created_at) VALUES (?, ?)", (kind, created_at)
            )
        return cur.lastrowid

    def page(self, limit=20, cursor=None, kind_prefix=None):
        if not _is_int(limit) or not 1 <= limit <= 100:
            raise ValueError("limit must be an int between 1 and 100")
        if kind_prefix is not None and not isinstance(kind_prefix, str):
            raise ValueError("kind_prefix must be a string")
        clauses, params = [], []
        if cursor is not None:
            created_at, event_id = _decode_cursor(cursor)
            clauses.append("(created_at, id) < (?, ?)")
            params += [created_at, event_id]
        if kind_prefix:
            clauses.append("substr(kind, 1, length(?)) = ?")
            params += [kind_prefix, kind_prefix]
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._conn.execute(
            f"SELECT id, kind, created_at FROM events {where} "
            "ORDER BY created_at DESC, id DESC LIMIT ?",
            params + [limit + 1],
        ).fetchall()
        has_more = len(rows) > limit
        rows = rows[:limit]
        items = [{"id": r[0], "kind": r[1], "created_at": r[2]} for r in rows]
        next_cursor = None
        if has_more:
            last = items[-1]
            next_cursor = _encode_cursor(last["created_at"], last["id"])
        return {"items": items, "next_cursor": next_cursor}
