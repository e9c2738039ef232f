package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseLocation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A SQLite location reduced to the file it names. Accepted forms: {@code sqlite:PATH}, {@code sqlite://PATH}
 * ({@code sqlite:///srv/app.db} is {@code /srv/app.db}), {@code sqlite3:} likewise, {@code jdbc:sqlite:PATH}, and a
 * bare path. The rest after the scheme is a file path taken literally (no percent-decoding).
 *
 * @param written the path as the user wrote it, for messages
 * @param path    the file, absolute and normalized
 */
record SqliteLocation(String written, Path path) {

    private static final String JDBC_PREFIX = "jdbc:sqlite:";
    private static final String MEMORY = ":memory:";

    /**
     * The file a location names, or empty when the location is not SQLite's (another scheme).
     *
     * @throws InvalidUsageException when it is SQLite's but names no usable file (an in-memory database, query
     *                               parameters, nothing at all)
     */
    static Optional<SqliteLocation> parse(DatabaseLocation location) {
        String spec = location.spec();
        Optional<String> scheme = location.scheme();
        if (scheme.isEmpty()) {
            return Optional.of(of(spec, spec));
        }
        String rest;
        switch (scheme.get()) {
            case "sqlite", "sqlite3" -> rest = withoutSlashes(spec.substring(scheme.get().length() + 1));
            case "jdbc" -> {
                if (!spec.regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())) {
                    return Optional.empty();
                }
                rest = spec.substring(JDBC_PREFIX.length());
                if (rest.regionMatches(true, 0, "file:", 0, 5) && !rest.regionMatches(true, 0, "file::memory:", 0, 13)) {
                    rest = withoutSlashes(rest.substring(5));
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        if (rest.contains("?")) {
            throw new InvalidUsageException(spec + ": query parameters are not supported; give the file only, "
                    + "such as sqlite:/srv/app.db");
        }
        return Optional.of(of(spec, rest));
    }

    /**
     * The file a location names.
     *
     * @throws InvalidUsageException when the location is not a SQLite location or names no usable file
     */
    static SqliteLocation require(DatabaseLocation location) {
        return parse(location).orElseThrow(() -> new InvalidUsageException(location.spec()
                + " is not a SQLite location: use a file path or sqlite:/path/to/app.db"));
    }

    private static SqliteLocation of(String spec, String written) {
        if (written.isBlank()) {
            throw new InvalidUsageException(spec + " names no file: give one, such as sqlite:/srv/app.db");
        }
        String lower = written.toLowerCase(Locale.ROOT);
        if (lower.equals(MEMORY) || lower.startsWith("file:" + MEMORY)) {
            throw new InvalidUsageException(spec + " is an in-memory database, which has nothing to back up or "
                    + "restore: give a database file");
        }
        try {
            return new SqliteLocation(written, Path.of(written).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new InvalidUsageException(spec + " is not a valid file path: " + e.getReason(), e);
        }
    }

    private static String withoutSlashes(String rest) {
        return rest.startsWith("//") ? rest.substring(2) : rest;
    }

    /** The database's short name: the file name without its extension ({@code app.db} is {@code app}). */
    String databaseName() {
        String fileName = path.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
