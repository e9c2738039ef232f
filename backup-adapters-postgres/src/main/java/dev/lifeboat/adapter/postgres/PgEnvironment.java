package dev.lifeboat.adapter.postgres;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine reads from its surroundings, as libpq does: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGPASSFILE and
 * the home directory. A record so tests can give their own.
 *
 * @param variables the environment variables
 * @param home      the user's home directory, where {@code .pgpass} is looked for
 * @param userName  the operating-system user, libpq's default role name
 */
record PgEnvironment(Map<String, String> variables, Path home, String userName) {

    PgEnvironment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(userName, "userName");
    }

    static PgEnvironment ofProcess() {
        return new PgEnvironment(System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"));
    }

    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isEmpty());
    }

    /** The password file libpq would read: $PGPASSFILE, else ~/.pgpass. */
    Path passwordFile() {
        return variable("PGPASSFILE").map(Path::of).orElse(home.resolve(".pgpass"));
    }
}
