package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.policy.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One option an engine takes, as it declares it in {@link DatabaseEngine#options()}: the command line offers it as
 * {@code --engine-option NAME=VALUE} (and by its aliases), the configuration file as
 * {@code [databases.NAME.options]}, {@code lifeboat engines} lists it, and {@link EngineOptionValues} checks what the
 * user gave against it before the engine sees it. The engine reads its values back with {@link #flag},
 * {@link #integer}, {@link #duration} and {@link #text}, so the option's name is written once, here.
 *
 * <p>Values are recorded in a backup's manifest: an option never carries a secret.
 *
 * @param name         the option's name, in kebab-case: {@code jobs}, {@code no-owner}
 * @param type         the kind of value it takes
 * @param defaultValue the value the engine uses when none is given, for help; empty when absence means "none"
 * @param help         what it does, one sentence for {@code --help}
 * @param commands     the commands that take it (at least one)
 * @param aliases      command-line flags that set it, long ({@code --jobs}) or short ({@code -j}); may be empty
 */
public record EngineOption(String name, EngineOptionType type, Optional<String> defaultValue, String help,
                           Set<EngineCommand> commands, List<String> aliases) {

    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern ALIAS = Pattern.compile("--[a-z][a-z0-9]*(-[a-z0-9]+)*|-[a-zA-Z]");

    /** Checks the declaration: a kebab-case name, a default of the option's type, commands, well-formed aliases. */
    public EngineOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(help, "help");
        if (!KEBAB.matcher(name).matches()) {
            throw new IllegalArgumentException("an engine option's name is kebab-case (jobs, no-owner), not '" + name
                    + "'");
        }
        if (help.isBlank()) {
            throw new IllegalArgumentException("engine option " + name + " needs a help text");
        }
        commands = Set.copyOf(commands);
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("engine option " + name + " names no command that takes it");
        }
        aliases = List.copyOf(aliases);
        for (String alias : aliases) {
            if (!ALIAS.matcher(alias).matches()) {
                throw new IllegalArgumentException("engine option " + name + ": an alias is --kebab-case or -x, not '"
                        + alias + "'");
            }
        }
        defaultValue = defaultValue.map(value -> {
            try {
                return type.normalize(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("engine option " + name + ": the default '" + value + "' is not "
                        + type.accepts());
            }
        });
    }

    /** An option without default or aliases, taken by the given commands. */
    public static EngineOption of(String name, EngineOptionType type, String help, EngineCommand first,
                                  EngineCommand... more) {
        return new EngineOption(name, type, Optional.empty(), help, EnumSet.of(first, more), List.of());
    }

    /** This option with a default value, of its type. */
    public EngineOption withDefault(String value) {
        return new EngineOption(name, type, Optional.of(value), help, commands, aliases);
    }

    /** This option with command-line aliases ({@code --jobs}, {@code -j}). */
    public EngineOption withAliases(String... flags) {
        return new EngineOption(name, type, defaultValue, help, commands, Arrays.asList(flags));
    }

    /** Whether a command takes this option. */
    public boolean takenBy(EngineCommand command) {
        return commands.contains(command);
    }

    /**
     * A flag's value in a map of options (checked or not), else its default, else false.
     *
     * @throws InvalidUsageException when the value is not true or false
     */
    public boolean flag(Map<String, String> values) {
        requireKind(EngineOptionType.FLAG.kind());
        return value(values).map(Boolean::parseBoolean).orElse(false);
    }

    /**
     * An integer option's value, else its default.
     *
     * @throws InvalidUsageException when the value is out of range or not a number
     * @throws IllegalStateException when the option has neither a value nor a default
     */
    public long integer(Map<String, String> values) {
        requireKind("integer");
        return value(values).map(Long::parseLong).orElseThrow(() -> missing());
    }

    /**
     * A duration option's value, else its default.
     *
     * @throws InvalidUsageException when the value is not a duration
     * @throws IllegalStateException when the option has neither a value nor a default
     */
    public Duration duration(Map<String, String> values) {
        requireKind(EngineOptionType.DURATION.kind());
        return value(values).map(Durations::parse).orElseThrow(() -> missing());
    }

    /**
     * A text option's value, else its default; empty when neither is there.
     *
     * @throws InvalidUsageException when the value is blank
     */
    public Optional<String> text(Map<String, String> values) {
        requireKind("text");
        return value(values);
    }

    /**
     * The option's value in the map, normalized, else its default.
     *
     * @throws InvalidUsageException when the value is not of the option's type
     */
    public Optional<String> value(Map<String, String> values) {
        String given = values.get(name);
        return given == null ? defaultValue : Optional.of(normalize(given, "the option"));
    }

    /**
     * A value in the one spelling the engine reads.
     *
     * @param owner who declares the option, for the message: {@code the PostgreSQL engine's option}
     * @throws InvalidUsageException when the value is not of the option's type (exit 2)
     */
    String normalize(String value, String owner) {
        try {
            return type.normalize(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidUsageException(owner + " " + name + " takes " + type.accepts() + ", not '" + value + "'");
        }
    }

    private void requireKind(String kind) {
        if (!type.kind().equals(kind)) {
            throw new IllegalStateException("engine option " + name + " is of type " + type.kind() + ", not " + kind);
        }
    }

    private IllegalStateException missing() {
        return new IllegalStateException("engine option " + name + " has no value and no default");
    }
}
