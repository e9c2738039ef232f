package dev.lifeboat.cli;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads one variable from {@code .env.local} or {@code .env} in a directory, the files many projects keep their
 * DATABASE_URL in. Understands {@code KEY=value}, {@code export KEY=value}, quotes and comments; nothing more.
 */
final class DotEnv {

    static final List<String> FILES = List.of(".env.local", ".env");

    private DotEnv() {
    }

    /** The variable from the first of .env.local and .env that defines it. */
    static Optional<String> lookup(Path directory, String name) {
        for (String file : FILES) {
            Path path = directory.resolve(file);
            if (Files.isRegularFile(path)) {
                Optional<String> value = read(path, name);
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> read(Path path, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidUsageException("cannot read " + path + ": " + e.getMessage(), e);
        }
        Optional<String> found = Optional.empty();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            if (line.startsWith("#") || equals <= 0 || !line.substring(0, equals).strip().equals(name)) {
                continue;
            }
            found = Optional.of(unquote(line.substring(equals + 1).strip())).filter(value -> !value.isEmpty());
        }
        return found;
    }

    private static String unquote(String value) {
        if (value.startsWith("\"") || value.startsWith("'")) {
            int closing = value.indexOf(value.charAt(0), 1);
            if (closing > 0) {
                return value.substring(1, closing);
            }
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).strip() : value;
    }
}
