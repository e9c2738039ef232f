package dev.lifeboat.cli.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of {@code .env.local} and {@code .env} in a directory, the files many projects keep their database
 * settings in; {@code .env.local} wins over {@code .env}. See {@link DotEnvFile} for what a file may hold.
 */
public final class DotEnv {

    static final List<String> FILES = List.of(".env.local", ".env");

    private final List<Map<String, DotEnvFile.Entry>> files;

    private DotEnv(List<Map<String, DotEnvFile.Entry>> files) {
        this.files = files;
    }

    /** Reads the files of a directory that exist. */
    static DotEnv in(Path directory) {
        List<Map<String, DotEnvFile.Entry>> files = new ArrayList<>();
        for (String file : FILES) {
            Path path = directory.resolve(file);
            if (Files.isRegularFile(path)) {
                files.add(DotEnvFile.read(path, file));
            }
        }
        return new DotEnv(files);
    }

    /** A variable from the first file that sets it to something other than an empty value. */
    Optional<DotEnvFile.Entry> get(String name) {
        for (Map<String, DotEnvFile.Entry> file : files) {
            DotEnvFile.Entry entry = file.get(name);
            if (entry != null && !entry.value().isEmpty()) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The variable from the first of .env.local and .env that defines it. */
    public static Optional<String> lookup(Path directory, String name) {
        return in(directory).get(name).map(DotEnvFile.Entry::value);
    }
}
