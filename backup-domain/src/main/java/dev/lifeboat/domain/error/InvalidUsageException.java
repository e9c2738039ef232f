package dev.lifeboat.domain.error;

/** A bad option, argument or value given by the user. */
public final class InvalidUsageException extends LifeboatException {

    public InvalidUsageException(String message) {
        super(message, null);
    }

    public InvalidUsageException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.USAGE;
    }
}
