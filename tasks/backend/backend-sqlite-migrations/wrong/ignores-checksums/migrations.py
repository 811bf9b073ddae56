"""A small, transactional schema migration runner for SQLite."""

import hashlib
import sqlite3
from dataclasses import dataclass

_TABLE_DDL = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " checksum TEXT NOT NULL)"
)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


class MigrationError(Exception):
    def __init__(self, message, version=None):
        super().__init__(message)
        self.version = version


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def checksum(sql):
    return hashlib.sha256(sql.encode("utf-8")).hexdigest()


def _table_exists(conn):
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    return row is not None


def applied_migrations(conn):
    if not _table_exists(conn):
        return []
    return [tuple(r) for r in conn.execute(
        "SELECT version, name FROM schema_migrations ORDER BY version")]


def _validate(migrations, target):
    by_version = {}
    for m in migrations:
        if not isinstance(m, Migration):
            raise ValueError(f"not a Migration: {m!r}")
        if not _is_int(m.version) or m.version < 1:
            raise ValueError(f"invalid version: {m.version!r}")
        if m.version in by_version:
            raise ValueError(f"duplicate version: {m.version}")
        if not isinstance(m.name, str) or not m.name:
            raise ValueError(f"invalid name for version {m.version}")
        if not isinstance(m.sql, str):
            raise ValueError(f"invalid sql for version {m.version}")
        by_version[m.version] = m
    if target is not None and (not _is_int(target) or target < 0):
        raise ValueError(f"invalid target: {target!r}")
    return by_version


def _apply(conn, m):
    try:
        # The script opens the transaction itself, so executescript does not
        # autocommit statement by statement; the bookkeeping row joins it.
        conn.executescript("BEGIN;\n" + m.sql + "\n;")
        conn.execute(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)",
            (m.version, m.name, checksum(m.sql)),
        )
        conn.commit()
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.rollback()
        raise MigrationError(f"migration {m.version} ({m.name}) failed: {exc}", m.version) from exc


def migrate(conn, migrations, target=None):
    by_version = _validate(list(migrations), target)
    if conn.in_transaction:
        conn.commit()
    conn.execute(_TABLE_DDL)
    conn.commit()
    recorded = {
        version: digest
        for version, digest in conn.execute("SELECT version, checksum FROM schema_migrations")
    }
    for version in sorted(recorded):
        m = by_version.get(version)
        if m is None:
            raise MigrationError(f"applied migration {version} is missing from the list", version)
    pending = sorted(
        v for v in by_version
        if v not in recorded and (target is None or v <= target)
    )
    applied = []
    for version in pending:
        _apply(conn, by_version[version])
        applied.append(version)
    return applied
