package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.SecretReference;
import dev.lifeboat.domain.model.Secret;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a database's {@code password}: {@code env:NAME}, {@code file:PATH}, or the password itself. No message
 * repeats what was written, since it may be the password.
 */
final class PasswordReader {

    private static final String ENVIRONMENT_PREFIX = "env:";
    private static final String FILE_PREFIX = "file:";

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Problems problems;
    private final ValueReader values;
    private final Path directory;

    PasswordReader(Problems problems, ValueReader values, Path directory) {
        this.problems = problems;
        this.values = values;
        this.directory = directory;
    }

    Optional<Configured<SecretReference>> read(TomlEntry password) {
        return values.string(password, "env:NAME, file:PATH or the password itself, in quotes")
                .flatMap(text -> reference(password, text))
                .map(reference -> new Configured<>(reference, password.origin()));
    }

    private Optional<SecretReference> reference(TomlEntry password, String text) {
        if (text.isEmpty()) {
            problems.add(password.origin(), "is empty: write env:NAME, file:PATH or the password, or leave the key out");
            return Optional.empty();
        }
        if (text.startsWith(ENVIRONMENT_PREFIX)) {
            String variable = text.substring(ENVIRONMENT_PREFIX.length());
            if (!VARIABLE_NAME.matcher(variable).matches()) {
                problems.add(password.origin(), "env: must be followed by the name of an environment variable: "
                        + "letters, digits and '_', not starting with a digit, such as env:SHOP_PASSWORD");
                return Optional.empty();
            }
            return Optional.of(new SecretReference.FromEnvironment(variable));
        }
        if (text.startsWith(FILE_PREFIX)) {
            return file(password, text.substring(FILE_PREFIX.length()))
                    .map(SecretReference.FromFile::new);
        }
        return Optional.of(new SecretReference.Literal(Secret.of(text)));
    }

    private Optional<Path> file(TomlEntry password, String path) {
        if (path.isBlank()) {
            problems.add(password.origin(), "file: must be followed by the path of a file that holds the password, "
                    + "such as file:/run/secrets/shop_password");
            return Optional.empty();
        }
        if (path.startsWith("~")) {
            problems.add(password.origin(), "a leading ~ is not expanded in file:PATH: write the full path, or one "
                    + "relative to the configuration file's directory");
            return Optional.empty();
        }
        try {
            return Optional.of(directory.resolve(path).normalize());
        } catch (InvalidPathException e) {
            problems.add(password.origin(), "file: is not followed by a valid path (" + e.getReason() + ")");
            return Optional.empty();
        }
    }
}
