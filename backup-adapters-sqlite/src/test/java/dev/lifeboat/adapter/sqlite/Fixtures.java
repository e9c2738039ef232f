package dev.lifeboat.adapter.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;

/** Databases with the features a backup must carry over. */
final class Fixtures {

    /** Every kind of table and schema object, and awkward values. */
    static final String[] RICH = {
        "PRAGMA user_version = 7",
        "PRAGMA application_id = 1234",
        "CREATE TABLE customers(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, email TEXT, photo BLOB,"
                + " score REAL, big INTEGER)",
        "CREATE TABLE tags(label TEXT PRIMARY KEY, weight INTEGER) WITHOUT ROWID",
        "CREATE TABLE settings(key TEXT PRIMARY KEY, value INTEGER) STRICT, WITHOUT ROWID",
        "CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), amount REAL,"
                + " note TEXT, cents INTEGER GENERATED ALWAYS AS (CAST(amount * 100 AS INTEGER)) VIRTUAL,"
                + " shout TEXT GENERATED ALWAYS AS (upper(note)) STORED)",
        "CREATE TABLE events(kind TEXT, payload)",
        "CREATE TABLE shadowed(rowid TEXT, oid TEXT, value)",
        "CREATE TABLE docs(id INTEGER PRIMARY KEY, title TEXT, body TEXT)",
        "CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content='docs', content_rowid='id')",
        "CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN"
                + " INSERT INTO docs_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
        "CREATE TRIGGER docs_ad AFTER DELETE ON docs BEGIN INSERT INTO docs_fts(docs_fts, rowid, title, body)"
                + " VALUES ('delete', old.id, old.title, old.body); END",
        "CREATE TRIGGER docs_au AFTER UPDATE ON docs BEGIN INSERT INTO docs_fts(docs_fts, rowid, title, body)"
                + " VALUES ('delete', old.id, old.title, old.body);"
                + " INSERT INTO docs_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
        "CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100",
        "CREATE INDEX orders_paid ON orders(customer_id) WHERE amount > 0",
        "CREATE INDEX customers_email ON customers(lower(email))",
        "INSERT INTO customers(name, email, photo, score, big) VALUES"
                + " ('Zoë', 'zoe@example.com', x'00ff10', 3.14159, 9223372036854775807),"
                + " ('李雷', NULL, x'', -0.0, -9223372036854775808),"
                + " ('emoji 😀🚀', 'e@example.com', NULL, 1e308, 0),"
                + " ('', '', randomblob(3000), NULL, NULL)",
        "DELETE FROM customers WHERE id = 3",
        "INSERT INTO customers(name, big) VALUES ('after delete', 42)",
        "INSERT INTO tags VALUES ('red', 1), ('grün', 2)",
        "INSERT INTO settings VALUES ('retries', 3)",
        "INSERT INTO orders(customer_id, amount, note) VALUES (1, 12.5, 'first'), (2, 250.0, 'big one'), (4, 0.1, NULL)",
        "INSERT INTO events VALUES ('a', 1), ('b', 2.5), ('c', 'text'), ('d', x'01'), ('e', NULL)",
        "DELETE FROM events WHERE kind IN ('b', 'd')",
        "INSERT INTO shadowed VALUES ('not the rowid', 'nor this', 1), ('x', 'y', 2)",
        "INSERT INTO docs(title, body) VALUES ('hello', 'world of sqlite'), ('backup', 'lifeboat keeps data')",
        "UPDATE docs SET body = 'lifeboat keeps all data' WHERE id = 2",
        "ANALYZE",
    };

    /** A virtual table whose module no SQLite here has: only its schema entry, as an unknown extension leaves. */
    static final String[] MISSING_MODULE = {
        "CREATE TABLE kept(id INTEGER PRIMARY KEY, value TEXT)",
        "INSERT INTO kept(value) VALUES ('one'), ('two')",
        "PRAGMA writable_schema = ON",
        "INSERT INTO sqlite_schema VALUES ('table', 'vt', 'vt', 0, 'CREATE VIRTUAL TABLE vt USING nosuchmodule(a)')",
        "PRAGMA writable_schema = OFF",
    };

    /** Child rows whose parent is missing, which SQLite allows while foreign keys are off (its default). */
    static final String[] FOREIGN_KEY_VIOLATIONS = {
        "CREATE TABLE parents(id INTEGER PRIMARY KEY)",
        "CREATE TABLE children(id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents(id))",
        "INSERT INTO parents VALUES (1)",
        "INSERT INTO children VALUES (1, 1), (2, 99), (3, 98)",
    };

    private Fixtures() {
    }

    static Path rich(Path file) throws SQLException {
        return Sqlite.execute(file, RICH);
    }
}
