package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.PercentDecoding;
import dev.lifeboat.domain.model.Secret;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A PostgreSQL database as lifeboat reaches it: {@code postgresql://user@host:port/db?sslmode=require},
 * {@code postgres://...} or {@code jdbc:postgresql://...}. What the URL leaves out comes from PGHOST, PGPORT and
 * PGUSER, then libpq's defaults. The password comes from the location, else PGPASSWORD, else the password file.
 *
 * @param host       the server's host name or address
 * @param port       its port
 * @param database   the database's name
 * @param user       the role to log in as
 * @param password   the password, when one was found
 * @param parameters further connection parameters for the driver (sslmode, ...), never a password
 */
record PostgresLocation(String host, int port, String database, String user, Optional<Secret> password,
                        Map<String, String> parameters) {

    /** The sslmode values libpq and pgjdbc take. */
    private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    static final int DEFAULT_PORT = 5432;
    private static final String[] PREFIXES = {"jdbc:postgresql:", "postgresql:", "postgres:"};

    PostgresLocation {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        parameters = Map.copyOf(parameters);
    }

    /** Whether a location is written as a PostgreSQL URL, well-formed or not. */
    static boolean hasPostgresScheme(DatabaseLocation location) {
        String spec = location.spec().toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (spec.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads a location the user gave.
     *
     * @throws InvalidUsageException when it is not a well-formed PostgreSQL URL
     */
    static PostgresLocation parse(DatabaseLocation location, PgEnvironment environment) {
        String spec = location.spec();
        String rest = stripPrefix(spec);
        if (!rest.startsWith("//")) {
            throw malformed(location, "expected " + prefixOf(spec) + "//HOST[:PORT]/DATABASE");
        }
        rest = rest.substring(2);
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String path = slash < 0 ? "" : beforeQuery.substring(slash + 1);

        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw malformed(location, "query parameter '" + pair + "' is not NAME=VALUE");
            }
            parameters.put(PercentDecoding.decode(pair.substring(0, equals)),
                    PercentDecoding.decode(pair.substring(equals + 1)));
        }

        String user = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            user = PercentDecoding.decode(authority.substring(0, at));
            authority = authority.substring(at + 1);
        }
        user = firstPresent(Optional.ofNullable(user), parameters.remove("user"), environment.variable("PGUSER"))
                .orElse(environment.userName());

        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw malformed(location, "an IPv6 address needs its closing ']'");
            }
            host = authority.substring(1, close);
            String afterHost = authority.substring(close + 1);
            if (afterHost.startsWith(":")) {
                portText = afterHost.substring(1);
            } else if (!afterHost.isEmpty()) {
                throw malformed(location, "unexpected '" + afterHost + "' after the host");
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.contains(",")) {
            throw malformed(location, "lifeboat connects to one host; give a single HOST[:PORT]");
        }
        if (host.isEmpty()) {
            host = environment.variable("PGHOST").filter(value -> !value.startsWith("/")).orElse("localhost");
        }
        int port = port(location, Optional.ofNullable(portText).filter(text -> !text.isEmpty())
                .or(() -> environment.variable("PGPORT")));

        String database = PercentDecoding.decode(path);
        if (database.isEmpty()) {
            database = parameters.containsKey("dbname") ? parameters.remove("dbname")
                    : environment.variable("PGDATABASE").orElse("");
        }
        if (database.isEmpty() || database.contains("/")) {
            throw malformed(location, "name the database: " + prefixOf(spec) + "//" + host + "/DATABASE");
        }
        String connectTimeout = parameters.remove("connect_timeout");
        if (connectTimeout != null) {
            if (!connectTimeout.matches("\\d{1,6}")) {
                throw malformed(location, "connect_timeout is a number of seconds, not '" + connectTimeout + "'");
            }
            parameters.put("connectTimeout", connectTimeout);
        }
        String sslMode = parameters.get("sslmode");
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw malformed(location, "sslmode is one of " + String.join(", ", SSL_MODES) + ", not '" + sslMode + "'");
        }
        String applicationName = parameters.remove("application_name");
        if (applicationName != null) {
            parameters.put("ApplicationName", applicationName);
        }
        String resolvedHost = host;
        String resolvedDatabase = database;
        String resolvedUser = user;
        Optional<Secret> password = location.password()
                .or(() -> environment.variable("PGPASSWORD").map(Secret::of))
                .or(() -> PgPass.lookup(environment.passwordFile(), resolvedHost, port, resolvedDatabase, resolvedUser)
                        .map(Secret::of));
        return new PostgresLocation(host, port, database, user, password, parameters);
    }

    /** The same server and credentials, another database on it. */
    PostgresLocation withDatabase(String otherDatabase) {
        return new PostgresLocation(host, port, otherDatabase, user, password, parameters);
    }

    /** The same location, its sessions starting with a server setting ({@code -c name=value} in their options). */
    PostgresLocation withSetting(String name, String value) {
        Map<String, String> withOption = new LinkedHashMap<>(parameters);
        withOption.merge("options", "-c " + name + "=" + value, (given, added) -> given + " " + added);
        return new PostgresLocation(host, port, database, user, password, withOption);
    }

    /** The driver's URL, without user or password (those go in the connection properties). */
    String jdbcUrl() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + UrlComponents.encodePathSegment(database);
    }

    /** Where the server is, for messages: {@code db.example.com:5432}. */
    String server() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The location as a URL a restore can use again, with no password: {@code postgresql://app@db:5432/shop}. */
    String display() {
        StringBuilder url = new StringBuilder("postgresql://").append(UrlComponents.encodePathSegment(user))
                .append('@').append(server()).append('/').append(UrlComponents.encodePathSegment(database));
        String separator = "?";
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
            separator = "&";
        }
        return url.toString();
    }

    @Override
    public String toString() {
        return display();
    }

    private static int port(DatabaseLocation location, Optional<String> text) {
        if (text.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(text.get());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw malformed(location, "'" + text.get() + "' is not a port number");
    }

    @SafeVarargs
    private static Optional<String> firstPresent(Optional<String> first, String second, Optional<String>... rest) {
        if (first.isPresent() && !first.get().isEmpty()) {
            return first;
        }
        if (second != null && !second.isEmpty()) {
            return Optional.of(second);
        }
        for (Optional<String> candidate : rest) {
            if (candidate.isPresent()) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    private static String stripPrefix(String spec) {
        String lower = spec.toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                return spec.substring(prefix.length());
            }
        }
        return spec;
    }

    private static String prefixOf(String spec) {
        String lower = spec.toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                return prefix;
            }
        }
        return "postgresql:";
    }

    private static InvalidUsageException malformed(DatabaseLocation location, String problem) {
        return new InvalidUsageException("not a usable PostgreSQL location: " + location.spec() + " (" + problem + ")");
    }
}
