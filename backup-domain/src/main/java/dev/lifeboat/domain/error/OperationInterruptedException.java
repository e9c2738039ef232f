package dev.lifeboat.domain.error;

/** The run was interrupted; its partial files have been removed. */
public final class OperationInterruptedException extends LifeboatException {

    public OperationInterruptedException(String message) {
        super(message, null);
    }

    public OperationInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.INTERRUPTED;
    }
}
