package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helpers: databases made through the driver, and the sqlite3 command-line tool as an independent oracle. */
final class Sqlite {

    private Sqlite() {
    }

    /** Creates (or changes) a database by running statements through the driver, in autocommit mode. */
    static Path execute(Path file, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        return file;
    }

    /** The first column of a query's rows, read through the driver. */
    static List<String> query(Path file, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Runs the sqlite3 command-line tool (a separate SQLite, 3.40) on a database and returns what it printed. */
    static String cli(Path file, String... commands) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sqlite3", "-batch", file.toString()));
        command.addAll(List.of(commands));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("sqlite3 finished").isTrue();
        assertThat(process.exitValue()).as("sqlite3 %s said: %s", commands, output).isZero();
        return output.strip();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest digest = Sha256.newDigest();
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
            return Sha256.hex(digest.digest());
        }
    }

    static byte[] bytes(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Files.copy(file, out);
        return out.toByteArray();
    }

    /** The names in a directory, for checking that nothing was left behind. */
    static List<String> names(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
