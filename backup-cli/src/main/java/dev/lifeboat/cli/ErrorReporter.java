package dev.lifeboat.cli;

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
final class ErrorReporter {

    private final Environment environment;

    ErrorReporter(Environment environment) {
        this.environment = environment;
    }

    int report(Throwable failure, boolean json, boolean verbose) {
        ExitStatus status;
        String code;
        String message;
        if (failure instanceof LifeboatException known) {
            status = known.status();
            code = known.code();
            message = known.getMessage();
        } else {
            status = ExitStatus.INTERNAL;
            code = "internal";
            message = "unexpected error: " + failure + (verbose ? "" : " (run with --verbose for the stack trace)");
        }
        if (json) {
            environment.out().print(JsonWriter.write(errorDocument(code, status, message)));
            environment.out().flush();
        } else {
            environment.err().println("lifeboat: " + message);
        }
        if (verbose) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            environment.err().print(trace);
        }
        environment.err().flush();
        return status.code();
    }

    static Map<String, Object> errorDocument(String code, ExitStatus status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("exitCode", status.code());
        error.put("message", message);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("ok", false);
        document.put("error", error);
        return document;
    }
}
