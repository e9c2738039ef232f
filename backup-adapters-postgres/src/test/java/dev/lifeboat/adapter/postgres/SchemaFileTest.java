package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import dev.lifeboat.adapter.postgres.catalog.StatementKind;
import dev.lifeboat.adapter.postgres.catalog.StatementPhase;
import dev.lifeboat.domain.error.IncompatibleException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaFileTest {

    @Test
    void statements_come_back_exactly_even_with_semicolons_markers_and_carriage_returns_inside() throws Exception {
        List<SchemaStatement> statements = List.of(
                new SchemaStatement(StatementPhase.PRE_DATA, StatementKind.DEFINITION, "SCHEMA app",
                        "CREATE SCHEMA \"app\""),
                new SchemaStatement(StatementPhase.PRE_DATA, StatementKind.DEFINITION, "FUNCTION app.f()",
                        "CREATE FUNCTION app.f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\r\n  -- lifeboat: not a marker;\n"
                                + "  RETURN 1;\n\nEND;\n$$\n"),
                new SchemaStatement(StatementPhase.INDEXES, StatementKind.COMMENT, "COMMENT on\nodd label",
                        "COMMENT ON SCHEMA \"app\" IS 'x;\n\n'"),
                new SchemaStatement(StatementPhase.REFRESH, StatementKind.DEFINITION, "MATERIALIZED VIEW app.v",
                        "REFRESH MATERIALIZED VIEW \"app\".\"v\""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SchemaFile.write(statements, out);
        List<SchemaStatement> read = SchemaFile.read(new ByteArrayInputStream(out.toByteArray()), "pre-data.sql");

        assertThat(read).extracting(SchemaStatement::sql).containsExactlyElementsOf(
                statements.stream().map(SchemaStatement::sql).toList());
        assertThat(read).extracting(SchemaStatement::phase).containsExactly(StatementPhase.PRE_DATA,
                StatementPhase.PRE_DATA, StatementPhase.INDEXES, StatementPhase.REFRESH);
        assertThat(read.get(2).label()).isEqualTo("COMMENT on?odd label");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("SET check_function_bodies = false;");
    }

    @Test
    void a_statement_holding_a_secret_comes_back_secret_and_its_text_never_prints() throws Exception {
        SchemaStatement secret = new SchemaStatement(StatementPhase.PRE_DATA, StatementKind.DEFINITION,
                "USER MAPPING FOR app SERVER remote", "CREATE USER MAPPING FOR \"app\" SERVER \"remote\" OPTIONS "
                + "(password 'Secret-Text')", List.of("app"), true);
        SchemaStatement plain = new SchemaStatement(StatementPhase.PRE_DATA, StatementKind.COMMENT, "SERVER remote",
                "COMMENT ON SERVER \"remote\" IS 'Secret-Text is not here'");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SchemaFile.write(List.of(secret, plain), out);
        List<SchemaStatement> read = SchemaFile.read(new ByteArrayInputStream(out.toByteArray()), "pre-data.sql");

        assertThat(read).extracting(SchemaStatement::secret).containsExactly(true, false);
        assertThat(read.get(0).sql()).isEqualTo(secret.sql());
        assertThat(read.get(0).label()).isEqualTo(secret.label());
        assertThat(read.get(0).toString()).doesNotContain("Secret-Text");
        assertThat(read.get(0).withSql("x").secret()).isTrue();
        // a lifeboat that does not know the flag reads it as an unknown phase, and refuses the archive
        String older = out.toString(StandardCharsets.UTF_8).replace("SECRET PRE_DATA", "SECRETIVE PRE_DATA");
        assertThatThrownBy(() -> SchemaFile.read(new ByteArrayInputStream(older.getBytes(StandardCharsets.UTF_8)),
                "pre-data.sql")).isInstanceOf(IncompatibleException.class).hasMessageContaining("newer lifeboat");
    }

    @Test
    void an_empty_script_reads_back_empty_and_a_foreign_file_is_refused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SchemaFile.write(List.of(), out);

        assertThat(SchemaFile.read(new ByteArrayInputStream(out.toByteArray()), "post-data.sql")).isEmpty();
        assertThatThrownBy(() -> SchemaFile.read(new ByteArrayInputStream("CREATE TABLE t ();".getBytes()), "x.sql"))
                .isInstanceOf(IncompatibleException.class);
    }
}
