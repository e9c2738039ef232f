package dev.lifeboat.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The command that starts the real lifeboat, the shaded jar, in a JVM of its own as the {@code lifeboat} launcher
 * does: {@code java -XX:+UseSerialGC -Xms16m -jar lifeboat.jar}, its native libraries extracted once, and a heap
 * capped at 256 MiB, the most a run may need.
 *
 * <p>The end-to-end tests start lifeboat hundreds of times, and the suite's time is mostly those starts. Three things
 * take work off each start without changing what runs. A class-data sharing archive of the classes that training runs
 * load (a SQLite backup, a restore over its source, a PostgreSQL backup refused by a closed port, the help) and those
 * the jar lists for PostgreSQL backups and restores past connecting ({@link #POSTGRES_CLASSES}), made once per test
 * JVM, as the launcher makes one per build. SQLite's and zstd's native libraries extracted once per test JVM
 * into a private directory, as the launcher extracts them once per build, instead of by every run into the temporary
 * directory. And the JIT compiler's first tier only ({@code -XX:TieredStopAtLevel=1}): a test's databases are small,
 * and the optimizing tier's compilations cost a short run more than they save (a third of a tiny backup's CPU time),
 * where a user's large backup needs them, so the launcher keeps both tiers. When the archive or the libraries cannot be
 * prepared, runs go without them: they only make starts cheaper.
 */
final class LifeboatJvm {

    /** Quiet about an archive the JVM cannot use, or classes it leaves out: a test sees no line of it. */
    private static final String QUIET_ABOUT_SHARING = "-Xlog:cds=off,cds+dynamic=off";

    /**
     * The jar's list of the classes a PostgreSQL backup and restore load that no training run does, since training has
     * no server to reach; the launcher adds it to its archive too ({@code PostgresClassListIT} keeps it current).
     */
    static final String POSTGRES_CLASSES = "dev/lifeboat/cli/postgres-classes.lst";

    private static final Path PREPARED = preparedDirectory();

    /** Every line of the training runs' class lists. */
    private static final Set<String> TRAINED = new LinkedHashSet<>();

    /** The properties that point the native libraries at their copies; empty when they could not be made. */
    private static final List<String> NATIVE_LIBRARIES = NativeLibraries.extract(LifeboatProcess.jar(),
            PREPARED.resolve("native"));

    private static final Optional<Path> SHARED_CLASSES = sharedClasses();

    private LifeboatJvm() {
    }

    /** {@code java} with lifeboat's options and {@code -jar lifeboat.jar}; the caller adds the arguments. */
    static List<String> command() {
        return command(NATIVE_LIBRARIES);
    }

    /**
     * As {@link #command()}, but the native libraries extract their own copies into the temporary directory, as under
     * a plain {@code java -jar lifeboat.jar}.
     */
    static List<String> commandExtractingNativeLibraries() {
        return command(List.of());
    }

    private static List<String> command(List<String> nativeLibraries) {
        List<String> command = jvm(nativeLibraries);
        SHARED_CLASSES.ifPresent(archive -> command.addAll(List.of("-XX:SharedArchiveFile=" + archive,
                QUIET_ABOUT_SHARING)));
        command.addAll(List.of("-jar", LifeboatProcess.jar().toString()));
        return command;
    }

    /** The JVM and its options, without the jar. */
    private static List<String> jvm(List<String> nativeLibraries) {
        List<String> command = new ArrayList<>(List.of(LifeboatProcess.javaExecutable(), "-XX:+UseSerialGC", "-Xms16m",
                "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(nativeLibraries);
        return command;
    }

    private static Path preparedDirectory() {
        try {
            Path directory = Files.createTempDirectory("lifeboat-jvm");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(directory)));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> sharedClasses() {
        try {
            Path training = Files.createDirectory(PREPARED.resolve("training"));
            Path database = training.resolve("training.db");
            SqliteDatabases.execute(database, """
                    CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                    INSERT INTO item (name) VALUES ('one'), ('two');
                    """);
            List<Path> classLists = new ArrayList<>();
            boolean trained = train(training, classLists, "backup", database.toString(), "--repo", "repo") == 0
                    && train(training, classLists, "restore", "latest:training", database.toString(), "--overwrite",
                    "--yes", "--repo", "repo") == 0
                    // the PostgreSQL engine and driver, as far as a server that refuses the connection takes them
                    && train(training, classLists, "backup", "postgresql://lifeboat@127.0.0.1:" + closedPort()
                    + "/training", "--repo", "repo") == 3
                    // every command's classes: a run that names one builds that one alone
                    && train(training, classLists, "--help") == 0;
            return trained ? dump(training, classLists) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs lifeboat once, writing the classes it loads to a new list; returns its exit status. */
    private static int train(Path directory, List<Path> classLists, String... args) throws IOException {
        Path classList = directory.resolve("classes-" + classLists.size() + ".lst");
        classLists.add(classList);
        List<String> command = jvm(NATIVE_LIBRARIES);
        command.addAll(List.of("-XX:DumpLoadedClassList=" + classList, "-jar", LifeboatProcess.jar().toString()));
        command.addAll(List.of(args));
        return run(directory, command);
    }

    /** The lines of the class lists of the training runs, once the archive was made; empty if it could not be. */
    static Set<String> trainedClasses() {
        return SHARED_CLASSES.isPresent() ? Set.copyOf(TRAINED) : Set.of();
    }

    /**
     * Writes one archive of the classes of all training runs and those the jar lists for PostgreSQL, as
     * {@code -jar lifeboat.jar} will look for them.
     */
    private static Optional<Path> dump(Path directory, List<Path> classLists) throws IOException {
        for (Path list : classLists) {
            TRAINED.addAll(Files.readAllLines(list));
        }
        Set<String> classes = new LinkedHashSet<>(TRAINED);
        classes.addAll(postgresClasses());
        Path archive = directory.resolve("lifeboat.jsa");
        // as the launcher does: an archive the JDK cannot make with the jar's list is made without it
        return dump(directory, classes, archive).or(() -> dump(directory, TRAINED, archive));
    }

    /** The lines of the jar's list of PostgreSQL's classes; none when the jar has no list. */
    static List<String> postgresClasses() throws IOException {
        try (ZipFile jar = new ZipFile(LifeboatProcess.jar().toFile())) {
            ZipEntry postgres = jar.getEntry(POSTGRES_CLASSES);
            return postgres == null ? List.of()
                    : new String(jar.getInputStream(postgres).readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static Optional<Path> dump(Path directory, Set<String> classes, Path archive) {
        try {
            Path classList = directory.resolve("classes.lst");
            Files.write(classList, classes);
            int exit = run(directory, List.of(LifeboatProcess.javaExecutable(), "-Xshare:dump",
                    "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive,
                    "-cp", LifeboatProcess.jar().toString()));
            return exit == 0 && Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the system removes it in time
        }
    }

    private static int run(Path directory, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return process.waitFor(2, TimeUnit.MINUTES) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            process.destroyForcibly();
        }
    }
}
