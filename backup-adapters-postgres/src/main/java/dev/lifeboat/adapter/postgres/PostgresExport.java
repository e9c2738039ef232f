package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import dev.lifeboat.adapter.postgres.catalog.StatementKind;
import dev.lifeboat.adapter.postgres.catalog.StatementPhase;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.spi.PartSource;
import dev.lifeboat.domain.spi.SqlExport;
import dev.lifeboat.domain.spi.SqlExportContent;
import dev.lifeboat.domain.spi.SqlExportJob;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A PostgreSQL backup as one plain SQL script, in the shape of {@code pg_dump}'s plain output, for
 * {@code psql -v ON_ERROR_STOP=1 --single-transaction -f FILE}. No server is needed: the archive already holds plain
 * SQL and text COPY data (docs/archive-format.md), so the script is assembled from its parts as they stream by:
 * <ol>
 *   <li>pg_dump's session settings, {@code search_path} emptied (every name in the statements is qualified), and
 *   the settings the COPY data was written under (DateStyle ISO, IntervalStyle postgres, UTC,
 *   extra_float_digits 3);</li>
 *   <li>{@code schema/pre-data.sql}: schemas, types, functions, tables, views and the rest;</li>
 *   <li>each table's rows: {@code COPY table (columns) FROM stdin;}, the data part's lines exactly as the server
 *   wrote them (text COPY escaping, so no row can end the block early), and {@code \.};</li>
 *   <li>the large objects, without the archive part's own {@code BEGIN}/{@code COMMIT} (the load is one
 *   transaction);</li>
 *   <li>{@code schema/post-data.sql} in its phases: sequence values, indexes and keys, foreign keys, triggers, rules
 *   and policies, materialized views refreshed, event triggers, then the database's own settings, which name the
 *   database {@code :"DBNAME"} for psql to fill in.</li>
 * </ol>
 * {@code --no-owner} and {@code --no-privileges} leave out the statements marked as owners or privileges, as a
 * restore does. Statements that may hold a secret (the database's and its roles' settings, a user mapping's
 * options, a subscription's connection string) are left out with a warning, and so is everything else about an
 * object such a statement creates: a script on stdout or in a file is not where a password belongs. No psql
 * {@code \restrict} line is written (psql before 17.6 stops at it).
 */
final class PostgresExport implements SqlExport {

    private static final String HEADER = """
            --
            -- PostgreSQL database written by lifeboat export
            -- load it into an empty database: psql -v ON_ERROR_STOP=1 --single-transaction -f FILE
            --

            SET statement_timeout = 0;
            SET lock_timeout = 0;
            SET idle_in_transaction_session_timeout = 0;
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SELECT pg_catalog.set_config('search_path', '', false);
            SET check_function_bodies = false;
            SET xmloption = content;
            SET client_min_messages = warning;
            SET row_security = off;
            SET DateStyle = ISO;
            SET IntervalStyle = postgres;
            SET TimeZone = 'UTC';
            SET extra_float_digits = 3;
            """;

    @Override
    public List<String> export(SqlExportJob job) {
        try {
            return new Writer(job).write();
        } catch (IOException e) {
            throw PostgresFailures.of(e, "exporting the backup");
        }
    }

    /** One export. */
    private static final class Writer {

        private final SqlExportJob job;
        private final PartSource parts;
        private final OutputStream out;
        private int secretsLeftOut;
        private final Set<String> objectsLeftOut = new TreeSet<>();

        Writer(SqlExportJob job) {
            this.job = job;
            this.parts = job.parts();
            this.out = new BufferedOutputStream(job.out(), 1 << 16);
        }

        List<String> write() throws IOException {
            List<DataScript.Entry> data;
            try (InputStream in = parts.open(DataScript.PART_NAME)) {
                data = DataScript.read(in);
            }
            List<DataScript.Entry> selected = selected(data);
            boolean tablesOnly = !job.tables().isEmpty();
            if (tablesOnly && job.content() == SqlExportContent.SCHEMA_ONLY) {
                throw new InvalidUsageException("--table exports the named tables' rows of a PostgreSQL backup; "
                        + "it cannot be combined with --schema-only");
            }
            List<SchemaStatement> preData = read(ArchiveLayout.PRE_DATA);
            List<SchemaStatement> postData = read(ArchiveLayout.POST_DATA);
            // an object created by a secret statement is left out whole: its comment, owner and settings too
            for (List<SchemaStatement> statements : List.of(preData, postData)) {
                statements.stream().filter(statement -> statement.secret() && statement.sql().startsWith("CREATE "))
                        .forEach(statement -> objectsLeftOut.add(statement.label()));
            }
            text(HEADER);
            if (job.content().schema() && !tablesOnly) {
                statements(preData, StatementPhase.PRE_DATA);
            }
            if (job.content().data()) {
                for (DataScript.Entry entry : selected) {
                    rows(entry);
                }
                if (!tablesOnly) {
                    largeObjects();
                }
            }
            if (!tablesOnly) {
                for (StatementPhase phase : StatementPhase.values()) {
                    if (phase != StatementPhase.PRE_DATA && wanted(phase)) {
                        statements(postData, phase);
                    }
                }
            }
            text("\n--\n-- end of the database written by lifeboat export\n--\n");
            out.flush();
            List<String> warnings = new ArrayList<>();
            if (secretsLeftOut > 0) {
                warnings.add("left out " + secretsLeftOut + " statement" + (secretsLeftOut == 1 ? "" : "s")
                        + " that may hold a secret (the database's and its roles' settings, user mappings, "
                        + "subscriptions" + (objectsLeftOut.isEmpty() ? "" : ": " + String.join(", ", objectsLeftOut))
                        + "): 'lifeboat restore' brings them back, or make them by hand");
            }
            return warnings;
        }

        /** Sequence values and materialized views' contents are data, as pg_dump counts them; the rest is schema. */
        private boolean wanted(StatementPhase phase) {
            boolean data = phase == StatementPhase.SEQUENCE_VALUES || phase == StatementPhase.REFRESH;
            return data ? job.content().data() : job.content().schema();
        }

        private List<SchemaStatement> read(String partName) throws IOException {
            try (InputStream in = parts.open(partName)) {
                return SchemaFile.read(in, partName);
            }
        }

        private void statements(List<SchemaStatement> statements, StatementPhase phase) throws IOException {
            for (SchemaStatement statement : statements) {
                if (statement.phase() != phase
                        || EngineOptions.NO_OWNER.flag(job.options()) && statement.kind() == StatementKind.OWNER
                        || EngineOptions.NO_PRIVILEGES.flag(job.options())
                        && statement.kind() == StatementKind.PRIVILEGE) {
                    continue;
                }
                if (statement.secret() || objectsLeftOut.contains(statement.label())) {
                    secretsLeftOut++;
                    continue;
                }
                text("\n-- " + statement.label().replaceAll("[\\r\\n]", " ") + "\n");
                text(statement.sql() + ";\n");
            }
        }

        private void rows(DataScript.Entry entry) throws IOException {
            text("\n-- rows of " + entry.table().display().replaceAll("[\\r\\n]", " ") + "\n");
            text("COPY " + entry.copyTarget() + " FROM stdin;\n");
            int last = '\n';
            try (InputStream in = parts.open(entry.partName())) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (n > 0) {
                        out.write(buffer, 0, n);
                        last = buffer[n - 1];
                    }
                }
            }
            if (last != '\n') {
                throw new IncompatibleException(entry.partName() + " does not end with a whole row");
            }
            text("\\.\n");
        }

        /** The archive's large-object lines, one statement a line, without its transactions. */
        private void largeObjects() throws IOException {
            if (parts.parts().stream().noneMatch(part -> part.name().equals(ArchiveLayout.LARGE_OBJECTS))) {
                return;
            }
            text("\n-- large objects\n");
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    parts.open(ArchiveLayout.LARGE_OBJECTS), StandardCharsets.UTF_8), 1 << 16)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Optional<LargeObjectScript.Line> parsed = LargeObjectScript.parse(line);
                    if (parsed.isEmpty()) {
                        continue;
                    }
                    boolean left = switch (parsed.get().kind()) {
                        case SETTING, BEGIN, COMMIT -> true;
                        case OWNER -> EngineOptions.NO_OWNER.flag(job.options());
                        case PRIVILEGE -> EngineOptions.NO_PRIVILEGES.flag(job.options());
                        case CREATE, CONTENTS, COMMENT -> false;
                    };
                    if (!left) {
                        text(line + "\n");
                    }
                }
            }
        }

        /**
         * The data parts of the tables the user named ({@code schema.table}, or a table of {@code public}); all
         * when none were named.
         *
         * @throws InvalidUsageException naming every table the backup has no rows of
         */
        private List<DataScript.Entry> selected(List<DataScript.Entry> entries) {
            if (job.tables().isEmpty()) {
                return entries;
            }
            Map<String, DataScript.Entry> byName = new LinkedHashMap<>();
            entries.forEach(entry -> byName.put(entry.table().display(), entry));
            List<DataScript.Entry> selected = new ArrayList<>();
            Set<String> unknown = new TreeSet<>();
            for (String table : new TreeSet<>(job.tables())) {
                String name = table.contains(".") ? table : "public." + table;
                DataScript.Entry entry = byName.get(name);
                if (entry == null) {
                    unknown.add(table);
                } else {
                    selected.add(entry);
                }
            }
            if (!unknown.isEmpty()) {
                throw new InvalidUsageException("no table " + String.join(", ", unknown) + " in the backup; it has: "
                        + (byName.isEmpty() ? "no tables" : String.join(", ", new TreeSet<>(byName.keySet()))));
            }
            return selected;
        }

        private void text(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
