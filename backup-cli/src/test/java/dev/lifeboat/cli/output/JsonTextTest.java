package dev.lifeboat.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void writes_nested_documents_in_order_with_escapes() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "quote \" backslash \\ newline \n tab \t bell \u0007");
        document.put("count", 3);
        document.put("ratio", 2.5);
        document.put("ok", true);
        document.put("none", Optional.empty());
        document.put("at", Instant.parse("2026-11-24T10:58:24Z"));
        document.put("list", List.of(1, "two"));
        document.put("empty", Map.of());

        assertThat(JsonText.of(document)).isEqualTo("""
                {
                  "name": "quote \\" backslash \\\\ newline \\n tab \\t bell \\u0007",
                  "count": 3,
                  "ratio": 2.5,
                  "ok": true,
                  "none": null,
                  "at": "2026-11-24T10:58:24Z",
                  "list": [
                    1,
                    "two"
                  ],
                  "empty": {}
                }
                """);
    }

    @Test
    void writes_what_json_has_no_form_for_as_the_writer_before_it_did() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("nan", Double.NaN);
        document.put("infinite", Double.POSITIVE_INFINITY);
        document.put("escape", "\u001b[0m \u2028 \u2029 \u00e9");
        document.put("present", Optional.of(List.of(Map.of("size", 1024L))));
        document.put("none", List.of());
        document.put("large", 1.0e21);

        assertThat(JsonText.of(document)).isEqualTo("""
                {
                  "nan": null,
                  "infinite": null,
                  "escape": "\\u001b[0m \\u2028 \\u2029 \u00e9",
                  "present": [
                    {
                      "size": 1024
                    }
                  ],
                  "none": [],
                  "large": 1.0E21
                }
                """);
    }

    @Test
    void a_value_alone_is_a_document_too() {
        assertThat(JsonText.of(List.of())).isEqualTo("[]\n");
        assertThat(JsonText.of("text")).isEqualTo("\"text\"\n");
    }
}
