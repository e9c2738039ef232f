package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One fixture per kind of PostgreSQL object, under {@code src/test/resources/kinds/<kind>/}: {@code all.sql} for
 * every server, and {@code since-<major>.sql} for what only that major and newer have, loaded after it in order.
 * Each script makes several variants of its kind, with their comments, owners and privileges, in a fresh database;
 * roles it needs it creates when they are missing (roles belong to the server, so a second load finds them).
 */
public final class KindFixtures {

    private static final Pattern SINCE = Pattern.compile("since-(\\d+)\\.sql");

    private KindFixtures() {
    }

    /**
     * Every kind that has a fixture, sorted; only those named in the system property {@code lifeboat.kinds}
     * (comma-separated) when it is set, to work on a few.
     */
    public static List<String> kinds() {
        List<String> wanted = List.of(System.getProperty("lifeboat.kinds", "").split(",")).stream()
                .map(String::strip).filter(kind -> !kind.isEmpty()).toList();
        try (Stream<Path> kinds = Files.list(root())) {
            return kinds.filter(Files::isDirectory).map(path -> path.getFileName().toString())
                    .filter(kind -> wanted.isEmpty() || wanted.contains(kind)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads a kind's fixture into an empty database, with the scripts the server's major version takes. A fixture
     * that brings extensions of its own has their control and script files in {@code <kind>/extension/}; they are
     * installed into the server first.
     */
    public static void load(TestServer server, String database, String kind) throws SQLException {
        load(server, database, kind, server.majorVersion());
    }

    /**
     * Loads a kind's fixture as it would be made on an older server: only the scripts of majors up to {@code major},
     * to compare a backup of that older server, restored here, with the same objects made here.
     */
    public static void load(TestServer server, String database, String kind, int major) throws SQLException {
        installExtensions(server, kind);
        for (Path script : scripts(kind, major)) {
            try {
                server.runScript(database, read(script));
            } catch (SQLException e) {
                throw new SQLException("loading " + kind + "/" + script.getFileName() + " on " + server.label()
                        + " failed: " + e.getMessage(), e.getSQLState(), e);
            }
        }
    }

    private static void installExtensions(TestServer server, String kind) throws SQLException {
        Path extensions = root().resolve(kind).resolve("extension");
        if (!Files.isDirectory(extensions)) {
            return;
        }
        Path target = ServerFiles.of(server).shareDirectory().resolve("extension");
        try (Stream<Path> files = Files.list(extensions)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scripts of a kind for a server major: all.sql, then each since-N.sql with N at most the major, in order. */
    static List<Path> scripts(String kind, int major) {
        Path directory = root().resolve(kind);
        List<Path> scripts = new ArrayList<>();
        Path all = directory.resolve("all.sql");
        if (Files.isRegularFile(all)) {
            scripts.add(all);
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.map(path -> path.getFileName().toString())
                    .map(SINCE::matcher)
                    .filter(Matcher::matches)
                    .map(matcher -> Integer.parseInt(matcher.group(1)))
                    .filter(since -> since <= major)
                    .sorted()
                    .forEach(since -> scripts.add(directory.resolve("since-" + since + ".sql")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (scripts.isEmpty()) {
            throw new IllegalStateException("the fixture " + kind + " has no script for PostgreSQL " + major);
        }
        return scripts;
    }

    private static Path root() {
        URL url = KindFixtures.class.getResource("/kinds");
        if (url == null) {
            throw new IllegalStateException("no test resource directory /kinds");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path script) {
        try {
            return Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
