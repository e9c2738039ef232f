package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Secret;
import dev.lifeboat.domain.spi.IoFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --password-file}: the password of a database server, read by the command line into the location, so that it
 * never becomes an engine option (those are recorded in the manifest) and never appears in the process list.
 */
final class PasswordFileOption {

    @Option(names = "--password-file", paramLabel = "FILE", description = "For a database on a server: read its "
            + "password from this file (its first line). Else the URL's, or where the engine looks (such as "
            + "$PGPASSWORD or ~/.pgpass); never give it on the command line.")
    Path passwordFile;

    /** The location with the password from --password-file, when one was given and the location has none. */
    DatabaseLocation withPassword(DatabaseLocation location, Environment environment) {
        if (passwordFile == null || location.password().isPresent()) {
            return location;
        }
        Path file = environment.workingDirectory().resolve(passwordFile);
        try {
            String firstLine = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            return location.withPassword(Secret.of(firstLine));
        } catch (IOException e) {
            throw new UnavailableException("cannot read the password file " + file + ": " + IoFailures.describe(e), e);
        }
    }
}
