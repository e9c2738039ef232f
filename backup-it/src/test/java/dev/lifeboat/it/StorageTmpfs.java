package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs file system mounted for one test, so that a disk really fills up under lifeboat; a filler file at
 * its root sets how much room is left. Mounting needs root. Run as root (as CI runs), a mount that fails fails the
 * test; run without root, the test is not run, and says so: a {@code RELIABILITY ... NOT RUN} line on standard output
 * and standard error, and JUnit reports it as aborted (skipped) with the reason. The injected write failures are
 * tests of their own and never stand in for these. Always close it: closing unmounts.
 */
final class StorageTmpfs implements AutoCloseable {

    private static final String FILLER = "filler";
    private static final int PAGE = 4096;

    private final Path mountPoint;

    private StorageTmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /**
     * Mounts a tmpfs of the given size on a new directory. Fails the test when it cannot although it runs as root;
     * without root, aborts it with a visible message that the scenario did not run.
     *
     * @param scenario the name of the scenario's {@code RELIABILITY} line
     */
    static StorageTmpfs mount(Path mountPoint, int megabytes, String scenario) {
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Command mount = Command.run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0700", "tmpfs",
                mountPoint.toString());
        if (mount.exitCode() == 0) {
            return new StorageTmpfs(mountPoint);
        }
        String why = "cannot mount a tmpfs on " + mountPoint + " (" + mount.output().trim() + ")";
        if (StorageRun.runningAsRoot()) {
            throw new AssertionError(why + " although the tests run as root: the disk-full cases must run here");
        }
        String notRun = "RELIABILITY " + scenario + " NOT RUN: " + why + "; run the tests as root (as CI does) to"
                + " fill a real disk";
        System.out.println(notRun);
        System.err.println(notRun);
        Assumptions.abort(notRun);
        throw new AssertionError("unreachable: Assumptions.abort returned");
    }

    Path path() {
        return mountPoint;
    }

    long usableBytes() {
        try {
            return Files.getFileStore(mountPoint).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Grows or shrinks the filler file until only about so many bytes (rounded down to a page) stay free. */
    void leaveFree(long bytes) {
        removeFiller();
        long fill = (usableBytes() - bytes) / PAGE * PAGE;
        assertThat(fill).as("room to fill on " + mountPoint).isNotNegative();
        byte[] page = new byte[PAGE];
        try (OutputStream out = Files.newOutputStream(mountPoint.resolve(FILLER))) {
            for (long written = 0; written < fill; written += PAGE) {
                out.write(page);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(usableBytes()).as("free bytes left on " + mountPoint).isBetween(bytes - PAGE, bytes + PAGE);
    }

    /** Fills the disk to its last page, whatever else is writing to it at the same time. */
    void fillUp() {
        byte[] page = new byte[PAGE];
        try (OutputStream out = Files.newOutputStream(mountPoint.resolve(FILLER))) {
            while (true) {
                out.write(page);
            }
        } catch (IOException e) {
            if (!e.toString().contains("No space left on device")) {
                throw new UncheckedIOException(e);
            }
        }
    }

    void removeFiller() {
        try {
            Files.deleteIfExists(mountPoint.resolve(FILLER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unmounts; a busy mount is detached lazily, so no test leaves a mount behind. */
    @Override
    public void close() {
        Command umount = Command.run("umount", mountPoint.toString());
        if (umount.exitCode() != 0) {
            Command lazy = Command.run("umount", "-l", mountPoint.toString());
            assertThat(lazy.exitCode()).as("umount -l " + mountPoint + ": " + lazy.output()).isZero();
        }
    }

    private record Command(int exitCode, String output) {

        static Command run(String... command) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
                return new Command(process.exitValue(), output);
            } catch (IOException e) {
                // no mount command at all: as good as not being allowed to mount
                return new Command(127, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
