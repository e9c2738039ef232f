package dev.lifeboat.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

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

        assertThat(JsonWriter.write(document)).isEqualTo("""
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
}
