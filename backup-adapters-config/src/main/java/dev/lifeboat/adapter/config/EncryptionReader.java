package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.EncryptionSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an {@code encryption} table: {@code recipients}, the public keys backups are encrypted to, and
 * {@code identity = "file:PATH"}, where the identity that decrypts them is. A secret key is never accepted in the
 * file, nor repeated in a message when one was written there.
 */
final class EncryptionReader {

    static final List<String> KEYS = List.of("recipients", "identity");

    private static final String FILE_PREFIX = "file:";
    private static final String SECRET_PREFIX = "AGE-SECRET-KEY-";
    private static final String RECIPIENTS_EXAMPLE = "a list of public keys in quotes, such as [\"age1ql3z...\"]";

    private final TomlDocument document;
    private final Problems problems;
    private final ValueReader values;
    private final Path directory;

    EncryptionReader(TomlDocument document, Problems problems, ValueReader values, Path directory) {
        this.document = document;
        this.problems = problems;
        this.values = values;
        this.directory = directory;
    }

    Optional<Configured<EncryptionSettings>> read(TomlEntry encryption) {
        if (!values.isTable(encryption, "{ recipients = [\"age1...\"], identity = \"file:/etc/lifeboat/key.txt\" }")) {
            return Optional.empty();
        }
        List<String> recipients = List.of();
        Optional<Path> identity = Optional.empty();
        boolean valid = true;
        for (TomlEntry entry : document.entries(encryption)) {
            switch (entry.name()) {
                case "recipients" -> {
                    Optional<List<String>> read = recipients(entry);
                    valid &= read.isPresent();
                    recipients = read.orElse(List.of());
                }
                case "identity" -> {
                    identity = identity(entry);
                    valid &= identity.isPresent();
                }
                default -> {
                    values.unknownKey(entry, "encryption", KEYS);
                    valid = false;
                }
            }
        }
        return valid ? Optional.of(new Configured<>(new EncryptionSettings(recipients, identity), encryption.origin()))
                : Optional.empty();
    }

    private Optional<List<String>> recipients(TomlEntry entry) {
        JsonNode value = entry.value();
        if (!value.isArray()) {
            problems.add(entry.origin(), "expected " + RECIPIENTS_EXAMPLE + ", found " + ValueReader.describe(value));
            return Optional.empty();
        }
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual() || element.textValue().isBlank()) {
                problems.add(entry.origin(), "recipient " + (i + 1) + " is not a public key in quotes: expected "
                        + RECIPIENTS_EXAMPLE);
                return Optional.empty();
            }
            if (element.textValue().strip().toUpperCase(Locale.ROOT).startsWith(SECRET_PREFIX)) {
                problems.add(entry.origin(), "recipient " + (i + 1) + " looks like a secret key, which never goes in "
                        + "this file: write its public key (age-keygen -y FILE prints it), and remove the secret key "
                        + "from the file");
                return Optional.empty();
            }
            recipients.add(element.textValue().strip());
        }
        return Optional.of(recipients);
    }

    private Optional<Path> identity(TomlEntry entry) {
        Optional<String> text = values.nonBlankString(entry, "file:PATH in quotes, the file that holds the identity");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String reference = text.get().strip();
        if (reference.toUpperCase(Locale.ROOT).startsWith(SECRET_PREFIX)) {
            problems.add(entry.origin(), "is a secret key, which never goes in this file: put it in a file readable "
                    + "by you alone and write identity = \"file:PATH\"");
            return Optional.empty();
        }
        if (!reference.startsWith(FILE_PREFIX) || reference.length() == FILE_PREFIX.length()) {
            problems.add(entry.origin(), "expected file:PATH, the file that holds the identity, such as "
                    + "\"file:/etc/lifeboat/key.txt\"");
            return Optional.empty();
        }
        String path = reference.substring(FILE_PREFIX.length());
        if (path.startsWith("~")) {
            problems.add(entry.origin(), "a leading ~ is not expanded in file:PATH: write the full path, or one "
                    + "relative to the configuration file's directory");
            return Optional.empty();
        }
        try {
            return Optional.of(directory.resolve(path).normalize());
        } catch (InvalidPathException e) {
            problems.add(entry.origin(), "file: is not followed by a valid path (" + e.getReason() + ")");
            return Optional.empty();
        }
    }
}
