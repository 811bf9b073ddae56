import hashlib
import sqlite3

import pytest

from migrations import Migration, MigrationError, applied_migrations, migrate

USERS = Migration(1, "create users", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);")
EMAIL = Migration(2, "add email", "ALTER TABLE users ADD COLUMN email TEXT")
AUDIT = Migration(3, "audit trigger", """
-- keep an audit trail; the trigger body contains semicolons
CREATE TABLE audit (user_id INTEGER, note TEXT);
CREATE TRIGGER users_audit AFTER INSERT ON users
BEGIN
    INSERT INTO audit (user_id, note) VALUES (NEW.id, 'created; ok');
    INSERT INTO audit (user_id, note) VALUES (NEW.id, 'second');
END;
/* seed data with a semicolon inside a string literal */
INSERT INTO users (name, email) VALUES ('root;admin', 'root@example.com');
""")


@pytest.fixture
def db(tmp_path):
    return tmp_path / "app.db"


@pytest.fixture
def conn(db):
    c = sqlite3.connect(db)
    yield c
    c.close()


def tables(conn):
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_prompt_example(conn):
    ms = [EMAIL, USERS]
    assert migrate(conn, ms) == [1, 2]
    assert migrate(conn, ms) == []
    assert applied_migrations(conn) == [(1, "create users"), (2, "add email")]
    assert not conn.in_transaction


def test_applied_migrations_on_fresh_db_does_not_create_table(conn):
    assert applied_migrations(conn) == []
    assert "schema_migrations" not in tables(conn)


def test_bookkeeping_table_and_checksums(conn, db):
    migrate(conn, [USERS, EMAIL])
    rows = conn.execute("SELECT version, name, checksum FROM schema_migrations ORDER BY version").fetchall()
    assert rows == [
        (1, "create users", hashlib.sha256(USERS.sql.encode()).hexdigest()),
        (2, "add email", hashlib.sha256(EMAIL.sql.encode()).hexdigest()),
    ]
    other = sqlite3.connect(db)
    assert applied_migrations(other) == [(1, "create users"), (2, "add email")]
    other.execute("INSERT INTO users (name, email) VALUES ('a', 'a@x')")
    other.close()


def test_multi_statement_script_with_trigger_and_literals(conn, db):
    assert migrate(conn, [AUDIT, USERS, EMAIL]) == [1, 2, 3]
    assert conn.execute("SELECT name FROM users").fetchall() == [("root;admin",)]
    conn.execute("INSERT INTO users (name) VALUES ('bob')")
    conn.commit()
    notes = conn.execute("SELECT note FROM audit WHERE user_id = 2 ORDER BY rowid").fetchall()
    assert notes == [("created; ok",), ("second",)]


def test_failed_migration_is_rolled_back_completely(conn, db):
    broken = Migration(2, "half done", """
        CREATE TABLE orders (id INTEGER PRIMARY KEY);
        INSERT INTO orders (id) VALUES (1);
        ALTER TABLE users ADD COLUMN email TEXT;
        INSERT INTO no_such_table VALUES (1);
    """)
    later = Migration(3, "later", "CREATE TABLE later (x);")
    with pytest.raises(MigrationError) as info:
        migrate(conn, [USERS, broken, later])
    assert info.value.version == 2
    assert isinstance(info.value.__cause__, sqlite3.Error)
    assert not conn.in_transaction
    other = sqlite3.connect(db)
    assert applied_migrations(other) == [(1, "create users")]
    assert tables(other) == {"schema_migrations", "users"}
    assert [r[1] for r in other.execute("PRAGMA table_info(users)")] == ["id", "name"]
    other.close()
    fixed = Migration(2, "half done", "CREATE TABLE orders (id INTEGER PRIMARY KEY);")
    assert migrate(conn, [USERS, fixed, later]) == [2, 3]
    assert {"orders", "later"} <= tables(conn)


def test_failure_in_first_migration_of_call(conn):
    bad = Migration(1, "typo", "CREATE TABLE ok (x); CREAT TABLE oops (y);")
    with pytest.raises(MigrationError) as info:
        migrate(conn, [bad])
    assert info.value.version == 1
    assert applied_migrations(conn) == []
    assert "ok" not in tables(conn)
    assert not conn.in_transaction


def test_constraint_failure_rolls_back_data(conn):
    migrate(conn, [USERS])
    seed = Migration(2, "seed", "INSERT INTO users (id, name) VALUES (1, 'a'); INSERT INTO users (id, name) VALUES (2, NULL);")
    with pytest.raises(MigrationError) as info:
        migrate(conn, [USERS, seed])
    assert info.value.version == 2
    assert conn.execute("SELECT count(*) FROM users").fetchone() == (0,)


def test_edited_migration_is_detected(conn):
    migrate(conn, [USERS])
    edited = Migration(1, "create users", USERS.sql + "\n-- tweaked")
    with pytest.raises(MigrationError) as info:
        migrate(conn, [edited, EMAIL])
    assert info.value.version == 1
    assert applied_migrations(conn) == [(1, "create users")]
    assert [r[1] for r in conn.execute("PRAGMA table_info(users)")] == ["id", "name"]


def test_recorded_migration_missing_from_list(conn):
    migrate(conn, [USERS, EMAIL])
    with pytest.raises(MigrationError) as info:
        migrate(conn, [USERS, Migration(3, "x", "CREATE TABLE x (a);")])
    assert info.value.version == 2
    assert "x" not in tables(conn)


def test_target_and_no_downgrade(conn):
    ms = [USERS, EMAIL, AUDIT]
    assert migrate(conn, ms, target=1) == [1]
    assert migrate(conn, ms, target=0) == []
    assert migrate(conn, ms, target=1) == []
    assert migrate(conn, ms, target=2) == [2]
    assert migrate(conn, ms) == [3]
    assert [v for v, _ in applied_migrations(conn)] == [1, 2, 3]


def test_late_merged_lower_version_is_applied(conn):
    late = Migration(2, "late", "CREATE TABLE late (x);")
    top = Migration(5, "top", "CREATE TABLE top (x);")
    assert migrate(conn, [USERS, top]) == [1, 5]
    assert migrate(conn, [top, late, USERS]) == [2]
    assert applied_migrations(conn) == [(1, "create users"), (2, "late"), (5, "top")]


def test_accepts_any_iterable(conn):
    assert migrate(conn, (m for m in [EMAIL, USERS])) == [1, 2]


@pytest.mark.parametrize("ms, target", [
    ([USERS, Migration(1, "again", "SELECT 1")], None),
    ([Migration(0, "zero", "SELECT 1")], None),
    ([Migration(-3, "neg", "SELECT 1")], None),
    ([Migration(True, "bool", "SELECT 1")], None),
    ([Migration("1", "str", "SELECT 1")], None),
    ([Migration(1, "", "SELECT 1")], None),
    ([Migration(1, "no sql", None)], None),
    ([USERS], -1),
    ([USERS], "2"),
    ([USERS], True),
])
def test_validation_happens_before_touching_the_db(conn, ms, target):
    with pytest.raises(ValueError):
        migrate(conn, ms, target=target)
    assert tables(conn) == set()


def test_migration_error_accepts_version():
    assert MigrationError("boom", 7).version == 7
    assert MigrationError("boom", version=8).version == 8
    assert MigrationError("boom").version is None
