package dev.lifeboat.domain.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a database is, as the user wrote it, with any password taken out.
 *
 * <p>{@link #parse} moves a password found in the user-info part of a URL
 * ({@code postgresql://user:pw@host/db}) or in a {@code password=} query parameter into {@link #password()},
 * so {@link #spec()} and {@link #toString()} can be shown, logged and stored in a manifest.
 *
 * @param spec     the location without its password: a URL or a file path
 * @param password the password, when the location carried one
 */
public record DatabaseLocation(String spec, Optional<Secret> password) {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("^([A-Za-z][A-Za-z0-9+.:-]*://[^/@:?#]*):([^/@?#]*)@");

    public DatabaseLocation {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(password, "password");
        if (spec.isBlank()) {
            throw new IllegalArgumentException("a database location must not be empty");
        }
    }

    /** Splits the password out of a location the way a user typed it. */
    public static DatabaseLocation parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        String spec = raw.trim();
        if (!spec.contains("://")) {
            // a file path: '?' and ':' in it are part of the name, not URL syntax
            return new DatabaseLocation(spec, Optional.empty());
        }
        Secret password = null;
        Matcher userInfo = USER_INFO_PASSWORD.matcher(spec);
        if (userInfo.find()) {
            password = Secret.of(PercentDecoding.decode(userInfo.group(2)));
            spec = userInfo.group(1) + "@" + spec.substring(userInfo.end());
        }
        int queryStart = spec.indexOf('?');
        if (queryStart >= 0) {
            StringBuilder kept = new StringBuilder();
            for (String parameter : spec.substring(queryStart + 1).split("&")) {
                if (parameter.toLowerCase(Locale.ROOT).startsWith("password=")) {
                    password = Secret.of(PercentDecoding.decode(parameter.substring("password=".length())));
                } else if (!parameter.isEmpty()) {
                    kept.append(kept.length() == 0 ? "?" : "&").append(parameter);
                }
            }
            spec = spec.substring(0, queryStart) + kept;
        }
        return new DatabaseLocation(spec, Optional.ofNullable(password));
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
