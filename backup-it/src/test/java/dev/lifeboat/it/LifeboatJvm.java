package dev.lifeboat.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The command that starts the real lifeboat, the shaded jar, in a JVM of its own as a user would:
 * {@code java -Xmx256m -jar lifeboat.jar}.
 *
 * <p>The end-to-end tests start lifeboat hundreds of times, and each start loads the same classes from the jar. A
 * class-data sharing archive of those classes, made once per test JVM by a training run (a SQLite backup and a
 * restore over its source), makes each start about a third faster. It changes only where the JVM reads class
 * metadata from, not what runs. When the archive cannot be made, runs go without it.
 */
final class LifeboatJvm {

    /** Quiet about an archive the JVM cannot use: it then loads the classes from the jar, and a test sees no line. */
    private static final String QUIET_ABOUT_SHARING = "-Xlog:cds=off,cds+dynamic=off";

    private static final Optional<Path> SHARED_CLASSES = sharedClasses();

    private LifeboatJvm() {
    }

    /** {@code java} with lifeboat's options and {@code -jar lifeboat.jar}; the caller adds the arguments. */
    static List<String> command() {
        List<String> command = new ArrayList<>(List.of(LifeboatProcess.javaExecutable(), "-Xmx256m"));
        SHARED_CLASSES.ifPresent(archive -> command.addAll(List.of("-XX:SharedArchiveFile=" + archive,
                QUIET_ABOUT_SHARING)));
        command.addAll(List.of("-jar", LifeboatProcess.jar().toString()));
        return command;
    }

    private static Optional<Path> sharedClasses() {
        try {
            Path training = Files.createTempDirectory("lifeboat-jvm-training");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(training)));
            Path database = training.resolve("training.db");
            SqliteDatabases.execute(database, """
                    CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                    INSERT INTO item (name) VALUES ('one'), ('two');
                    """);
            Path archive = training.resolve("lifeboat.jsa");
            boolean made = train(training, List.of(), "backup", database.toString(), "--repo", "repo")
                    && train(training, List.of("-XX:ArchiveClassesAtExit=" + archive, QUIET_ABOUT_SHARING),
                    "restore", "latest:training", database.toString(), "--overwrite", "--yes", "--repo", "repo")
                    && Files.size(archive) > 0;
            return made ? Optional.of(archive) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the system removes it in time
        }
    }

    private static boolean train(Path directory, List<String> options, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LifeboatProcess.javaExecutable(), "-Xmx256m"));
        command.addAll(options);
        command.addAll(List.of("-jar", LifeboatProcess.jar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return process.waitFor(2, TimeUnit.MINUTES) && process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            process.destroyForcibly();
        }
    }
}
