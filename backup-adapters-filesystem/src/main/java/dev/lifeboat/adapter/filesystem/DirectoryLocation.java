package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns a repository location given by a user (a path or a {@code file:} URI) into a directory path. */
final class DirectoryLocation {

    private static final String FILE_SCHEME = "file:";
    /** {@code s3://bucket}, {@code sftp://host}: locations of other kinds of repository. */
    private static final Pattern URL_WITH_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+://.*", Pattern.DOTALL);

    private DirectoryLocation() {
    }

    static boolean accepts(String location) {
        if (location == null || location.isBlank()) {
            return false;
        }
        return isFileUri(location) || !URL_WITH_SCHEME.matcher(location).matches();
    }

    /** The absolute, normalized directory path of a location this class accepts. */
    static Path toPath(String location) {
        if (!accepts(location)) {
            throw new IllegalArgumentException("not a file system location: " + location);
        }
        try {
            Path path = isFileUri(location) ? Path.of(new URI(location)) : Path.of(location);
            return path.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidUsageException("'" + location + "' is not a valid path: " + e.getReason(), e);
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            throw new InvalidUsageException("'" + location + "' is not a usable file: URI (" + e.getMessage()
                    + "); write file:///absolute/path or a plain path", e);
        }
    }

    private static boolean isFileUri(String location) {
        return location.toLowerCase(Locale.ROOT).startsWith(FILE_SCHEME);
    }
}
