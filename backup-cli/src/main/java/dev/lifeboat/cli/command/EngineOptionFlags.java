package dev.lifeboat.cli.command;

import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.EngineCommand;
import dev.lifeboat.domain.spi.EngineOption;
import dev.lifeboat.domain.spi.EngineOptionType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Adds the engines' option aliases ({@code --jobs}, {@code -j}, {@code --no-owner}, ...) to the commands that take
 * them, at start-up, with picocli's programmatic model: the command line declares none of them itself. Two engines
 * may share an alias only for the same option of the same type; a clash with another engine or with one of
 * lifeboat's own options stops the start with one line naming both.
 */
public final class EngineOptionFlags {

    private EngineOptionFlags() {
    }

    /** The engines' aliases, added to every command of {@code root} that has {@link EngineOptionArguments}. */
    public static void register(CommandLine root, List<DatabaseEngine> engines) {
        for (EngineCommand command : EngineCommand.values()) {
            CommandLine subcommand = root.getSubcommands().get(command.id());
            if (subcommand == null) {
                continue;
            }
            CommandSpec spec = subcommand.getCommandSpec();
            if (spec.userObject() instanceof EngineOptionArguments.Holder holder) {
                EngineOptionArguments arguments = holder.engineOptions();
                arguments.declare(command, engines);
                arguments.named(addNamed(spec));
                flags(command, engines).forEach((name, declarations) ->
                        arguments.bind(add(spec, declarations), name));
            }
        }
    }

    /** One engine's declaration of an option. */
    private record Declaration(DatabaseEngine engine, EngineOption option) {
    }

    /** {@code --engine-option NAME=VALUE}, short {@code -o} unless the command has a {@code -o} of its own. */
    private static OptionSpec addNamed(CommandSpec spec) {
        String[] names = spec.findOption("-o") == null ? new String[] {"-o", "--engine-option"}
                : new String[] {"--engine-option"};
        OptionSpec named = OptionSpec.builder(names)
                .paramLabel("NAME=VALUE")
                .type(List.class).auxiliaryTypes(String.class)
                .arity("1")
                .description("An option for the database's engine, such as jobs=4 (repeatable; a flag alone, such "
                        + "as no-owner, means true). 'lifeboat engines' lists each engine's options; the engine's "
                        + "flags set them too.")
                .build();
        spec.addOption(named);
        return named;
    }

    /**
     * The options with aliases that the engines declare for a command, by name, each with every engine's declaration;
     * checked: an alias belongs to one option, and the engines declaring it agree on its type.
     */
    private static Map<String, List<Declaration>> flags(EngineCommand command, List<DatabaseEngine> engines) {
        Map<String, List<Declaration>> byName = new LinkedHashMap<>();
        Map<String, Declaration> byAlias = new HashMap<>();
        for (DatabaseEngine engine : engines) {
            for (EngineOption option : engine.options()) {
                if (!option.takenBy(command) || option.aliases().isEmpty()) {
                    continue;
                }
                Declaration declaration = new Declaration(engine, option);
                for (String alias : option.aliases()) {
                    Declaration earlier = byAlias.putIfAbsent(alias, declaration);
                    if (earlier != null && !agree(earlier, declaration)) {
                        throw clash(command, alias, earlier, declaration);
                    }
                }
                List<Declaration> same = byName.computeIfAbsent(option.name(), name -> new ArrayList<>());
                if (!same.isEmpty() && !agree(same.get(0), declaration)) {
                    throw clash(command, option.name(), same.get(0), declaration);
                }
                same.add(declaration);
            }
        }
        return byName;
    }

    private static boolean agree(Declaration one, Declaration other) {
        return one.option().name().equals(other.option().name())
                && one.option().type().kind().equals(other.option().type().kind());
    }

    private static EngineOptionClash clash(EngineCommand command, String what, Declaration first, Declaration other) {
        return new EngineOptionClash("the engines " + first.engine().id() + " and " + other.engine().id()
                + " both declare " + what + " for " + command.id() + ", but as " + describe(first) + " and as "
                + describe(other) + ": engines sharing an option or flag must agree on its name and type");
    }

    /** One flag for an option, named by every alias any engine gives it. */
    private static OptionSpec add(CommandSpec spec, List<Declaration> declarations) {
        EngineOption option = declarations.get(0).option();
        String[] names = declarations.stream().flatMap(declaration -> declaration.option().aliases().stream())
                .distinct().sorted(Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
        for (String name : names) {
            if (spec.findOption(name) != null) {
                throw new EngineOptionClash("the " + declarations.get(0).engine().id() + " engine declares " + name
                        + " for " + spec.name() + ", which lifeboat already uses for an option of its own");
            }
        }
        boolean flag = option.type().kind().equals(EngineOptionType.FLAG.kind());
        OptionSpec.Builder builder = OptionSpec.builder(names)
                .description(help(declarations, spec.findOption("--engine-option").shortestName()))
                .type(flag ? Boolean.class : String.class)
                .arity(flag ? "0" : "1");
        if (!flag) {
            builder.paramLabel(option.type().label());
        }
        OptionSpec added = builder.build();
        spec.addOption(added);
        return added;
    }

    /** {@code PostgreSQL: parallel connections ... (default 2).}, one sentence per engine. */
    private static String help(List<Declaration> declarations, String named) {
        return declarations.stream().map(declaration -> declaration.engine().displayName() + ": "
                        + declaration.option().help() + declaration.option().defaultValue()
                        .filter(value -> !value.equals("false")).map(value -> " Default: " + value + ".").orElse("")
                        + " (" + named + " " + declaration.option().name() + "=...)")
                .collect(Collectors.joining(" "));
    }

    private static String describe(Declaration declaration) {
        return declaration.engine().id() + "'s " + declaration.option().name() + " ("
                + declaration.option().type().kind() + ")";
    }

    /** Engines whose option flags cannot all be offered: the start stops. */
    public static final class EngineOptionClash extends RuntimeException {

        EngineOptionClash(String message) {
            super(message);
        }
    }
}
