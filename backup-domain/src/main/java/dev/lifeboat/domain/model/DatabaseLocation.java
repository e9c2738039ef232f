package dev.lifeboat.domain.model;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a database is, as the user wrote it, with any password taken out.
 *
 * <p>{@link #parse} moves a password found in the user-info part of a URL
 * ({@code postgresql://user:pw@host/db}) or in a {@code password=} query parameter (its name percent-encoded or not)
 * into {@link #password()}, so {@link #spec()} and {@link #toString()} can be shown, logged and stored in a manifest.
 * A key's passphrase ({@code sslpassword=}) has no place to go, so a location with one is refused.
 *
 * @param spec     the location without its password: a URL or a file path
 * @param password the password, when the location carried one
 */
public record DatabaseLocation(String spec, Optional<Secret> password) {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    /** Two or more {@code key=value} words, one of them a password: a libpq connection string, not a path. */
    /** A keyword/value connection string that gives a password ({@code host=db password = 'a b'}), as libpq reads one. */
    private static final Pattern CONNINFO = Pattern.compile("(?i)(?:^|\\s)(?:ssl)?password\\s*=");

    public DatabaseLocation {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(password, "password");
        if (spec.isBlank()) {
            throw new IllegalArgumentException("a database location must not be empty");
        }
    }

    /**
     * Splits the password out of a location the way a user typed it: from the user-info of a URL (up to the last
     * {@code @}, so an unencoded {@code @} or {@code /} in the password is still taken out), from a {@code password=}
     * query parameter, or from a {@code password=} word of a keyword/value connection string.
     *
     * @throws InvalidUsageException when the location is blank
     */
    public static DatabaseLocation parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        String spec = raw.trim();
        if (spec.isEmpty()) {
            throw new InvalidUsageException("a database location must not be empty");
        }
        if (!spec.contains("://") && CONNINFO.matcher(spec).find()) {
            return fromConnectionString(spec);
        }
        int authority = spec.indexOf("://");
        if (authority < 0) {
            // a file path: '?', ':' and '@' in it are part of the name, not URL syntax
            return new DatabaseLocation(spec, Optional.empty());
        }
        Secret password = null;
        int queryStart = spec.indexOf('?', authority);
        int userInfoEnd = spec.lastIndexOf('@', queryStart < 0 ? spec.length() : queryStart);
        if (userInfoEnd > authority) {
            String userInfo = spec.substring(authority + 3, userInfoEnd);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                password = Secret.of(PercentDecoding.decode(userInfo.substring(colon + 1)));
                spec = spec.substring(0, authority + 3) + userInfo.substring(0, colon) + spec.substring(userInfoEnd);
            }
        }
        queryStart = spec.indexOf('?', authority);
        if (queryStart >= 0) {
            StringBuilder kept = new StringBuilder();
            for (String parameter : spec.substring(queryStart + 1).split("&")) {
                int equals = parameter.indexOf('=');
                // the name as the driver reads it: pass%77ord is a password too
                String name = PercentDecoding.decode(equals < 0 ? parameter : parameter.substring(0, equals))
                        .toLowerCase(Locale.ROOT);
                if (name.equals("password")) {
                    password = Secret.of(PercentDecoding.decode(parameter.substring(equals + 1)));
                } else if (name.equals("sslpassword")) {
                    throw new InvalidUsageException("the location gives sslpassword, the passphrase of a client key, "
                            + "which would be shown in messages and recorded in every archive's manifest with the "
                            + "location: lifeboat does not take it in a URL. Use a client key without a passphrase, "
                            + "readable only by its owner (sslkey=FILE)");
                } else if (!parameter.isEmpty()) {
                    kept.append(kept.length() == 0 ? "?" : "&").append(parameter);
                }
            }
            spec = spec.substring(0, queryStart) + kept;
        }
        return new DatabaseLocation(spec, Optional.ofNullable(password));
    }

    /** {@code host=db user=app password=secret dbname=shop}, as libpq takes it. */
    /**
     * Takes the password out of a keyword/value connection string, read as libpq reads one: spaces around '=' are
     * allowed, a value may be single-quoted (a backslash escaping the next character), and everything else is kept as
     * written. A passphrase of a client key is refused, as in a URL.
     */
    private static DatabaseLocation fromConnectionString(String spec) {
        Secret password = null;
        List<String> kept = new ArrayList<>();
        int at = 0;
        int length = spec.length();
        while (true) {
            at = skipSpaces(spec, at);
            if (at >= length) {
                break;
            }
            int start = at;
            while (at < length && spec.charAt(at) != '=' && !Character.isWhitespace(spec.charAt(at))) {
                at++;
            }
            String keyword = spec.substring(start, at);
            int afterKeyword = skipSpaces(spec, at);
            if (afterKeyword >= length || spec.charAt(afterKeyword) != '=') {
                // not keyword=value: kept as written, for the engine to refuse
                kept.add(keyword);
                continue;
            }
            at = skipSpaces(spec, afterKeyword + 1);
            StringBuilder value = new StringBuilder();
            if (at < length && spec.charAt(at) == '\'') {
                at++;
                while (at < length && spec.charAt(at) != '\'') {
                    if (spec.charAt(at) == '\\' && at + 1 < length) {
                        at++;
                    }
                    value.append(spec.charAt(at++));
                }
                if (at >= length) {
                    throw new InvalidUsageException("a quoted value in the connection string has no closing quote");
                }
                at++;
            } else {
                while (at < length && !Character.isWhitespace(spec.charAt(at))) {
                    if (spec.charAt(at) == '\\' && at + 1 < length) {
                        at++;
                    }
                    value.append(spec.charAt(at++));
                }
            }
            String name = keyword.toLowerCase(Locale.ROOT);
            if (name.equals("password")) {
                password = Secret.of(value.toString());
            } else if (name.equals("sslpassword")) {
                throw new InvalidUsageException("the location gives sslpassword, the passphrase of a client key, "
                        + "which would be shown in messages and recorded in every archive's manifest with the "
                        + "location: lifeboat does not take it. Use a client key without a passphrase, readable only "
                        + "by its owner (sslkey=FILE)");
            } else {
                kept.add(spec.substring(start, at));
            }
        }
        return new DatabaseLocation(String.join(" ", kept), Optional.ofNullable(password));
    }

    private static int skipSpaces(String text, int from) {
        int at = from;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** A location that never carried a password, such as a file path. */
    public static DatabaseLocation of(String spec) {
        return new DatabaseLocation(spec, Optional.empty());
    }

    /** The URL scheme in lower case ({@code sqlite}, {@code jdbc}, {@code postgresql}), if the spec has one. */
    public Optional<String> scheme() {
        Matcher matcher = SCHEME.matcher(spec);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String scheme = matcher.group(1);
        // a Windows drive letter such as C:\ is a path, not a scheme
        if (scheme.length() == 1) {
            return Optional.empty();
        }
        return Optional.of(scheme.toLowerCase(Locale.ROOT));
    }

    /** The same location with another password, for one given by a flag, a file or the environment. */
    public DatabaseLocation withPassword(Secret secret) {
        return new DatabaseLocation(spec, Optional.of(secret));
    }

    @Override
    public String toString() {
        return spec;
    }
}
