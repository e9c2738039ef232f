package dev.lifeboat.domain.error;

/** The database or repository cannot be reached or used, or is not what it claims to be. */
public final class UnavailableException extends LifeboatException {

    public UnavailableException(String message) {
        super(message, null);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.UNAVAILABLE;
    }
}
