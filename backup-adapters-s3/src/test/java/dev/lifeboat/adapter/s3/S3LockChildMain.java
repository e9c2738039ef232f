package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.contract.ChildJvm;
import dev.lifeboat.domain.contract.LockChild;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.RepositorySettings;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import dev.lifeboat.domain.spi.ScratchSpace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Another lifeboat process for the cross-process lock tests, started with {@link #start}: it opens an S3 repository
 * through the provider, with its settings from {@code LIFEBOAT_TEST_S3_<SETTING>} environment variables (the secret
 * never on the command line), and talks on stdout, one line per event, taking orders on stdin.
 * <ul>
 *   <li>{@code hold <location> <command>}: takes the lock, prints {@code locked <pid> <host>}, releases it on
 *   {@code release} and prints {@code released}
 *   <li>{@code try <location>}: prints {@code acquired by <pid>}, or {@code locked-out <message>} and exits with 4
 *   <li>{@code write <location> <archive name>}: takes the lock, starts the archive, uploads a first part and makes
 *   a scratch file, prints {@code writing}, and waits to be killed
 * </ul>
 */
public final class S3LockChildMain {

    static final String SETTING_PREFIX = "LIFEBOAT_TEST_S3_";

    private S3LockChildMain() {
    }

    /**
     * Starts this program in a child JVM with the mode, the repository's location and what the mode takes, and the
     * settings that reach the server in its environment.
     */
    static ChildJvm start(S3TestServer server, String mode, String location, String... more) {
        List<String> arguments = new ArrayList<>(List.of(mode, location));
        arguments.addAll(List.of(more));
        Map<String, String> environment = new HashMap<>();
        server.settingValues().forEach((name, value) -> environment.put(variable(name), value));
        return ChildJvm.start(S3LockChildMain.class, environment, arguments.toArray(String[]::new));
    }

    public static void main(String[] args) throws IOException {
        BackupRepository repository = new S3RepositoryProvider().open(args[1], settings(), true);
        BufferedReader orders = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        switch (args[0]) {
            case "hold" -> LockChild.hold(repository, args[2], orders);
            case "try" -> LockChild.tryLock(repository);
            case "write" -> write(repository, new BackupName(args[2]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** The environment variable that carries a setting to the child. */
    static String variable(String setting) {
        return SETTING_PREFIX + setting.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static RepositorySettings settings() {
        Map<String, String> values = new HashMap<>();
        for (var setting : S3Settings.DECLARED) {
            String value = System.getenv(variable(setting.name()));
            if (value != null) {
                values.put(setting.name(), value);
            }
        }
        return new RepositorySettings(values);
    }

    private static void write(BackupRepository repository, BackupName name) throws IOException {
        RepositoryLock lock = repository.lock(Duration.ZERO, "backup");
        ScratchSpace scratch = repository.openScratch();
        Files.write(scratch.newFile("snapshot"), new byte[] {1, 2, 3});
        NewArchive archive = repository.create(name, lock);
        archive.output().write(new byte[S3Repository.DEFAULT_PART_SIZE + 1]);
        archive.output().flush();
        LockChild.say("writing");
        try {
            Thread.sleep(Duration.ofMinutes(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
