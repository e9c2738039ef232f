package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import dev.lifeboat.adapter.postgres.catalog.StatementKind;
import dev.lifeboat.adapter.postgres.catalog.StatementPhase;
import dev.lifeboat.domain.error.IncompatibleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The archive's schema parts ({@code schema/pre-data.sql}, {@code schema/post-data.sql}): SQL that psql runs as it
 * is ({@code psql -v ON_ERROR_STOP=1 -f}), and that lifeboat reads back statement by statement. Each statement
 * follows a comment line {@code -- lifeboat:MARK PHASE KIND LABEL}; MARK is chosen per archive so that no statement
 * contains it, which makes the split exact even inside function bodies. A statement that holds a secret (see
 * {@link SchemaStatement#secret()}) follows {@code -- lifeboat:MARK SECRET PHASE KIND LABEL}: a lifeboat that does
 * not know the flag refuses the archive rather than risk printing the secret.
 */
final class SchemaFile {

    private static final String FIRST_LINE = "-- lifeboat schema script; statements follow lines starting with: -- lifeboat:";
    private static final String SECRET = "SECRET ";
    private static final String SETTINGS = """
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SET check_function_bodies = false;
            SET client_min_messages = warning;
            SELECT pg_catalog.set_config('search_path', '', false);
            """;

    private SchemaFile() {
    }

    static void write(List<SchemaStatement> statements, OutputStream out) throws IOException {
        String mark = markNotIn(statements);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(FIRST_LINE + mark + "\n");
        writer.write(SETTINGS);
        for (SchemaStatement statement : statements) {
            writer.write("\n-- lifeboat:" + mark + " " + (statement.secret() ? SECRET : "") + statement.phase().name()
                    + " " + statement.kind().name() + " " + oneLine(statement.label()) + "\n");
            writer.write(statement.sql());
            writer.write(";\n");
        }
        writer.flush();
    }

    /** Reads a schema part back; a schema is small, so it is read whole (only '\n' ends a line: a '\r' in a function body stays). */
    static List<SchemaStatement> read(InputStream in, String partName) throws IOException {
        String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length == 0 || !lines[0].startsWith(FIRST_LINE)) {
            throw new IncompatibleException(partName + " is not a lifeboat schema script");
        }
        String marker = "-- lifeboat:" + lines[0].substring(FIRST_LINE.length()) + " ";
        List<SchemaStatement> statements = new ArrayList<>();
        String[] header = null;
        boolean secret = false;
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(marker)) {
                add(statements, header, secret, sql, partName);
                String rest = line.substring(marker.length());
                secret = rest.startsWith(SECRET);
                header = (secret ? rest.substring(SECRET.length()) : rest).split(" ", 3);
                sql.setLength(0);
            } else if (header != null && (i < lines.length - 1 || !line.isEmpty())) {
                sql.append(line).append('\n');
            }
        }
        add(statements, header, secret, sql, partName);
        return statements;
    }

    private static void add(List<SchemaStatement> statements, String[] header, boolean secret, StringBuilder sql,
                            String partName) {
        if (header == null) {
            return;
        }
        // the writer put ";\n" after each statement and "\n" before the next marker
        String text = sql.toString();
        text = text.endsWith("\n\n") ? text.substring(0, text.length() - 1) : text;
        if (header.length != 3 || !text.endsWith(";\n")) {
            throw new IncompatibleException(partName + " has a damaged statement near '" + String.join(" ", header) + "'");
        }
        try {
            statements.add(new SchemaStatement(StatementPhase.valueOf(header[0]), StatementKind.valueOf(header[1]),
                    header[2], text.substring(0, text.length() - 2), List.of(), secret));
        } catch (IllegalArgumentException e) {
            throw new IncompatibleException(partName + " names a statement phase or kind this lifeboat does not know ("
                    + header[0] + " " + header[1] + "); restore it with a newer lifeboat", e);
        }
    }

    private static String markNotIn(List<SchemaStatement> statements) {
        SecureRandom random = new SecureRandom();
        while (true) {
            byte[] bytes = new byte[6];
            random.nextBytes(bytes);
            String mark = HexFormat.of().formatHex(bytes);
            if (statements.stream().noneMatch(statement -> statement.sql().contains(mark))) {
                return mark;
            }
        }
    }

    private static String oneLine(String label) {
        return label.replaceAll("[\\r\\n\\t]", "?");
    }
}
