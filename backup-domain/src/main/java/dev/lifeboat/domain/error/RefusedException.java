package dev.lifeboat.domain.error;

/** An operation that would replace data was not allowed: the target exists without overwrite, or the user declined. */
public final class RefusedException extends LifeboatException {

    public RefusedException(String message) {
        super(message, null);
    }

    public RefusedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.REFUSED;
    }
}
