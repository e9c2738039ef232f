package dev.lifeboat.domain.contract;

import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;

/**
 * What a {@link ChildJvm} of a cross-process lock test does with a repository's lock, whatever the repository's kind,
 * and how it tells the test: one line on stdout per event. A repository kind's child main opens the repository and
 * hands it here.
 */
public final class LockChild {

    private LockChild() {
    }

    /**
     * Takes the lock for the command, prints {@code locked <pid> <host>}, holds it until the order {@code release}
     * (or the end of the orders), then prints {@code released}.
     */
    public static void hold(BackupRepository repository, String command, BufferedReader orders) throws IOException {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, command)) {
            say("locked " + lock.holder().pid() + " " + lock.holder().host());
            for (String line; (line = orders.readLine()) != null; ) {
                if (line.equals("release")) {
                    break;
                }
            }
        }
        say("released");
    }

    /** Tries the lock once: prints {@code acquired by <pid>}, or {@code locked-out <message>} and exits with 4. */
    public static void tryLock(BackupRepository repository) {
        try (RepositoryLock lock = repository.lock(Duration.ZERO, "try")) {
            say("acquired by " + lock.holder().pid());
        } catch (LockedException e) {
            say("locked-out " + e.getMessage());
            System.exit(4);
        }
    }

    /** Prints a line for the test at once. */
    public static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
