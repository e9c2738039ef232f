package dev.lifeboat.adapter.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import dev.lifeboat.domain.error.InvalidUsageException;
import java.util.Optional;

/** Parses TOML text with Jackson, turning a syntax error into a message with its line. */
final class TomlSyntax {

    /** Dates and times come back as java.time values, not strings, so a date where text belongs can be refused. */
    private static final TomlMapper MAPPER = TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();

    private TomlSyntax() {
    }

    /** @throws InvalidUsageException naming the file and line of the first syntax error */
    static ObjectNode parse(String text, String file) {
        try {
            JsonNode root = MAPPER.readTree(text);
            return root instanceof ObjectNode table ? table : JsonNodeFactory.instance.objectNode();
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            int line = location == null ? -1 : location.getLineNr();
            int column = location == null ? -1 : location.getColumnNr();
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (message.equals("Duplicate key") || message.equals("Table redefined")) {
                Optional<KeyLines.Duplicate> duplicate = KeyLineScanner.scan(text).firstDuplicate()
                        .filter(found -> line < 1 || found.line() <= line);
                if (duplicate.isPresent()) {
                    throw new InvalidUsageException(file + ":" + duplicate.get().line() + ": " + duplicate.get().key()
                            + ": is already written on line " + duplicate.get().firstLine() + ": each key and table, "
                            + "like each database, may be written only once", e);
                }
            }
            String where = line > 0 ? file + ":" + line : file;
            throw new InvalidUsageException(where + ": " + explain(message, column), e);
        }
    }

    private static String explain(String parserMessage, int column) {
        return switch (parserMessage) {
            case "Duplicate key" -> "a key is written twice in one table, on this line or above: each key, like "
                    + "each database, may be written only once";
            case "Table redefined" -> "this table is already written above: each table, like each database, may be "
                    + "written only once";
            case "Unknown token" -> "TOML syntax error" + at(column) + ": unknown token (text, such as a path, "
                    + "goes in quotes)";
            default -> "TOML syntax error" + at(column) + ": " + parserMessage;
        };
    }

    private static String at(int column) {
        return column > 0 ? " at column " + column : "";
    }
}
