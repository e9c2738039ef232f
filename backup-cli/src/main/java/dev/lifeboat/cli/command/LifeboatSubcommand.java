package dev.lifeboat.cli.command;

import dev.lifeboat.cli.output.JsonText;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand has: the shared context and the output options. */
public abstract class LifeboatSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    public OutputOptions output;

    CommandContext context() {
        return ((LifeboatCommand) spec.root().userObject()).context();
    }

    /** What a failure of this command was about, for its JSON error document; empty unless a command says more. */
    public Map<String, Object> failureContext() {
        return Map.of();
    }

    PrintWriter out() {
        return context().environment().out();
    }

    void printJson(Object document) {
        out().print(JsonText.of(document));
        out().flush();
    }

    /** Something the user may want to know, on stderr; --quiet hides it. */
    void notice(String text) {
        if (!output.quiet) {
            context().environment().err().println("lifeboat: " + text);
            context().environment().err().flush();
        }
    }

    /** Something the user must know, on stderr, always. */
    void warn(String text) {
        context().environment().err().println("warning: " + text);
        context().environment().err().flush();
    }
}
