package dev.lifeboat.domain.error;

/** An archive or a restored database does not match what was recorded: a checksum, integrity check or fingerprint differs, or the archive is corrupt or truncated. */
public final class VerificationFailedException extends LifeboatException {

    public VerificationFailedException(String message) {
        super(message, null);
    }

    public VerificationFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.VERIFICATION_FAILED;
    }
}
