package dev.lifeboat.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The .env syntax docker compose and python-dotenv read, with a line number for each value. */
class DotEnvFileTest {

    @Test
    void comments_blank_lines_export_and_spaces_around_the_equals_sign() {
        Map<String, DotEnvFile.Entry> entries = DotEnvFile.parse("""
                # the database

                export DB_HOST=db.internal
                  DB_PORT = 5433
                DB_NAME=shop # the shop's
                DB_USER=app#1
                """, ".env");

        assertThat(entries).containsEntry("DB_HOST", new DotEnvFile.Entry("db.internal", ".env:3"))
                .containsEntry("DB_PORT", new DotEnvFile.Entry("5433", ".env:4"))
                .containsEntry("DB_NAME", new DotEnvFile.Entry("shop", ".env:5"))
                .containsEntry("DB_USER", new DotEnvFile.Entry("app#1", ".env:6"));
    }

    @Test
    void quotes_keep_what_is_inside_them() {
        Map<String, DotEnvFile.Entry> entries = DotEnvFile.parse("""
                SINGLE='a "b" #c \\n'  # a comment
                DOUBLE="tab\\there \\"quoted\\" \\\\ \\$HOME # not a comment"
                EMPTY=
                EMPTY_QUOTED=""
                UNEXPANDED=$HOME/x
                """, ".env");

        assertThat(entries.get("SINGLE").value()).isEqualTo("a \"b\" #c \\n");
        assertThat(entries.get("DOUBLE").value()).isEqualTo("tab\there \"quoted\" \\ $HOME # not a comment");
        assertThat(entries.get("EMPTY").value()).isEmpty();
        assertThat(entries.get("EMPTY_QUOTED").value()).isEmpty();
        assertThat(entries.get("UNEXPANDED").value()).isEqualTo("$HOME/x");
    }

    @Test
    void a_quoted_value_may_span_lines_and_the_next_key_keeps_its_own_line_number() {
        Map<String, DotEnvFile.Entry> entries = DotEnvFile.parse("""
                KEY="-----BEGIN KEY-----
                abc
                -----END KEY-----"
                AFTER=1
                """, ".env.local");

        assertThat(entries.get("KEY")).isEqualTo(new DotEnvFile.Entry("-----BEGIN KEY-----\nabc\n-----END KEY-----",
                ".env.local:1"));
        assertThat(entries.get("AFTER").origin()).isEqualTo(".env.local:4");
    }

    @Test
    void a_later_definition_wins_and_a_byte_order_mark_is_not_part_of_the_first_key() {
        Map<String, DotEnvFile.Entry> entries = DotEnvFile.parse("\uFEFFDB_NAME=a\nDB_NAME=b\n", ".env");

        assertThat(entries).containsOnlyKeys("DB_NAME");
        assertThat(entries.get("DB_NAME")).isEqualTo(new DotEnvFile.Entry("b", ".env:2"));
    }

    @Test
    void a_line_that_is_no_assignment_is_an_error_naming_the_line_but_never_its_text() {
        assertThatThrownBy(() -> DotEnvFile.parse("DB_HOST=x\nhunter2-secret\n", ".env"))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage(".env:2: not a KEY=VALUE line (a comment starts with #)");
        assertThatThrownBy(() -> DotEnvFile.parse("1BAD=x\n", ".env")).hasMessageStartingWith(".env:1: not a KEY");
    }

    @Test
    void an_unclosed_quote_or_text_after_a_closing_quote_is_an_error_without_the_value() {
        assertThatThrownBy(() -> DotEnvFile.parse("DB_PASSWORD=\"s3cret\nDB_HOST=x\n", ".env"))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage(".env:1: the quoted value of DB_PASSWORD is never closed");
        assertThatThrownBy(() -> DotEnvFile.parse("DB_PASSWORD='s3cret'tail\n", ".env"))
                .hasMessage(".env:1: after the quoted value of DB_PASSWORD only a comment may follow")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
}
