package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import dev.lifeboat.domain.error.IncompatibleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The archive's {@code data.psql}: one psql {@code \copy} line per data part, so that after unpacking an archive
 * {@code psql -v ON_ERROR_STOP=1 -f data.psql} loads every table by hand. lifeboat reads the same lines to know
 * which table each part fills.
 */
final class DataScript {

    static final String PART_NAME = "data.psql";
    private static final String HEADER = """
            -- lifeboat data script: run in the directory the archive was unpacked in, after pre-data.sql
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SET DateStyle = ISO;
            SET IntervalStyle = postgres;
            SET TimeZone = 'UTC';
            SET extra_float_digits = 3;
            """;
    private static final String COPY = "\\copy ";
    private static final String FROM = " from '";

    /**
     * One table's rows.
     *
     * @param copyTarget the table and its columns, quoted: {@code "s"."t" ("a", "b")}
     * @param partName   the archive part holding its rows, uncompressed
     */
    record Entry(String copyTarget, String partName) {

        Entry {
            Objects.requireNonNull(copyTarget, "copyTarget");
            Objects.requireNonNull(partName, "partName");
        }

        /** The table of the COPY target: the schema-qualified name before its columns, as the backup quotes it. */
        QualifiedName table() {
            return new SqlNameReader(copyTarget).qualifiedName().orElseThrow(() -> new IncompatibleException(
                    PART_NAME + " names a table lifeboat cannot read: " + copyTarget));
        }
    }

    private DataScript() {
    }

    static void write(List<Entry> entries, OutputStream out) throws IOException {
        StringBuilder script = new StringBuilder(HEADER);
        for (Entry entry : entries) {
            script.append(COPY).append(entry.copyTarget()).append(FROM).append(entry.partName()).append("'\n");
        }
        out.write(script.toString().getBytes(StandardCharsets.UTF_8));
    }

    static List<Entry> read(InputStream in) throws IOException {
        String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith(COPY)) {
                continue;
            }
            int from = line.lastIndexOf(FROM);
            if (from < 0 || !line.endsWith("'")) {
                throw new IncompatibleException(PART_NAME + " has a damaged line: " + line);
            }
            entries.add(new Entry(line.substring(COPY.length(), from), line.substring(from + FROM.length(),
                    line.length() - 1)));
        }
        return entries;
    }
}
