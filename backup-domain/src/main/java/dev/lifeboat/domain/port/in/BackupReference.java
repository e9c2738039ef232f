package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.util.Objects;
import java.util.Optional;

/** How a user names a backup in a repository: by its archive name, or as the newest one. */
public sealed interface BackupReference {

    /**
     * Reads a user's words: {@code latest} (the newest backup of any database), {@code latest:NAME} (the newest of
     * database NAME) or an archive name.
     */
    static BackupReference parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        if (trimmed.equals("latest")) {
            return new Latest(Optional.empty());
        }
        if (trimmed.startsWith("latest:")) {
            String database = trimmed.substring("latest:".length());
            if (database.isBlank()) {
                throw new InvalidUsageException("'latest:' needs a database name, as in latest:chinook");
            }
            return new Latest(Optional.of(database));
        }
        if (trimmed.isEmpty()) {
            throw new InvalidUsageException("a backup must be named: an archive name, a path, latest or latest:NAME");
        }
        return new Named(trimmed);
    }

    /** An archive by its name in the repository. */
    record Named(String name) implements BackupReference {
        public Named {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The newest backup, of one database or of any. */
    record Latest(Optional<String> database) implements BackupReference {
        public Latest {
            Objects.requireNonNull(database, "database");
        }

        @Override
        public String toString() {
            return database.map(name -> "latest:" + name).orElse("latest");
        }
    }
}
