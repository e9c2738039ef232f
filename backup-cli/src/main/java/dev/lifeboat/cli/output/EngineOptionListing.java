package dev.lifeboat.cli.output;

import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.EngineCommand;
import dev.lifeboat.domain.spi.EngineOption;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An engine's options as {@code lifeboat engines} shows them, in text and in JSON. */
public final class EngineOptionListing {

    private EngineOptionListing() {
    }

    /** One JSON object per option: name, type, accepts, default, commands, aliases, help. */
    public static List<Map<String, Object>> documents(DatabaseEngine engine) {
        return engine.options().stream().map(option -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", option.name());
            entry.put("type", option.type().kind());
            entry.put("accepts", option.type().accepts());
            option.defaultValue().ifPresent(value -> entry.put("default", value));
            entry.put("commands", commands(option));
            entry.put("aliases", option.aliases());
            entry.put("help", option.help());
            return entry;
        }).toList();
    }

    /** The options under the engine's line, indented: name, type and default, commands, flags, then the help. */
    public static void describe(DatabaseEngine engine, PrintWriter out, String indent) {
        if (engine.options().isEmpty()) {
            out.printf("%soptions: none%n", indent);
            return;
        }
        out.printf("%soptions (-o NAME=VALUE):%n", indent);
        for (EngineOption option : engine.options()) {
            out.printf("%s  %-18s %s%s; for %s%s%n", indent, option.name(), option.type().kind(),
                    option.defaultValue().map(value -> ", default " + value).orElse(""),
                    String.join(", ", commands(option)),
                    option.aliases().isEmpty() ? "" : "; " + String.join(", ", option.aliases()));
            out.printf("%s  %-18s %s%n", indent, "", option.help());
        }
    }

    private static List<String> commands(EngineOption option) {
        return option.commands().stream().sorted().map(EngineCommand::id).toList();
    }
}
