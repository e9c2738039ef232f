package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * The options of the commands that talk to a database server, passed on to the engine as its options (SQLite has no
 * use for them). Backup options are recorded in the manifest, so none of them carries a password: the password file is
 * read here and goes into the location.
 */
final class PostgresOptions {

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "PostgreSQL: parallel connections for copying "
            + "tables and building indexes (default 2).")
    Integer jobs;

    @Option(names = "--no-owner", description = "PostgreSQL: leave out ownership (ALTER ... OWNER TO), as pg_dump -O.")
    boolean noOwner;

    @Option(names = "--no-privileges", description = "PostgreSQL: leave out GRANTs and default privileges, as pg_dump -x.")
    boolean noPrivileges;

    @Option(names = "--password-file", paramLabel = "FILE", description = "PostgreSQL: read the password from this "
            + "file (its first line). Else the URL, $PGPASSWORD or ~/.pgpass; never give it on the command line.")
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
            throw new UnavailableException("cannot read the password file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The engine options these flags give, leaving out what was not asked for. */
    Map<String, String> engineOptions() {
        Map<String, String> options = new TreeMap<>();
        if (jobs != null) {
            options.put("jobs", Integer.toString(jobs));
        }
        if (noOwner) {
            options.put("no-owner", "true");
        }
        if (noPrivileges) {
            options.put("no-privileges", "true");
        }
        return options;
    }
}
