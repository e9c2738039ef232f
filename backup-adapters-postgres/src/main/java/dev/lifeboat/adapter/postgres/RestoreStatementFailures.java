package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.UnavailableException;
import java.sql.SQLException;

/**
 * What a restore says when the target refuses one of its statements: which object, the server's words and the start
 * of the statement, or, for a statement that holds a secret, only the object and the SQLSTATE. Kept apart from
 * {@link RestoreLoader}, which decides what runs when, so the wording of these failures is read and tested alone.
 */
final class RestoreStatementFailures {

    private RestoreStatementFailures() {
    }

    /**
     * A statement the target refused: which object, the server's words, and the start of the statement. A failure of
     * the connection or a lock is the server's, reported as such.
     *
     * <p>A statement that holds a secret is never shown, and neither are the server's words nor the driver's
     * exception: a server may echo any part of the statement (a connection string, a password of two letters) in
     * its message or detail, so no masking of them can be trusted. Only the object, the SQLSTATE and what that
     * class of failure means are said.
     */
    static LifeboatException of(SchemaStatement statement, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (statement.secret()) {
            return secretStatementFailed(statement.label(), state);
        }
        if (connectionOrLock(state)) {
            return PostgresFailures.of(e, "restoring " + statement.label());
        }
        String sql = statement.sql().strip();
        String firstLine = sql.lines().findFirst().orElse("");
        if (firstLine.length() > 200 || sql.contains("\n")) {
            firstLine = (firstLine.length() > 200 ? firstLine.substring(0, 200) : firstLine) + " ...";
        }
        return new IncompatibleException("restoring " + statement.label() + " failed: "
                + PostgresFailures.serverMessage(e) + " (statement: " + firstLine + ")", e);
    }

    private static boolean connectionOrLock(String state) {
        return state.startsWith("08") || state.startsWith("57P") || state.equals("53100") || state.equals("55P03");
    }

    /** The failure of a statement that holds a secret, with the exit status its SQLSTATE calls for and no cause. */
    private static LifeboatException secretStatementFailed(String label, String state) {
        String failed = "restoring " + label + " failed with SQLSTATE " + (state.isEmpty() ? "(none)" : state)
                + " (neither the statement nor the server's message is shown: they may hold a password or a "
                + "connection string)";
        if (state.equals("55P03")) {
            return new LockedException(failed + ": a lock was not granted in time; another session holds a "
                    + "conflicting lock. Retry later or raise --lock-timeout");
        }
        if (state.equals("53100")) {
            return InsufficientSpaceException.whileWriting(failed + ": the server's disk is full", null);
        }
        if (connectionOrLock(state)) {
            return new UnavailableException(failed + ": the server is unreachable or went away");
        }
        return new IncompatibleException(failed + ": the target refused it" + switch (state) {
            case "42704" -> ", as a role or object it names does not exist there";
            case "42501" -> ", as the restoring role lacks a privilege it needs";
            case "42710" -> ", as it exists there already";
            default -> "";
        });
    }
}
