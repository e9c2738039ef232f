package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.IncompatibleException;
import org.junit.jupiter.api.Test;

class LargeObjectScriptTest {

    @Test
    void line_breaks_in_quoted_text_become_escapes_that_mean_the_same() {
        assertThat(LargeObjectScript.oneLine("COMMENT ON LARGE OBJECT 7 IS 'it''s\nthe\r\nend'"))
                .isEqualTo("COMMENT ON LARGE OBJECT 7 IS E'it''s\\nthe\\r\\nend'");
        assertThat(LargeObjectScript.oneLine("COMMENT ON LARGE OBJECT 7 IS E'a\\\\b\nc'"))
                .isEqualTo("COMMENT ON LARGE OBJECT 7 IS E'a\\\\b\\nc'");
        assertThat(LargeObjectScript.oneLine("ALTER LARGE OBJECT 7 OWNER TO \"a\\\"\"\nb\""))
                .isEqualTo("ALTER LARGE OBJECT 7 OWNER TO U&\"a\\\\\"\"\\000Ab\"");
        assertThat(LargeObjectScript.oneLine("GRANT SELECT ON LARGE OBJECT 7 TO \"plain\""))
                .isEqualTo("GRANT SELECT ON LARGE OBJECT 7 TO \"plain\"");
    }

    @Test
    void lines_of_other_shapes_are_refused_before_they_run() {
        assertThat(LargeObjectScript.parse("-- a comment")).isEmpty();
        assertThat(LargeObjectScript.parse("SELECT pg_catalog.lo_create('16400');")).get()
                .extracting(LargeObjectScript.Line::createdOid).isEqualTo(16400L);
        assertThat(LargeObjectScript.parse("SELECT pg_catalog.lo_put('16400', 65536, '\\x00ff');").orElseThrow()
                .contents()).satisfies(contents -> {
                    assertThat(contents.oid()).isEqualTo(16400L);
                    assertThat(contents.offset()).isEqualTo(65536L);
                    assertThat(contents.bytes()).containsExactly(0x00, 0xff);
                });
        String longest = "SELECT pg_catalog.lo_put('1', 0, '\\x" + "5a".repeat(LargeObjectScript.LINE_BYTES) + "');";
        assertThat(LargeObjectScript.parse(longest).orElseThrow().contents().bytes())
                .hasSize(LargeObjectScript.LINE_BYTES);
        assertThatThrownBy(() -> LargeObjectScript.parse("DROP DATABASE shop;"))
                .isInstanceOf(IncompatibleException.class).hasMessageContaining("DROP DATABASE shop;");
        assertThatThrownBy(() -> LargeObjectScript.parse("SELECT pg_catalog.lo_put('16400', 0, '\\x0');").orElseThrow()
                .contents()).isInstanceOf(IncompatibleException.class);
    }
}
