package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.contract.ChildJvm;
import dev.lifeboat.domain.contract.LockChild;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.ScratchSpace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Another lifeboat process for the cross-process tests, started with {@link #start}. It talks on stdout, one line per
 * event, and takes orders on stdin.
 * <ul>
 *   <li>{@code hold <dir> <command>}: takes the lock, prints {@code locked <pid> <host>}, releases on {@code release}
 *   <li>{@code try <dir>}: prints {@code acquired by <pid>}, or {@code locked-out <message>} and exits with 4
 *   <li>{@code write <dir> [<archive name>]}: takes the lock, starts an archive and a scratch file with a companion,
 *   prints {@code ready}, waits
 * </ul>
 */
public final class LockChildMain {

    private LockChildMain() {
    }

    /** Starts this program in a child JVM with the mode, the repository's directory and what the mode takes. */
    static ChildJvm start(String mode, Path repository, String... more) {
        List<String> arguments = new ArrayList<>(List.of(mode, repository.toString()));
        arguments.addAll(List.of(more));
        return ChildJvm.start(LockChildMain.class, Map.of(), arguments.toArray(String[]::new));
    }

    public static void main(String[] args) throws IOException {
        BackupRepository repository = new FileSystemRepositoryProvider().open(args[1], true);
        BufferedReader orders = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        switch (args[0]) {
            case "hold" -> LockChild.hold(repository, args[2], orders);
            case "try" -> LockChild.tryLock(repository);
            case "write" -> write(repository, args.length > 2 ? args[2] : "child_2026-11-24T10-58-24Z.lifeboat.tar",
                    orders);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void write(BackupRepository repository, String name, BufferedReader orders) throws IOException {
        RepositoryLock lock = repository.lock(Duration.ZERO, "write");
        NewArchive archive = repository.create(new BackupName(name), lock);
        archive.output().write(new byte[300_000]);
        archive.output().flush();
        ScratchSpace scratch = repository.openScratch();
        Path snapshot = scratch.newFile("snapshot");
        Files.writeString(snapshot.resolveSibling(snapshot.getFileName() + "-wal"), "what a database tool adds");
        LockChild.say("ready");
        while (orders.readLine() != null) {
            // wait for the test to end this process with a signal
        }
    }
}
