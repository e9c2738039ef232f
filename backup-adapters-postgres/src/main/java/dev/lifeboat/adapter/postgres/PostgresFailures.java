package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.OperationInterruptedException;
import dev.lifeboat.domain.error.UnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns the driver's exceptions into lifeboat's, by SQLSTATE, with the server's own words. The driver's messages
 * never hold the password, and nothing here adds it.
 */
final class PostgresFailures {

    private PostgresFailures() {
    }

    /**
     * A failure while talking to a server.
     *
     * @param doing what was being done, such as "backing up postgresql://app@db:5432/shop"
     */
    static LifeboatException of(SQLException e, String doing) {
        String state = Optional.ofNullable(e.getSQLState()).orElse("");
        String detail = serverMessage(e);
        if (state.equals("55P03")) {
            return new LockedException(doing + " failed: a lock was not granted in time (" + detail + "); another "
                    + "session holds a conflicting lock. Retry later or raise --lock-timeout", e);
        }
        if (state.equals("55006")) {
            return new LockedException(doing + " failed: " + detail, e);
        }
        if (state.equals("53100")) {
            return InsufficientSpaceException.whileWriting(doing + " failed: the server's disk is full (" + detail + ")", e);
        }
        if (state.equals("57014") && Thread.currentThread().isInterrupted()) {
            return new OperationInterruptedException(doing + " was interrupted", e);
        }
        if (state.startsWith("28")) {
            return new UnavailableException(doing + " failed: cannot log in (" + detail + "); check the user and the "
                    + "password (URL, PGPASSWORD, ~/.pgpass or --password-file)", e);
        }
        if (state.equals("22021") || state.equals("22P05")) {
            return new IncompatibleException(doing + " failed: the database holds text that has no UTF-8 form ("
                    + detail + "); lifeboat reads and writes every database in UTF-8, so it cannot back up bytes a "
                    + "SQL_ASCII database holds that are not UTF-8, or characters of another encoding without a UTF-8"
                    + " equivalent", e);
        }
        if (state.equals("3D000")) {
            return new UnavailableException(doing + " failed: " + detail, e);
        }
        if (state.equals("42501")) {
            return new UnavailableException(doing + " failed: " + detail + "; the role needs the privilege, or run as"
                    + " the owner", e);
        }
        if (state.startsWith("08") || state.startsWith("57P")) {
            return new UnavailableException(doing + " failed: the server is unreachable or went away (" + detail + ")", e);
        }
        return new UnavailableException(doing + " failed: " + detail, e);
    }

    /** A failure of the streams between the server and the archive. */
    static LifeboatException of(IOException e, String doing) {
        if (InsufficientSpaceException.indicatesFullDisk(e)) {
            return InsufficientSpaceException.whileWriting(doing + " failed: the disk is full (" + e.getMessage() + ")", e);
        }
        return new UnavailableException(doing + " failed: " + e.getMessage(), e);
    }

    /** Any failure of a worker thread, as lifeboat's. */
    static LifeboatException translate(Exception failure, String doing) {
        if (failure instanceof LifeboatException lifeboat) {
            return lifeboat;
        }
        if (failure instanceof SQLException sql) {
            return of(sql, doing);
        }
        if (failure instanceof IOException io) {
            return of(io, doing);
        }
        return new UnavailableException(doing + " failed: " + failure, failure);
    }

    /** The server's message, with its detail and hint when it gave them; the driver's message otherwise. */
    static String serverMessage(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            StringBuilder message = new StringBuilder(Optional.ofNullable(server.getMessage()).orElse(""));
            if (server.getDetail() != null) {
                message.append("; ").append(server.getDetail());
            }
            if (server.getHint() != null) {
                message.append("; ").append(server.getHint());
            }
            return message.toString();
        }
        String message = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        return e.getCause() != null && e.getCause().getMessage() != null && !message.contains(e.getCause().getMessage())
                ? message + " (" + e.getCause().getMessage() + ")" : message;
    }
}
