package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A database's encoding and locale, which decide how its text sorts and compares: a restore creates the database
 * with exactly these, or refuses, because an index built under one collation is wrong under another.
 *
 * @param encoding the character set, such as {@code UTF8}
 * @param collate  LC_COLLATE
 * @param ctype    LC_CTYPE
 * @param provider the locale provider from PostgreSQL 15 on: {@code libc}, {@code icu} or {@code builtin}; empty
 *                 before 15 (libc)
 * @param locale   the ICU or builtin locale, when the provider is one of those
 * @param icuRules ICU tailoring rules (PostgreSQL 16 on), when set
 */
record DatabaseLocale(Optional<String> encoding, Optional<String> collate, Optional<String> ctype,
                      Optional<String> provider, Optional<String> locale, Optional<String> icuRules) {

    private static final String ENCODING = "encoding";
    private static final String COLLATE = "collate";
    private static final String CTYPE = "ctype";
    private static final String PROVIDER = "locale-provider";
    private static final String LOCALE = "locale";
    private static final String ICU_RULES = "icu-rules";
    private static final String LIBC = "libc";

    /** The current database's, read from pg_database. */
    static DatabaseLocale read(Connection connection, int serverVersionNum) throws SQLException {
        return readNamed(connection, serverVersionNum, "pg_catalog.current_database()");
    }

    /** A database's of the server, read from pg_database. */
    static DatabaseLocale read(Connection connection, int serverVersionNum, String database) throws SQLException {
        return readNamed(connection, serverVersionNum, Identifiers.literal(database));
    }

    /** The locale of the database whose name the SQL expression gives. */
    private static DatabaseLocale readNamed(Connection connection, int serverVersionNum, String databaseName)
            throws SQLException {
        String provider = serverVersionNum >= 150000 ? "CASE d.datlocprovider WHEN 'i' THEN 'icu' WHEN 'b' THEN "
                + "'builtin' ELSE 'libc' END" : "NULL";
        String locale = serverVersionNum >= 170000 ? "d.datlocale" : serverVersionNum >= 150000 ? "d.daticulocale"
                : "NULL";
        String rules = serverVersionNum >= 160000 ? "d.daticurules" : "NULL";
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_catalog.pg_encoding_to_char(d.encoding), "
                     + "d.datcollate, d.datctype, " + provider + ", " + locale + ", " + rules
                     + " FROM pg_catalog.pg_database d WHERE d.datname = " + databaseName)) {
            result.next();
            return new DatabaseLocale(Optional.of(result.getString(1)), Optional.of(result.getString(2)),
                    Optional.of(result.getString(3)), Optional.ofNullable(result.getString(4)),
                    Optional.ofNullable(result.getString(5)).filter(value -> !value.isEmpty()),
                    Optional.ofNullable(result.getString(6)).filter(value -> !value.isEmpty()));
        }
    }

    /** As recorded in a manifest's source properties; an archive may lack any of them. */
    static DatabaseLocale fromProperties(Map<String, String> properties) {
        return new DatabaseLocale(property(properties, ENCODING), property(properties, COLLATE),
                property(properties, CTYPE), property(properties, PROVIDER), property(properties, LOCALE),
                property(properties, ICU_RULES));
    }

    /** The manifest's source properties for it. */
    Map<String, String> properties() {
        Map<String, String> properties = new TreeMap<>();
        encoding.ifPresent(value -> properties.put(ENCODING, value));
        collate.ifPresent(value -> properties.put(COLLATE, value));
        ctype.ifPresent(value -> properties.put(CTYPE, value));
        provider.ifPresent(value -> properties.put(PROVIDER, value));
        locale.ifPresent(value -> properties.put(LOCALE, value));
        icuRules.ifPresent(value -> properties.put(ICU_RULES, value));
        return properties;
    }

    /**
     * The options of CREATE DATABASE that give a database this encoding and locale on a server of that version. The
     * provider is always named where the server has providers (15 on): left out, it would be template0's, which is
     * ICU on a server initialised with {@code --locale-provider=icu}, even for a backup of libc or of a server before
     * 15 (libc).
     */
    String createOptions(int targetVersionNum) {
        List<String> options = new ArrayList<>();
        encoding.ifPresent(value -> options.add("ENCODING " + Identifiers.literal(value)));
        collate.ifPresent(value -> options.add("LC_COLLATE " + Identifiers.literal(value)));
        ctype.ifPresent(value -> options.add("LC_CTYPE " + Identifiers.literal(value)));
        String effectiveProvider = provider.orElse(LIBC);
        if (targetVersionNum >= 150000 || !effectiveProvider.equals(LIBC)) {
            // before 15 the server has no such option, and refuses it for a provider other than libc
            options.add("LOCALE_PROVIDER " + effectiveProvider);
        }
        if (provider.isPresent() && locale.isPresent()) {
            options.add((provider.get().equals("builtin") ? "BUILTIN_LOCALE " : "ICU_LOCALE ")
                    + Identifiers.literal(locale.get()));
        }
        icuRules.ifPresent(value -> options.add("ICU_RULES " + Identifiers.literal(value)));
        return String.join(" ", options);
    }

    /**
     * How a database the server made differs from this locale: what it has instead, for each of encoding, collation,
     * character classification, provider, builtin locale and ICU rules the backup recorded. An ICU locale is not
     * compared: a server may write it otherwise (as a BCP 47 tag from PostgreSQL 16 on) and mean the same.
     */
    List<String> differencesFrom(DatabaseLocale created) {
        List<String> differences = new ArrayList<>();
        difference("encoding", encoding, created.encoding, true, differences);
        difference("LC_COLLATE", collate, created.collate, false, differences);
        difference("LC_CTYPE", ctype, created.ctype, false, differences);
        String wanted = provider.orElse(LIBC);
        String made = created.provider.orElse(LIBC);
        if (!wanted.equals(made)) {
            differences.add("locale provider " + made);
        }
        if (wanted.equals("builtin")) {
            difference("builtin locale", locale, created.locale, false, differences);
        }
        difference("ICU rules", icuRules, created.icuRules, false, differences);
        return differences;
    }

    private static void difference(String what, Optional<String> wanted, Optional<String> made, boolean ignoreCase,
                                   List<String> differences) {
        if (wanted.isPresent() && !(ignoreCase ? wanted.get().equalsIgnoreCase(made.orElse(""))
                : wanted.get().equals(made.orElse("")))) {
            differences.add(what + " " + made.orElse("(none)"));
        }
    }

    /** For messages: {@code encoding UTF8, locale en_US.UTF-8 (ICU und-x-icu)}. */
    String describe() {
        StringBuilder text = new StringBuilder("encoding ").append(encoding.orElse("(the server's)"));
        text.append(", locale ").append(collate.orElse("(the server's)"));
        ctype.filter(value -> !value.equals(collate.orElse(null))).ifPresent(value -> text.append("/").append(value));
        if (provider.isPresent() && locale.isPresent()) {
            text.append(" (").append(provider.get()).append(' ').append(locale.get())
                    .append(icuRules.map(rules -> ", rules " + rules).orElse("")).append(')');
        }
        return text.toString();
    }

    private static Optional<String> property(Map<String, String> properties, String name) {
        return Optional.ofNullable(properties.get(name)).filter(value -> !value.isEmpty());
    }
}
