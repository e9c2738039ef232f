package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks engine option values against an engine's {@link DatabaseEngine#options() declarations} before the engine
 * sees them: every mistake is an {@link InvalidUsageException} (exit 2) naming the option, the engine and what it
 * accepts.
 */
public final class EngineOptionValues {

    private EngineOptionValues() {
    }

    /**
     * The values the user gave for a command, normalized ({@code jobs=03} becomes {@code jobs=3}).
     *
     * @param engine  the engine that runs the command: its declarations are the check, its name is in the messages
     * @param command the command being run; every value must be for an option it takes
     * @param values  the values by option name (a flag's alias already turned into its option's name)
     * @return the checked values, normalized, sorted by name and unmodifiable: what the job carries to the engine
     *         (and a backup's manifest records); defaults are not added
     * @throws InvalidUsageException for an option the engine does not declare, one the command does not take, or a
     *         value of the wrong type
     */
    public static SortedMap<String, String> validated(DatabaseEngine engine, EngineCommand command,
                                                      Map<String, String> values) {
        SortedMap<String, String> checked = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            EngineOption option = declared(engine, entry.getKey());
            if (!option.takenBy(command)) {
                throw new InvalidUsageException("the " + engine.displayName() + " engine's option " + option.name()
                        + " is for " + commands(option) + ", not " + command.id());
            }
            checked.put(option.name(), option.normalize(entry.getValue(), "the " + engine.displayName()
                    + " engine's option"));
        }
        return Collections.unmodifiableSortedMap(checked);
    }

    /**
     * The values of a configuration that apply to a command: those the engine declares for other commands are left
     * out (a database's section may hold its restore options beside its backup options); the rest is checked as
     * {@link #validated} does.
     *
     * @param engine  the engine of the configured database
     * @param command the command being run
     * @param values  the database's options from the configuration file, for every command, by option name
     * @return those the command takes, checked and normalized, sorted by name and unmodifiable
     * @throws InvalidUsageException for an option the engine does not declare at all, or a value of the wrong type
     */
    public static SortedMap<String, String> applicable(DatabaseEngine engine, EngineCommand command,
                                                       Map<String, String> values) {
        Map<String, String> forCommand = new TreeMap<>();
        values.forEach((name, value) -> {
            if (declared(engine, name).takenBy(command)) {
                forCommand.put(name, value);
            }
        });
        return validated(engine, command, forCommand);
    }

    private static EngineOption declared(DatabaseEngine engine, String name) {
        return engine.options().stream().filter(option -> option.name().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidUsageException(unknown(engine, name)));
    }

    private static String unknown(DatabaseEngine engine, String name) {
        if (engine.options().isEmpty()) {
            return "the " + engine.displayName() + " engine takes no options, but was given " + name;
        }
        return "the " + engine.displayName() + " engine has no option '" + name + "'; it takes "
                + engine.options().stream().map(option -> option.name() + " (" + option.type().accepts() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String commands(EngineOption option) {
        return option.commands().stream().sorted().map(EngineCommand::id).collect(Collectors.joining(", "));
    }
}
