package dev.lifeboat.domain.error;

/** Not enough free space for the data to be written. The message states required and available bytes. */
public final class InsufficientSpaceException extends LifeboatException {

    private final long requiredBytes;
    private final long availableBytes;

    private InsufficientSpaceException(String message, long requiredBytes, long availableBytes, Throwable cause) {
        super(message, cause);
        this.requiredBytes = requiredBytes;
        this.availableBytes = availableBytes;
    }

    /** Found before writing: the message states both numbers. */
    public static InsufficientSpaceException beforeWriting(String where, long requiredBytes, long availableBytes) {
        return new InsufficientSpaceException("not enough free space in " + where + ": " + requiredBytes
                + " bytes required, " + availableBytes + " bytes available", requiredBytes, availableBytes, null);
    }

    /** The disk filled up while writing; the numbers are not known. */
    public static InsufficientSpaceException whileWriting(String message, Throwable cause) {
        return new InsufficientSpaceException(message, -1, -1, cause);
    }

    /**
     * Whether a failure, or any of its causes, is the operating system saying the disk is full (ENOSPC, or a quota),
     * which every adapter that writes files turns into this exception.
     */
    public static boolean indicatesFullDisk(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String reason = cause instanceof java.nio.file.FileSystemException fileSystem && fileSystem.getReason() != null
                    ? fileSystem.getReason() : cause.getMessage();
            if (reason != null && (reason.contains("No space left on device") || reason.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
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
