package dev.lifeboat.cli;

import dev.lifeboat.cli.command.CommandContext;
import dev.lifeboat.cli.command.EngineOptionFlags;
import dev.lifeboat.cli.command.LifeboatCommand;
import dev.lifeboat.cli.command.LifeboatSubcommand;
import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.cli.output.ErrorReporter;
import dev.lifeboat.cli.output.JsonText;
import dev.lifeboat.domain.error.ExitStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs one lifeboat command line against an environment and returns the exit status; never throws. */
final class Lifeboat {

    /** Wide enough for the examples; help is read in a terminal or a pager, rarely narrower than this. */
    private static final int USAGE_WIDTH = 110;

    private final Environment environment;

    Lifeboat(Environment environment) {
        this.environment = environment;
    }

    int run(String... args) {
        ErrorReporter errors = new ErrorReporter(environment);
        CommandContext context = new CommandContext(environment);
        CommandLine commandLine = LifeboatCommand.commandLine(context, args);
        try {
            LifeboatCommand.addEngines(commandLine, context);
        } catch (EngineOptionFlags.EngineOptionClash e) {
            environment.err().println("lifeboat: " + e.getMessage());
            environment.err().flush();
            return ExitStatus.UNAVAILABLE.code();
        } catch (RuntimeException e) {
            // the adapters, plug-ins among them, are loaded before the arguments are parsed: a broken plug-in is
            // reported here as the commands would report it, one line unless --verbose
            List<String> arguments = Arrays.asList(args);
            return errors.report(e, arguments.contains("--json"), arguments.contains("--verbose"), Map.of());
        }
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpWidth(USAGE_WIDTH);
        addExitCodes(commandLine);
        commandLine.setExecutionExceptionHandler((failure, failedCommand, parseResult) -> {
            if (failedCommand.getCommand() instanceof LifeboatSubcommand subcommand) {
                return errors.report(failure, subcommand.output.json, subcommand.output.verbose,
                        subcommand.failureContext());
            }
            return errors.report(failure, false, false, Map.of());
        });
        commandLine.setParameterExceptionHandler((failure, arguments) -> {
            if (Arrays.asList(arguments).contains("--json")) {
                environment.out().print(JsonText.of(ErrorReporter.errorDocument("usage", ExitStatus.USAGE,
                        failure.getMessage())));
                environment.out().flush();
            } else {
                environment.err().println("lifeboat: " + failure.getMessage());
                // a mistyped command or option: the ones meant, when picocli finds some close enough
                CommandLine.UnmatchedArgumentException.printSuggestions(failure, environment.err());
                environment.err().println("Try '" + failure.getCommandLine().getCommandSpec().qualifiedName()
                        + " --help' for more information.");
                environment.err().flush();
            }
            return ExitStatus.USAGE.code();
        });
        try {
            return commandLine.execute(args);
        } catch (LinkageError e) {
            // a driver's native library (SQLite, zstd) could not be unpacked or loaded
            environment.err().println("lifeboat: cannot load a native library (the compression or the SQLite"
                    + " driver's); lifeboat unpacks it into the temporary directory ("
                    + System.getProperty("java.io.tmpdir") + "), which must have room and allow running programs;"
                    + " choose another with JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=DIR");
            return ExitStatus.UNAVAILABLE.code();
        } finally {
            environment.out().flush();
            environment.err().flush();
        }
    }

    /** Every command's help ends with the exit-code table, from the one list the domain keeps. */
    private static void addExitCodes(CommandLine commandLine) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitStatus status : ExitStatus.values()) {
            codes.put(String.format("%3d", status.code()), status.meaning());
        }
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        commandLine.getSubcommands().values().forEach(Lifeboat::addExitCodes);
    }
}
