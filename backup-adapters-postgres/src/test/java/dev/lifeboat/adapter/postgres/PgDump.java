package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A test database as an installed {@code pg_dump} prints it (its schema alone, or its schema and data), normalised so
 * that a database and its restore compare equal: an independent witness that a restore rebuilt the same database.
 *
 * <p>pg_dump is not part of the embedded servers; tests use whichever installed pg_dump can dump the server (its
 * major version at least the server's), found on the PATH or under {@code /usr/lib/postgresql/<major>/bin}.
 */
public final class PgDump {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    private static final int SHOWN_LINES = 12;

    private final Path executable;
    private final int major;
    private final TestServer server;

    private PgDump(Path executable, int major, TestServer server) {
        this.executable = executable;
        this.major = major;
        this.server = server;
    }

    /** An installed pg_dump and its major version. */
    public record Installed(Path executable, int major) {
    }

    /** A pg_dump able to dump the server, the newest installed one; empty when none is recent enough. */
    public static Optional<PgDump> forServer(TestServer server) throws SQLException {
        int serverMajor = server.majorVersion();
        return choose(installed(), serverMajor).map(found -> new PgDump(found.executable(), found.major(), server));
    }

    /** Of the installed pg_dumps, the newest whose major version is at least the server's. */
    static Optional<Installed> choose(List<Installed> installed, int serverMajor) {
        return installed.stream()
                .filter(candidate -> candidate.major() >= serverMajor)
                .max(Comparator.comparingInt(Installed::major));
    }

    /** The pg_dump used. */
    public Path executable() {
        return executable;
    }

    /** Its major version. */
    public int major() {
        return major;
    }

    @Override
    public String toString() {
        return "pg_dump " + major + " at " + executable + " for " + server.label();
    }

    /**
     * Every pg_dump found under /usr/lib/postgresql and on the PATH, each executable once; the versioned binaries
     * come first, so that they win over a wrapper script of the same version.
     */
    static List<Installed> installed() {
        Map<Path, Installed> found = new LinkedHashMap<>();
        for (Path candidate : candidates()) {
            try {
                Path real = candidate.toRealPath();
                if (!found.containsKey(real)) {
                    majorOf(candidate).ifPresent(major -> found.put(real, new Installed(candidate, major)));
                }
            } catch (IOException e) {
                // not an installed pg_dump after all
            }
        }
        return List.copyOf(found.values());
    }

    private static List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(DEBIAN_VERSIONS)) {
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(DEBIAN_VERSIONS)) {
                versions.forEach(version -> candidates.add(version.resolve("bin").resolve("pg_dump")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + DEBIAN_VERSIONS, e);
            }
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (!directory.isBlank()) {
                candidates.add(Path.of(directory, "pg_dump"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).collect(Collectors.toList());
    }

    private static Optional<Integer> majorOf(Path executable) throws IOException {
        Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
        String output = readAll(process.getInputStream());
        if (waitFor(process) != 0) {
            return Optional.empty();
        }
        Matcher matcher = VERSION.matcher(output);
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    /** The normalised schema-only dump of a database of the server. */
    public String schema(String database) {
        return run(database, "--schema-only");
    }

    /** The normalised dump of a database's schema and data, large objects included. */
    public String everything(String database) {
        return run(database, "--blobs");
    }

    private String run(String database, String what) {
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), what, "--no-password",
                "--host=" + server.host(), "--port=" + server.port(), "--username=" + server.superuser(),
                "--dbname=" + database);
        builder.environment().remove("PGPASSWORD");
        if (!server.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", server.password());
        }
        try {
            Path errors = Files.createTempFile("pg_dump", ".err");
            try {
                Process process = builder.redirectError(errors.toFile()).start();
                process.getOutputStream().close();
                String output = readAll(process.getInputStream());
                int exit = waitFor(process);
                if (exit != 0) {
                    throw new IllegalStateException(executable + " failed for database " + database + " (exit " + exit
                            + "): " + Files.readString(errors, StandardCharsets.UTF_8).strip());
                }
                return normalise(output, database);
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable, e);
        }
    }

    /**
     * A dump without what differs between a database and its restore although their schemas and data are the same:
     * comment lines (they hold OIDs and versions), blank lines, session settings, the random keys of the
     * {@code restrict}/{@code unrestrict} meta-commands, and the database's own name. Rows of COPY blocks are kept
     * exactly as they are.
     */
    static String normalise(String dump, String database) {
        Pattern name = Pattern.compile("(?<![\\w$])" + Pattern.quote(database) + "(?![\\w$])");
        StringBuilder normalised = new StringBuilder();
        boolean inCopy = false;
        for (String line : dump.split("\n", -1)) {
            if (inCopy) {
                normalised.append(line).append('\n');
                inCopy = !line.equals("\\.");
                continue;
            }
            if (line.isBlank() || line.startsWith("--") || line.startsWith("SET ")
                    || line.startsWith("SELECT pg_catalog.set_config(")
                    || line.startsWith("\\restrict ") || line.startsWith("\\unrestrict ")) {
                continue;
            }
            normalised.append(name.matcher(line).replaceAll("<database>")).append('\n');
            inCopy = line.startsWith("COPY ") && line.endsWith(" FROM stdin;");
        }
        return normalised.toString();
    }

    /** The first differing lines of two normalised dumps, for an assertion message; says so when they are equal. */
    public static String differences(String expected, String actual) {
        List<String> left = expected.lines().toList();
        List<String> right = actual.lines().toList();
        int prefix = 0;
        while (prefix < left.size() && prefix < right.size() && left.get(prefix).equals(right.get(prefix))) {
            prefix++;
        }
        if (prefix == left.size() && prefix == right.size()) {
            return "no differences";
        }
        int suffix = 0;
        while (suffix < left.size() - prefix && suffix < right.size() - prefix
                && left.get(left.size() - 1 - suffix).equals(right.get(right.size() - 1 - suffix))) {
            suffix++;
        }
        StringBuilder report = new StringBuilder("first difference at line ").append(prefix + 1)
                .append(" (expected ").append(left.size()).append(" lines, actual ").append(right.size())
                .append(" lines)\n");
        if (prefix > 0) {
            report.append("  ").append(left.get(prefix - 1)).append('\n');
        }
        appendLines(report, "- ", left.subList(prefix, left.size() - suffix));
        appendLines(report, "+ ", right.subList(prefix, right.size() - suffix));
        return report.toString();
    }

    private static void appendLines(StringBuilder report, String marker, List<String> lines) {
        lines.stream().limit(SHOWN_LINES).forEach(line -> report.append(marker).append(line).append('\n'));
        if (lines.size() > SHOWN_LINES) {
            report.append(marker).append("... ").append(lines.size() - SHOWN_LINES).append(" more lines\n");
        }
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + process.info().command().orElse("pg_dump"), e);
        }
    }
}
