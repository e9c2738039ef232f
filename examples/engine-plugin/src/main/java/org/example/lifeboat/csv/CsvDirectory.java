package org.example.lifeboat.csv;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.DatabaseLocation;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A database of this engine: a directory whose {@code *.csv} files are its tables, named by {@code csv:/path/to/dir}
 * ({@code csv:///path} and relative paths work too). Anything else in the directory is not part of the database.
 *
 * @param path the directory, absolute
 */
record CsvDirectory(Path path) {

    static final String SCHEME = "csv";
    static final String SUFFIX = ".csv";
    /** The table names an archive part can carry: the file name is the part name's last segment. */
    private static final Pattern TABLE_FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*\\.csv");

    /**
     * @throws InvalidUsageException when the location is {@code csv:} with no path
     */
    static CsvDirectory of(DatabaseLocation location) {
        String spec = location.spec();
        String rest = spec.substring(spec.indexOf(':') + 1);
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        if (rest.isBlank()) {
            throw new InvalidUsageException("'" + spec + "' names no directory; write csv:/path/to/dir");
        }
        return new CsvDirectory(Path.of(rest).toAbsolutePath().normalize());
    }

    static boolean isCsvLocation(DatabaseLocation location) {
        return location.scheme().filter(SCHEME::equals).isPresent();
    }

    String location() {
        return SCHEME + ":" + path;
    }

    /** The database's name: the directory's. */
    String name() {
        return Optional.ofNullable(path.getFileName()).map(Path::toString).orElse("root");
    }

    boolean exists() {
        return Files.isDirectory(path);
    }

    /**
     * The table files, by name.
     *
     * @throws UnavailableException when the directory is missing or unreadable, or a table's file name cannot be
     *                              carried by an archive
     */
    List<Path> tableFiles() {
        List<Path> files = new ArrayList<>();
        for (Path entry : entries()) {
            String name = entry.getFileName().toString();
            if (name.endsWith(SUFFIX) && Files.isRegularFile(entry)) {
                if (!TABLE_FILE.matcher(name).matches()) {
                    throw new UnavailableException(entry + ": a table's file name may hold letters, digits and"
                            + " _ . + - only (it names the table in the archive); rename it");
                }
                files.add(entry);
            }
        }
        files.sort(null);
        return files;
    }

    /** What is in the directory but not a table: not backed up, and said so. */
    List<String> otherEntries() {
        List<Path> tables = tableFiles();
        return entries().stream().filter(entry -> !tables.contains(entry)).map(entry -> entry.getFileName().toString())
                .sorted().toList();
    }

    /** The bytes of the table files. */
    long sizeBytes() {
        long size = 0;
        for (Path file : tableFiles()) {
            try {
                size += Files.size(file);
            } catch (IOException e) {
                throw new UnavailableException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return size;
    }

    static String tableName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    private List<Path> entries() {
        if (!exists()) {
            throw new UnavailableException("no directory at " + path + " (" + SCHEME + ": names a directory of "
                    + SUFFIX + " files)");
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw new UnavailableException("cannot read the directory " + path + ": " + e.getMessage(), e);
        }
        return entries;
    }
}
