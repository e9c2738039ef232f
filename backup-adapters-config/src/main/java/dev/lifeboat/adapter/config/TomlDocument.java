package dev.lifeboat.adapter.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeboat.domain.config.Origin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A parsed TOML file: Jackson's tree of values, joined with the line of every key. */
final class TomlDocument {

    private final String file;
    private final ObjectNode root;
    private final KeyLines lines;

    TomlDocument(String file, ObjectNode root, KeyLines lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    /** The keys at the top of the file, in the order they are written. */
    List<TomlEntry> entries() {
        return entries(KeyPath.ROOT, 1, root);
    }

    /** The keys of a table, in the order they are written. */
    List<TomlEntry> entries(TomlEntry table) {
        if (!table.value().isObject()) {
            throw new IllegalArgumentException(table.key() + " is not a table");
        }
        return entries(table.key(), table.origin().line(), (ObjectNode) table.value());
    }

    private List<TomlEntry> entries(KeyPath table, int tableLine, ObjectNode node) {
        List<TomlEntry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            KeyPath key = table.child(field.getKey());
            // the table's own line stands in should the scanner ever miss a key: a message a line off beats none
            int line = lines.lineOf(key).orElse(tableLine);
            entries.add(new TomlEntry(key, new Origin(file, line, key.toString()), field.getValue()));
        }
        entries.sort(Comparator.comparingInt(entry -> entry.origin().line()));
        return entries;
    }
}
