package dev.lifeboat.cli.output;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.LifeboatException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the user what failed: one line on stderr ("lifeboat: ..."), or the error as a JSON document on stdout with
 * --json; a stack trace only with --verbose. Returns the exit status.
 */
public final class ErrorReporter {

    private final Environment environment;

    public ErrorReporter(Environment environment) {
        this.environment = environment;
    }

    /**
     * @param context what the failed run was about ({"command": "backup", "database": "shop"}), put into the JSON
     *                document before the error
     */
    public int report(Throwable failure, boolean json, boolean verbose, Map<String, Object> context) {
        if (json) {
            environment.out().print(JsonText.of(failureDocument(failure, verbose, context)));
            environment.out().flush();
        } else {
            environment.err().println("lifeboat: " + message(failure, verbose));
        }
        if (verbose) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            environment.err().print(trace);
        }
        environment.err().flush();
        return status(failure).code();
    }

    /** The JSON document of a failed run: what --json prints, and what a notification sends. */
    public static Map<String, Object> failureDocument(Throwable failure, boolean verbose, Map<String, Object> context) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", false);
        document.putAll(context);
        document.put("error", errorDocument(failure instanceof LifeboatException known ? known.code() : "internal",
                status(failure), message(failure, verbose)).get("error"));
        return document;
    }

    public static Map<String, Object> errorDocument(String code, ExitStatus status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("exitCode", status.code());
        error.put("message", message);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", false);
        document.put("error", error);
        return document;
    }

    public static ExitStatus status(Throwable failure) {
        return failure instanceof LifeboatException known ? known.status() : ExitStatus.INTERNAL;
    }

    public static String message(Throwable failure, boolean verbose) {
        if (failure instanceof LifeboatException) {
            return failure.getMessage();
        }
        return "unexpected error: " + failure + (verbose ? "" : " (run with --verbose for the stack trace)");
    }
}
