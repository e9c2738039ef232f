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

    /**
     * Checks the declaration: a kebab-case name, a default of the option's type, commands, well-formed aliases. The
     * default is kept normalized ({@link EngineOptionType#normalize}); the commands and aliases are copied.
     *
     * @param name         the option's name, in kebab-case: {@code jobs}, {@code no-owner}
     * @param type         the kind of value it takes
     * @param defaultValue the value the engine uses when none is given, for help; empty when absence means "none"
     * @param help         what it does, one sentence for {@code --help}
     * @param commands     the commands that take it (at least one)
     * @param aliases      command-line flags that set it, long ({@code --jobs}) or short ({@code -j}); may be empty
     * @throws IllegalArgumentException when the name is not kebab-case, the help is blank, no command takes the
     *         option, an alias is neither {@code --kebab-case} nor {@code -x}, or the default is not of the type
     */
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

    /**
     * An option without default or aliases, taken by the given commands; add them with {@link #withDefault} and
     * {@link #withAliases}, as the PostgreSQL engine declares its {@code jobs}:
     * {@code EngineOption.of("jobs", EngineOptionType.integer(1, 64), "parallel connections ...", EngineCommand.BACKUP,
     * EngineCommand.RESTORE, EngineCommand.VERIFY).withDefault("2").withAliases("--jobs", "-j")}.
     *
     * @param name  the option's name, in kebab-case: {@code jobs}, {@code no-owner}
     * @param type  the kind of value it takes
     * @param help  what it does, one sentence for {@code --help}
     * @param first a command that takes it
     * @param more  the other commands that take it, if any
     * @return the declaration, to list in {@link DatabaseEngine#options()}
     * @throws IllegalArgumentException when the name is not kebab-case or the help is blank
     */
    public static EngineOption of(String name, EngineOptionType type, String help, EngineCommand first,
                                  EngineCommand... more) {
        return new EngineOption(name, type, Optional.empty(), help, EnumSet.of(first, more), List.of());
    }

    /**
     * This option with a default value, of its type. The default is shown in help and {@code lifeboat engines}, and
     * the readers ({@link #flag}, {@link #integer}, ...) return it when the job's options hold no value: lifeboat
     * does not add it to them.
     *
     * @param value the default as a user would type it: {@code 4}, {@code 30s}; kept normalized
     * @return a copy of this declaration with that default, replacing any it had
     * @throws IllegalArgumentException when the value is not of the option's type
     */
    public EngineOption withDefault(String value) {
        return new EngineOption(name, type, Optional.of(value), help, commands, aliases);
    }

    /**
     * This option with command-line aliases ({@code --jobs}, {@code -j}): flags the command line offers beside
     * {@code --engine-option NAME=VALUE}. Engines that declare the same alias for a command must agree on the
     * option's name and type, or every command fails at start-up (exit 3).
     *
     * @param flags each a long flag in kebab-case ({@code --jobs}) or a one-letter short flag ({@code -j})
     * @return a copy of this declaration with those aliases, replacing any it had
     * @throws IllegalArgumentException when a flag is neither {@code --kebab-case} nor {@code -x}
     */
    public EngineOption withAliases(String... flags) {
        return new EngineOption(name, type, defaultValue, help, commands, Arrays.asList(flags));
    }

    /**
     * Whether a command takes this option.
     *
     * @param command a command that passes engine options
     * @return whether {@code command} is among the option's {@link #commands}
     */
    public boolean takenBy(EngineCommand command) {
        return commands.contains(command);
    }

    /**
     * A flag's value in a map of options (checked or not), else its default, else false.
     *
     * @param values a job's options by name, such as {@link BackupJob#options()}
     * @return whether the flag is on
     * @throws InvalidUsageException when the value is not true or false
     * @throws IllegalStateException when this option is not a {@link EngineOptionType#FLAG flag}
     */
    public boolean flag(Map<String, String> values) {
        requireKind(EngineOptionType.FLAG.kind());
        return value(values).map(Boolean::parseBoolean).orElse(false);
    }

    /**
     * An integer option's value, else its default.
     *
     * @param values a job's options by name, such as {@link BackupJob#options()}
     * @return the number, within the option's bounds
     * @throws InvalidUsageException when the value is out of range or not a number
     * @throws IllegalStateException when the option has neither a value nor a default, or is not an
     *         {@link EngineOptionType#integer integer} option
     */
    public long integer(Map<String, String> values) {
        requireKind("integer");
        return value(values).map(Long::parseLong).orElseThrow(() -> missing());
    }

    /**
     * A duration option's value, else its default.
     *
     * @param values a job's options by name, such as {@link BackupJob#options()}
     * @return the duration, never negative
     * @throws InvalidUsageException when the value is not a duration
     * @throws IllegalStateException when the option has neither a value nor a default, or is not a
     *         {@link EngineOptionType#DURATION duration} option
     */
    public Duration duration(Map<String, String> values) {
        requireKind(EngineOptionType.DURATION.kind());
        return value(values).map(Durations::parse).orElseThrow(() -> missing());
    }

    /**
     * A text option's value, else its default; empty when neither is there.
     *
     * @param values a job's options by name, such as {@link BackupJob#options()}
     * @return the text, trimmed; empty when the option has neither a value nor a default
     * @throws InvalidUsageException when the value is blank
     * @throws IllegalStateException when this option is not a {@link EngineOptionType#text text} option
     */
    public Optional<String> text(Map<String, String> values) {
        requireKind("text");
        return value(values);
    }

    /**
     * The option's value in the map, normalized, else its default: the text behind the typed readers, for any type.
     *
     * @param values options by name (never by alias), checked or not, such as {@link BackupJob#options()}
     * @return the value in the one spelling of {@link EngineOptionType#normalize}; empty when the map has none and
     *         there is no default
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
