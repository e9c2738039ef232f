package dev.lifeboat.it;

import dev.lifeboat.adapter.filesystem.FileSystemRepositoryProvider;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.time.Duration;

/** Holds a repository's lock until killed, standing in for a long backup run by another process. */
public final class RepositoryLockHolder {

    private RepositoryLockHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        RepositoryLock lock = new FileSystemRepositoryProvider().open(args[0], true)
                .lock(Duration.ZERO, "backup of holder.db");
        System.out.println("locked " + lock.holder());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
