package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.RestoreJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A backup and a restore in a JVM of its own, started with the heap a test chooses ({@link #run}), so that the test
 * proves data larger than that heap is streamed through it. Parts go to files in a directory.
 */
final class SmallHeapRoundTrip {

    private SmallHeapRoundTrip() {
    }

    /** Arguments: source URL, target URL, directory for the parts. Exits 0 when the restore was verified. */
    public static void main(String[] args) {
        PostgresEngine engine = new PostgresEngine();
        FileParts parts = new FileParts(Path.of(args[2]));
        EngineBackup backup = engine.backup(new BackupJob(DatabaseLocation.parse(args[0]), Map.of("jobs", "1"), parts,
                RoundTripTest.noScratch(), Progress.NONE));
        Manifest manifest = new Manifest(1, "test", Instant.parse("2026-11-29T00:00:00Z"), PostgresEngine.ID,
                backup.description().engineVersion(), SourceInfo.from(backup.description()), Optional.empty(),
                backup.fingerprint(), new TreeMap<>(), parts.parts(), backup.warnings());
        engine.restore(new RestoreJob(manifest, parts, DatabaseLocation.parse(args[1]), false, Optional.empty(),
                Map.of("jobs", "1"), Progress.NONE));
    }

    /**
     * Runs {@link #main} in a new JVM with at most {@code heapMegabytes} of heap.
     *
     * @return the JVM's exit code and what it printed
     */
    static Result run(int heapMegabytes, String sourceUrl, String targetUrl, Path partsDirectory)
            throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx" + heapMegabytes + "m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                classPath, SmallHeapRoundTrip.class.getName(), sourceUrl, targetUrl, partsDirectory.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /** How the JVM ended. */
    record Result(int exitCode, String output) {
    }
}
