package dev.lifeboat.domain.error;

/** Not enough free space for the data to be written. The message states required and available bytes. */
public final class InsufficientSpaceException extends LifeboatException {

    private final long requiredBytes;
    private final long availableBytes;

    public InsufficientSpaceException(String message, long requiredBytes, long availableBytes, Throwable cause) {
        super(message, cause);
        this.requiredBytes = requiredBytes;
        this.availableBytes = availableBytes;
    }

    public InsufficientSpaceException(String where, long requiredBytes, long availableBytes) {
        this("not enough free space in " + where + ": " + requiredBytes + " bytes required, "
                + availableBytes + " bytes available", requiredBytes, availableBytes, null);
    }

    /** Bytes needed, or -1 when the failure was detected while writing rather than beforehand. */
    public long requiredBytes() {
        return requiredBytes;
    }

    /** Bytes that were free, or -1 when unknown. */
    public long availableBytes() {
        return availableBytes;
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.INSUFFICIENT_SPACE;
    }
}
