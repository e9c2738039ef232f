package dev.lifeboat.domain.error;

/**
 * Every failure lifeboat reports to a user. Each subtype stands for one exit status, and its message
 * says what failed and what to do about it. Adapters translate the exceptions of their libraries
 * (SQLException, IOException, ...) into one of these; anything else that escapes is a bug.
 */
public abstract sealed class LifeboatException extends RuntimeException
        permits InvalidUsageException, UnavailableException, LockedException, InsufficientSpaceException,
                VerificationFailedException, RefusedException, IncompatibleException,
                OperationInterruptedException {

    protected LifeboatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process exit status this failure ends a command with. */
    public abstract ExitStatus status();

    /** A stable, machine-readable name for the failure, used in JSON output. */
    public String code() {
        return status().name().toLowerCase(java.util.Locale.ROOT);
    }
}
