package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaEntryTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CREATE TABLE t(a PRIMARY KEY, b) WITHOUT ROWID | true",
        "CREATE TABLE t(a PRIMARY KEY, b) without   rowid | true",
        "CREATE TABLE t(a TEXT PRIMARY KEY, b INT) STRICT, WITHOUT ROWID | true",
        "CREATE TABLE t(a TEXT PRIMARY KEY, b INT) WITHOUT ROWID ,STRICT | true",
        "CREATE TABLE t(a TEXT PRIMARY KEY) /* keyed */ WITHOUT\tROWID | true",
        "CREATE TABLE t(a INTEGER PRIMARY KEY, b) | false",
        "CREATE TABLE t(a, b) STRICT | false",
        "CREATE TABLE \"without rowid\"(a, b) | false",
        "CREATE TABLE t(note DEFAULT 'WITHOUT ROWID') | false",
    })
    void without_rowid_is_read_from_the_table_options(String sql, boolean withoutRowid) {
        assertThat(new SchemaEntry("table", "t", "t", sql).isWithoutRowid()).isEqualTo(withoutRowid);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "table | docs_fts | CREATE VIRTUAL TABLE docs_fts USING fts5(body) | false",
        "table | vt | create  virtual\ttable vt using nosuchmodule(a) | false",
        "table | docs_fts_data | CREATE TABLE 'docs_fts_data'(id INTEGER PRIMARY KEY, block BLOB) | true",
        "table | sqlite_sequence | CREATE TABLE sqlite_sequence(name,seq) | true",
        "table | sqlite_stat1 | CREATE TABLE sqlite_stat1(tbl,idx,stat) | false",
        "table | sqlite_stat4 | CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample) | false",
        "view | v | CREATE VIEW v AS SELECT 1 | false",
        "index | i | CREATE INDEX i ON t(a) | false",
    })
    void data_lives_in_ordinary_and_shadow_tables_not_in_virtual_tables_or_statistics(String type, String name,
                                                                                     String sql, boolean holdsData) {
        assertThat(new SchemaEntry(type, name, name, sql).holdsData()).isEqualTo(holdsData);
    }
}
