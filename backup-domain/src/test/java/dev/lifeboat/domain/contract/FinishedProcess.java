package dev.lifeboat.domain.contract;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A process of this host that has ended, for locks and files that a test makes a dead run's. */
public final class FinishedProcess {

    private FinishedProcess() {
    }

    /** The pid of a process that has ended, so that no process of this host has it (for a while). */
    public static long pid() {
        try {
            Process process = new ProcessBuilder("true").start();
            process.waitFor();
            return process.pid();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
