package org.example.lifeboat.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.UnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records of RFC 4180's own examples (section 2), read as the RFC says they read. */
class CsvRecordsTest {

    @Test
    void reads_plain_quoted_and_multi_line_fields_with_either_line_end() throws IOException {
        assertThat(records("aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n"))
                .containsExactly(List.of("aaa", "bbb", "ccc"), List.of("zzz", "yyy", "xxx"));
        assertThat(records("aaa,bbb,ccc\nzzz,yyy,xxx"))
                .containsExactly(List.of("aaa", "bbb", "ccc"), List.of("zzz", "yyy", "xxx"));
        assertThat(records("\"aaa\",\"b\r\nbb\",\"ccc\"\r\nzzz,yyy,xxx"))
                .containsExactly(List.of("aaa", "b\r\nbb", "ccc"), List.of("zzz", "yyy", "xxx"));
        assertThat(records("\"aaa\",\"b\"\"bb\",\"ccc\"")).containsExactly(List.of("aaa", "b\"bb", "ccc"));
    }

    @Test
    void empty_fields_count_and_empty_lines_are_no_records() throws IOException {
        assertThat(records("a,,\n\n,b,\"\"\n")).containsExactly(List.of("a", "", ""), List.of("", "b", ""));
    }

    @Test
    void an_unclosed_quote_is_not_csv() {
        assertThatThrownBy(() -> records("id,name\n1,\"open")).isInstanceOf(UnavailableException.class)
                .hasMessage("t.csv is not valid CSV: the quoted field opened on line 2 is never closed");
    }

    @Test
    void text_after_a_closing_quote_is_not_csv() {
        assertThatThrownBy(() -> records("\"a\"b,c")).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("line 1: text after a closing quote");
    }

    private static List<List<String>> records(String text) throws IOException {
        CsvRecords records = new CsvRecords(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
        List<List<String>> all = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        while (records.next(fields)) {
            all.add(List.copyOf(fields));
        }
        return all;
    }
}
