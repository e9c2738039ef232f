package dev.lifeboat.cli.settings;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A PostgreSQL database described the way many projects' own backup scripts read it: {@code DB_HOST},
 * {@code DB_PORT}, {@code DB_NAME}, {@code DB_USER} and {@code DB_PASSWORD} (or {@code DEV_DB_*} for development),
 * from the environment, {@code .env.local} or {@code .env}. Used when no database is given and
 * {@code DATABASE_URL} is not set. The password goes into the location as a secret, never into its text.
 *
 * @param location where the database is, its password held apart
 * @param mode     which variables described it
 * @param values   each variable that was set, with where it came from; the password's value is never kept here
 */
public record EnvironmentDatabase(DatabaseLocation location, Mode mode, Map<String, SettingVariables.Sourced> values) {

    /** What {@code --env auto} reads. */
    static final String MODE_VARIABLE = "ENV_MODE";
    private static final List<String> SUFFIXES = List.of("HOST", "PORT", "NAME", "USER", "PASSWORD");
    private static final String HIDDEN = "****";

    /** Development or production: which variables to read, and the label of the backup. */
    public enum Mode {
        DEV("DEV_DB_"), PROD("DB_");

        private final String prefix;

        Mode(String prefix) {
            this.prefix = prefix;
        }

    public     String prefix() {
            return prefix;
        }

        /** The backup's label: {@code dev} or {@code prod}. */
    public     String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The mode {@code --env} names: {@code dev}, {@code prod}, or {@code auto} (or nothing), which is
         * {@code ENV_MODE} when set (dev, development, prod or production), else prod.
         */
    public     static Resolved resolve(String option, SettingVariables variables) {
            String given = option == null ? "auto" : option.strip().toLowerCase(Locale.ROOT);
            switch (given) {
                case "dev":
                    return new Resolved(DEV, "--env");
                case "prod":
                    return new Resolved(PROD, "--env");
                case "auto":
                    break;
                default:
                    throw new InvalidUsageException("--env takes dev, prod or auto, not '" + option + "'");
            }
            Optional<SettingVariables.Sourced> mode = variables.get(MODE_VARIABLE);
            if (mode.isEmpty()) {
                return new Resolved(PROD, "default");
            }
            String value = mode.get().value().strip().toLowerCase(Locale.ROOT);
            String origin = MODE_VARIABLE + " (" + mode.get().origin() + ")";
            return switch (value) {
                case "dev", "development" -> new Resolved(DEV, origin);
                case "prod", "production" -> new Resolved(PROD, origin);
                default -> throw new InvalidUsageException(MODE_VARIABLE + "='" + mode.get().value() + "' ("
                        + mode.get().origin() + ") is neither dev nor prod");
            };
        }
    }

    /**
     * A mode and what decided it.
     *
     * @param origin {@code --env}, {@code ENV_MODE (.env:1)}, or {@code default}
     */
    public record Resolved(Mode mode, String origin) {
    }

    /**
     * The database the mode's variables describe; empty when none of them is set.
     *
     * @throws InvalidUsageException when some are set but the host or the name is missing, or the port is no port
     */
    public static Optional<EnvironmentDatabase> find(Mode mode, SettingVariables variables) {
        Map<String, SettingVariables.Sourced> found = new LinkedHashMap<>();
        for (String suffix : SUFFIXES) {
            variables.get(mode.prefix() + suffix).ifPresent(value -> found.put(mode.prefix() + suffix, value));
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String host = required(found, mode, "HOST");
        String name = required(found, mode, "NAME");
        Optional<SettingVariables.Sourced> port = Optional.ofNullable(found.get(mode.prefix() + "PORT"));
        port.ifPresent(value -> requirePort(mode.prefix() + "PORT", value));
        Optional<String> user = Optional.ofNullable(found.get(mode.prefix() + "USER")).map(SettingVariables.Sourced::value);
        String authority = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + port.map(value -> ":" + value.value().strip()).orElse("");
        String spec = "postgresql://" + user.map(value -> encode(value) + "@").orElse("") + authority + "/"
                + encode(name);
        DatabaseLocation location = DatabaseLocation.parse(spec);
        SettingVariables.Sourced password = found.get(mode.prefix() + "PASSWORD");
        if (password != null) {
            location = location.withPassword(Secret.of(password.value()));
            found.put(mode.prefix() + "PASSWORD", new SettingVariables.Sourced(HIDDEN, password.origin()));
        }
        return Optional.of(new EnvironmentDatabase(location, mode, Map.copyOf(found)));
    }

    /** Whether the host is this machine, which a production backup seldom means. */
    public boolean onLocalhost() {
        String host = values.get(mode.prefix() + "HOST").value().strip().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /** The host variable with its origin, for messages: {@code DB_HOST=localhost (.env:2)}. */
    public String hostSetting() {
        SettingVariables.Sourced host = values.get(mode.prefix() + "HOST");
        return mode.prefix() + "HOST=" + host.value() + " (" + host.origin() + ")";
    }

    private static String required(Map<String, SettingVariables.Sourced> found, Mode mode, String suffix) {
        SettingVariables.Sourced value = found.get(mode.prefix() + suffix);
        if (value == null) {
            throw new InvalidUsageException(mode.prefix() + suffix + " is not set, while " + String.join(", ",
                    found.keySet()) + " " + (found.size() == 1 ? "is" : "are") + ": set " + mode.prefix() + "HOST and "
                    + mode.prefix() + "NAME (and " + mode.prefix() + "PORT, " + mode.prefix() + "USER, " + mode.prefix()
                    + "PASSWORD as needed), or name the database");
        }
        return value.value().strip();
    }

    private static void requirePort(String variable, SettingVariables.Sourced port) {
        try {
            int number = Integer.parseInt(port.value().strip());
            if (number >= 1 && number <= 65535) {
                return;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidUsageException(variable + "='" + port.value() + "' (" + port.origin() + ") is not a port"
                + " number from 1 to 65535");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text.strip(), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
