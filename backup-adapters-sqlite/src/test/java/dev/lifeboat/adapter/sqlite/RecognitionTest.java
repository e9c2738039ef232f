package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.Recognition;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecognitionTest {

    private final SqliteEngine engine = new SqliteEngine();

    @TempDir
    Path directory;

    @ParameterizedTest
    @CsvSource({
        "sqlite:/srv/app.db, /srv/app.db",
        "sqlite:///srv/app.db, /srv/app.db",
        "SQLite:///srv/app.db, /srv/app.db",
        "sqlite3:/srv/app.db, /srv/app.db",
        "sqlite3:///srv/app.db, /srv/app.db",
        "jdbc:sqlite:/srv/app.db, /srv/app.db",
        "jdbc:sqlite:file:///srv/app.db, /srv/app.db",
        "/srv/../srv/./app.db, /srv/app.db",
    })
    void every_location_form_names_the_same_file(String location, String file) {
        SqliteLocation parsed = SqliteLocation.parse(DatabaseLocation.parse(location)).orElseThrow();
        assertThat(parsed.path()).isEqualTo(Path.of(file));
        assertThat(engine.recognize(DatabaseLocation.parse(location)))
                .isEqualTo(Recognition.unusable("no such file: " + parsed.written()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite:", "sqlite://", "sqlite3:", "jdbc:sqlite:", "jdbc:sqlite:file:", ""})
    void every_location_form_of_an_existing_database_is_recognized(String prefix) throws Exception {
        Path database = Sqlite.execute(directory.resolve("app.db"), "CREATE TABLE t(x)");

        assertThat(engine.recognize(DatabaseLocation.parse(prefix + database))).isEqualTo(Recognition.recognized());
    }

    @Test
    void a_sqlite_scheme_does_not_make_an_unusable_file_usable() throws Exception {
        Path text = Files.writeString(directory.resolve("notes.txt"), "SQLite is nice, but this is text");
        Path empty = Files.createFile(directory.resolve("empty.db"));

        assertThat(engine.recognize(DatabaseLocation.of("sqlite:missing.db")))
                .isEqualTo(Recognition.unusable("no such file: missing.db"));
        assertThat(engine.recognize(DatabaseLocation.of("sqlite:" + directory)))
                .isEqualTo(Recognition.unusable(directory + " is a directory, not a database file"));
        assertThat(engine.recognize(DatabaseLocation.of("sqlite3://" + text))).isEqualTo(Recognition.unusable(
                text + " is not a SQLite database: it does not start with the SQLite header"));
        assertThat(engine.recognize(DatabaseLocation.of("jdbc:sqlite:" + empty)))
                .isEqualTo(Recognition.unusable(empty + " is empty: it holds no SQLite database"));
    }

    @Test
    void a_relative_path_is_taken_from_the_working_directory() {
        assertThat(SqliteLocation.parse(DatabaseLocation.of("sqlite:data/app.db")).orElseThrow().path())
                .isEqualTo(Path.of("data/app.db").toAbsolutePath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://db.example.com/app", "jdbc:postgresql://localhost/app", "s3://bucket/x",
        "mysql://localhost/app"})
    void other_schemes_are_not_ours(String location) {
        assertThat(engine.recognize(DatabaseLocation.parse(location))).isEqualTo(Recognition.notRecognized());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:sqlite:/srv/app.db?journal_mode=WAL", "sqlite:app.db?mode=ro", "jdbc:sqlite::memory:",
        "sqlite::memory:", "sqlite:", "sqlite3://", "jdbc:sqlite:", "jdbc:sqlite:file::memory:"})
    void sqlite_locations_that_name_no_file_are_usage_errors(String location) {
        DatabaseLocation parsed = DatabaseLocation.parse(location);
        assertThatThrownBy(() -> engine.recognize(parsed)).isInstanceOf(InvalidUsageException.class)
                .hasMessageStartingWith(location);
        assertThatThrownBy(() -> engine.describe(parsed)).isInstanceOf(InvalidUsageException.class);
    }

    @Test
    void a_bare_in_memory_name_is_unusable_rather_than_a_usage_error_as_it_carries_no_scheme() {
        assertThat(engine.recognize(DatabaseLocation.of(":memory:"))).isEqualTo(Recognition.unusable(
                ":memory: is an in-memory database, which has nothing to back up or restore: give a database file"));
        assertThatThrownBy(() -> engine.describe(DatabaseLocation.of(":memory:")))
                .isInstanceOf(InvalidUsageException.class);
    }

    @Test
    void a_bare_path_is_recognized_by_the_sqlite_header() throws Exception {
        Path database = Sqlite.execute(directory.resolve("Chinook_Sqlite.sqlite"), "CREATE TABLE t(x)");
        Path text = Files.writeString(directory.resolve("notes.txt"), "SQLite is nice, but this is text");
        Path empty = Files.createFile(directory.resolve("empty.db"));

        assertThat(engine.recognize(DatabaseLocation.of(database.toString()))).isEqualTo(Recognition.recognized());
        assertThat(engine.recognize(DatabaseLocation.of(text.toString()))).isEqualTo(Recognition.unusable(
                text + " is not a SQLite database: it does not start with the SQLite header"));
        assertThat(engine.recognize(DatabaseLocation.of(empty.toString())))
                .isEqualTo(Recognition.unusable(empty + " is empty: it holds no SQLite database"));
        assertThat(engine.recognize(DatabaseLocation.of(directory.toString())))
                .isEqualTo(Recognition.unusable(directory + " is a directory, not a database file"));
        assertThat(engine.recognize(DatabaseLocation.of("missing.db")))
                .isEqualTo(Recognition.unusable("no such file: missing.db"));
        assertThat(engine.describe(DatabaseLocation.of(database.toString())).databaseName()).isEqualTo("Chinook_Sqlite");
    }

    @Test
    void a_file_name_with_uri_characters_is_read_as_it_is() throws Exception {
        Path plain = Sqlite.execute(directory.resolve("plain.db"), "CREATE TABLE t(x)", "INSERT INTO t VALUES (1)");
        Path odd = Files.copy(plain, directory.resolve("we ird?#%é&x=1.db"));

        assertThat(engine.recognize(DatabaseLocation.of(odd.toString()))).isEqualTo(Recognition.recognized());
        assertThat(engine.describe(DatabaseLocation.of(odd.toString())).totalRows()).isEqualTo(1);
    }
}
