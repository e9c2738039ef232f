package dev.lifeboat.cli.command;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.EngineCommand;
import dev.lifeboat.domain.spi.EngineOption;
import dev.lifeboat.domain.spi.EngineOptionValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The engine options of a command that passes them on: {@code --engine-option NAME=VALUE} (and {@code -o} where the
 * command has no {@code -o} of its own), and the flags the engines declare as aliases ({@code --jobs}), all of which
 * {@link EngineOptionFlags} adds at start-up. The command line names no engine and no option: which names exist, what
 * they take and which command takes them, the engines say. Each value is checked by the engine that gets it
 * ({@link EngineOptionValues}).
 */
final class EngineOptionArguments {

    /** A command that takes engine options: {@link EngineOptionFlags} gives it its flags at start-up. */
    interface Holder {

        /** The command's engine options, filled in while its command line is parsed. */
        EngineOptionArguments engineOptions();
    }

    private OptionSpec named;
    private final List<Alias> aliases = new ArrayList<>();
    private final Map<String, List<String>> declared = new TreeMap<>();
    private EngineCommand command;

    /** A flag registered at start-up that sets an engine option. */
    record Alias(OptionSpec flag, String optionName) {
    }

    /** Called at start-up: the command these arguments belong to, and every engine's options. */
    void declare(EngineCommand forCommand, List<DatabaseEngine> engines) {
        command = forCommand;
        for (DatabaseEngine engine : engines) {
            for (EngineOption option : engine.options()) {
                declared.computeIfAbsent(option.name(), name -> new ArrayList<>())
                        .addAll(option.commands().stream().map(EngineCommand::id).toList());
            }
        }
    }

    /** Called at start-up with the {@code --engine-option} flag added to the command. */
    void named(OptionSpec flag) {
        named = flag;
    }

    /** Called at start-up for each flag added to the command. */
    void bind(OptionSpec flag, String optionName) {
        aliases.add(new Alias(flag, optionName));
    }

    /**
     * The options the user gave by name and by flag, not yet checked against an engine.
     *
     * @throws InvalidUsageException for {@code NAME=VALUE} without a name, a name no engine declares for this command,
     *         or one option given twice with different values
     */
    Map<String, String> values() {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> givenAs = new LinkedHashMap<>();
        for (Alias alias : aliases) {
            Object value = alias.flag().getValue();
            if (value != null) {
                String text = value instanceof Boolean flag ? flag.toString() : value.toString();
                put(values, givenAs, alias.optionName(), text, alias.flag().longestName() + " " + text);
            }
        }
        List<String> given = named == null || named.getValue() == null ? List.of() : named.getValue();
        for (String pair : given) {
            int equals = pair.indexOf('=');
            String name = (equals < 0 ? pair : pair.substring(0, equals)).trim();
            String value = equals < 0 ? "true" : pair.substring(equals + 1);
            if (name.isEmpty()) {
                throw new InvalidUsageException("--engine-option takes NAME=VALUE, such as jobs=4, not '" + pair + "'");
            }
            requireDeclared(name);
            put(values, givenAs, name, value, "-o " + pair);
        }
        return values;
    }

    /**
     * What a backup passes to its engine: the configuration's options for backup, the general lock timeout where the
     * engine takes one, then the command line's, which win; all checked against the engine.
     *
     * @throws InvalidUsageException when one of them is not the engine's or not of its type
     */
    Map<String, String> forBackup(DatabaseEngine engine, Map<String, String> configured, Optional<Duration> lockTimeout) {
        Map<String, String> options = new TreeMap<>(EngineOptionValues.applicable(engine, EngineCommand.BACKUP,
                configured));
        lockTimeout.filter(timeout -> engine.options().stream().anyMatch(option -> option.takenBy(EngineCommand.BACKUP)
                        && option.name().equals(DatabaseEngine.LOCK_TIMEOUT_OPTION)))
                .ifPresent(timeout -> options.put(DatabaseEngine.LOCK_TIMEOUT_OPTION, timeout.toMillis() + "ms"));
        options.putAll(values());
        return EngineOptionValues.validated(engine, EngineCommand.BACKUP, options);
    }

    private void requireDeclared(String name) {
        List<String> commands = declared.get(name);
        if (commands == null) {
            throw new InvalidUsageException("no engine has an option '" + name + "'"
                    + (declared.isEmpty() ? "" : "; the engines' options: " + String.join(", ", declared.keySet()))
                    + " (see 'lifeboat engines')");
        }
        if (command != null && !commands.contains(command.id())) {
            throw new InvalidUsageException("the engine option " + name + " is for " + String.join(", ",
                    new TreeSet<>(commands)) + ", not " + command.id());
        }
    }

    private static void put(Map<String, String> values, Map<String, String> givenAs, String name, String value,
                            String typed) {
        String earlier = values.get(name);
        if (earlier != null && !earlier.equals(value)) {
            throw new InvalidUsageException("the engine option " + name + " is given twice, as " + givenAs.get(name)
                    + " and as " + typed + ": give it once");
        }
        values.put(name, value);
        givenAs.putIfAbsent(name, typed);
    }
}
