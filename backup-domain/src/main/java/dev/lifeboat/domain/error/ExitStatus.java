package dev.lifeboat.domain.error;

/**
 * The process exit codes of lifeboat. They are a stable interface for scripts and monitoring:
 * a code keeps its meaning across releases.
 */
public enum ExitStatus {
    SUCCESS(0, "success"),
    INTERNAL(1, "unexpected internal error (a bug: --verbose prints the stack trace)"),
    USAGE(2, "usage error: a bad option, argument or value"),
    UNAVAILABLE(3, "database or repository unreachable, not a database, or authentication failed (an encrypted backup: "
            + "the identity is not one of its keys)"),
    LOCKED(4, "locked: repository held by another run, or target database in use"),
    INSUFFICIENT_SPACE(5, "insufficient disk space (the message states required and available bytes)"),
    VERIFICATION_FAILED(6, "verification failed: checksum, integrity check or fingerprint mismatch; corrupt or truncated archive"),
    REFUSED(7, "refused: target exists without --overwrite, or confirmation declined; key generate: the file exists"),
    INCOMPATIBLE(8, "incompatible: newer archive format, newer schema version, unsupported database objects"),
    STALE(9, "stale: check found a database whose newest backup is older than its max-age, or no backup at all"),
    INTERRUPTED(130, "interrupted; partial files removed");

    private final int code;
    private final String meaning;

    ExitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
