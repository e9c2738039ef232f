package dev.lifeboat.cli.command;

import picocli.CommandLine.Option;

/** The output options every command has. */
public final class OutputOptions {

    @Option(names = "--json", description = "Print one JSON document on stdout, errors included.")
    public boolean json;

    @Option(names = "--verbose", description = "Print the stack trace of an unexpected error.")
    public boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no notices on stderr.")
    boolean quiet;
}
