package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.spi.Progress;

/** Verifies a whole repository without re-reading what was verified lately. */
public interface VerifyAllBackupsUseCase {

    /**
     * Verifies, newest first, every archive whose last successful verification is older than the limit (or that has
     * none, or whose record cannot be trusted), going on past failures.
     */
    VerifyAllReport verifyAll(VerifyAllCommand command, Progress progress);
}
