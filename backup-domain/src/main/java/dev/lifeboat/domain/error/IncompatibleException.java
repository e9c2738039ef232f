package dev.lifeboat.domain.error;

/** Something lifeboat cannot handle safely: a newer archive format, a newer schema version, unsupported database objects. */
public final class IncompatibleException extends LifeboatException {

    public IncompatibleException(String message) {
        super(message, null);
    }

    public IncompatibleException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.INCOMPATIBLE;
    }
}
