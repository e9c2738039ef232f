package dev.lifeboat.adapter.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The scanner finds the line of every key Jackson reads, however the TOML around it is written. */
class KeyLineScannerTest {

    @Test
    void findsKeysPastStringsArraysAndCommentsThatLookLikeKeys() {
        String toml = """
                # [databases.commented] = "no"
                title = \"""
                [databases.inside_a_string]
                location = "no"
                \"""
                quote = \"""ends with two quotes\"""\"\"
                raw = '''
                [databases.raw]'''
                list = [ "]", '[',
                  # a comment ] inside
                  { name = "x" },
                  1979-05-27 07:32:00Z ]
                when = 1979-05-27 07:32:00Z # a date-time with a space
                "quoted.key" = 1
                'literal key' = 2
                "esc\\u0061ped\\t" = 3
                dotted . key = { inner = { deep = true }, other = 1 }

                [databases.shop]
                location = "sqlite:/srv/shop.db"

                [ databases . "shop.v2" ]
                location = 'sqlite:/srv/v2.db'
                [[history]]
                at = 1
                [[history]]
                at = 2
                """;

        KeyLines lines = KeyLineScanner.scan(toml);

        assertThat(linesOf(lines, "title", "quote", "raw", "list", "when", "quoted.key", "literal key",
                "escaped\t")).containsExactly(2, 6, 7, 9, 13, 14, 15, 16);
        assertThat(lines.lineOf(KeyPath.of("dotted", "key", "inner", "deep"))).hasValue(17);
        assertThat(lines.lineOf(KeyPath.of("dotted", "key", "other"))).hasValue(17);
        assertThat(lines.lineOf(KeyPath.of("databases"))).hasValue(19);
        assertThat(lines.lineOf(KeyPath.of("databases", "shop"))).hasValue(19);
        assertThat(lines.lineOf(KeyPath.of("databases", "shop", "location"))).hasValue(20);
        assertThat(lines.lineOf(KeyPath.of("databases", "shop.v2"))).hasValue(22);
        assertThat(lines.lineOf(KeyPath.of("databases", "shop.v2", "location"))).hasValue(23);
        assertThat(lines.lineOf(KeyPath.of("history"))).hasValue(24);
        assertThat(lines.lineOf(KeyPath.of("databases", "inside_a_string"))).isEmpty();
        assertThat(lines.lineOf(KeyPath.of("databases", "raw"))).isEmpty();
        assertThat(lines.lineOf(KeyPath.of("databases", "commented"))).isEmpty();
        assertThat(lines.firstDuplicate()).isEmpty();
        assertEveryKeyJacksonReadsHasALine(toml, lines);
    }

    @Test
    void aTablesOwnHeaderIsItsLineEvenAfterASubTable() {
        KeyLines lines = KeyLineScanner.scan("""
                [databases.shop.options]
                jobs = "4"

                [databases.shop]
                location = "sqlite:/srv/shop.db"
                """);

        assertThat(lines.lineOf(KeyPath.of("databases"))).hasValue(1);
        assertThat(lines.lineOf(KeyPath.of("databases", "shop"))).hasValue(4);
        assertThat(lines.lineOf(KeyPath.of("databases", "shop", "options"))).hasValue(1);
    }

    @Test
    void countsWindowsLineEndingsOnce() {
        KeyLines lines = KeyLineScanner.scan("a = 1\r\nb = \"\"\"x\r\ny\"\"\"\r\nc = 3\r\n");

        assertThat(linesOf(lines, "a", "b", "c")).containsExactly(1, 2, 4);
    }

    @Test
    void findsTheFirstKeyWrittenTwice() {
        assertThat(KeyLineScanner.scan("[t]\na = 1\n\n[u]\na = 1\n[t]\n").firstDuplicate())
                .contains(new KeyLines.Duplicate(KeyPath.of("t"), 1, 6));
        assertThat(KeyLineScanner.scan("x = { a = 1, b.c = 2 }\nx.b.c = 3\n").firstDuplicate())
                .contains(new KeyLines.Duplicate(KeyPath.of("x", "b", "c"), 1, 2));
        assertThat(KeyLineScanner.scan("[fruit]\napple.color = \"red\"\n[fruit.apple]\n").firstDuplicate())
                .contains(new KeyLines.Duplicate(KeyPath.of("fruit", "apple"), 2, 3));
    }

    @Test
    void tablesRepeatedInAnArrayOfTablesAreNotDuplicates() {
        String toml = "[[x]]\n[x.y]\na = 1\n[[x]]\n[x.y]\na = 2\n";
        TomlSyntax.parse(toml, "test.toml");

        assertThat(KeyLineScanner.scan(toml).firstDuplicate()).isEmpty();
    }

    private static Integer[] linesOf(KeyLines lines, String... keys) {
        Integer[] found = new Integer[keys.length];
        for (int i = 0; i < keys.length; i++) {
            found[i] = lines.lineOf(KeyPath.of(keys[i])).orElse(-1);
        }
        return found;
    }

    private static void assertEveryKeyJacksonReadsHasALine(String toml, KeyLines lines) {
        Map<KeyPath, Integer> missing = new HashMap<>();
        collectMissing(KeyPath.ROOT, TomlSyntax.parse(toml, "test.toml"), lines, missing);
        assertThat(missing).isEmpty();
    }

    private static void collectMissing(KeyPath table, ObjectNode node, KeyLines lines, Map<KeyPath, Integer> missing) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            KeyPath key = table.child(field.getKey());
            if (lines.lineOf(key).isEmpty()) {
                missing.put(key, -1);
            }
            if (field.getValue() instanceof ObjectNode child) {
                collectMissing(key, child, lines, missing);
            }
        }
    }
}
