package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The installation directories of a test server, which its tests may add to: extensions of their own (a control file
 * and a script in SHAREDIR/extension) and copies of shared libraries (in PKGLIBDIR). Only for the embedded servers,
 * whose installation is a temporary copy the tests own.
 *
 * @param shareDirectory   the server's SHAREDIR
 * @param libraryDirectory the server's PKGLIBDIR ({@code $libdir})
 */
public record ServerFiles(Path shareDirectory, Path libraryDirectory) {

    /** Asks the server where its files are (pg_config, superuser only). */
    public static ServerFiles of(TestServer server) throws SQLException {
        try (Connection connection = server.connect("postgres")) {
            return new ServerFiles(Path.of(setting(connection, "SHAREDIR")), Path.of(setting(connection, "PKGLIBDIR")));
        }
    }

    /**
     * Installs an extension's control file and its install script, {@code <name>--<version>.sql}, so that
     * {@code CREATE EXTENSION <name>} works in any database of the server. Installing the same files again is harmless.
     */
    public void installExtension(String name, String version, String control, String script) {
        Path extensions = shareDirectory.resolve("extension");
        write(extensions.resolve(name + ".control"), control);
        write(extensions.resolve(name + "--" + version + ".sql"), script);
    }

    /** Copies a library of the server under another name, as a library only this server has. */
    public void copyLibrary(String existing, String copy) {
        try {
            Files.copy(library(existing), library(copy), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a library, as from a server that never had it. */
    public void removeLibrary(String name) {
        try {
            Files.deleteIfExists(library(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new empty directory for {@code CREATE TABLESPACE}, owned by the operating-system user the server runs as
     * (the owner of its data directory), which the server requires.
     */
    public static Path tablespaceDirectory(TestServer server) throws SQLException {
        try (Connection connection = server.connect("postgres")) {
            Path data = Path.of(show(connection, "data_directory"));
            Path directory = Files.createTempDirectory("lifeboat-tablespace");
            Files.setOwner(directory, Files.getOwner(data));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.current_setting(?)")) {
            statement.setString(1, setting);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private Path library(String name) {
        return libraryDirectory.resolve(name + ".so");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT setting FROM pg_catalog.pg_config WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new SQLException("pg_config has no " + name);
                }
                return result.getString(1);
            }
        }
    }
}
