package dev.lifeboat.domain.error;

/** A repository is held by another run, or a target database is in use. */
public final class LockedException extends LifeboatException {

    public LockedException(String message) {
        super(message, null);
    }

    public LockedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.LOCKED;
    }
}
