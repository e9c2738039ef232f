package dev.lifeboat.domain.model;

import java.util.Objects;

/**
 * One check made on an archive or a restored database, such as "part database.sqlite: SHA-256".
 *
 * @param name   what was checked
 * @param status how it came out
 * @param detail what was found, in words a user can act on
 */
public record VerificationCheck(String name, CheckStatus status, String detail) {

    public VerificationCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static VerificationCheck passed(String name, String detail) {
        return new VerificationCheck(name, CheckStatus.PASSED, detail);
    }

    public static VerificationCheck warning(String name, String detail) {
        return new VerificationCheck(name, CheckStatus.WARNING, detail);
    }

    public static VerificationCheck failed(String name, String detail) {
        return new VerificationCheck(name, CheckStatus.FAILED, detail);
    }
}
