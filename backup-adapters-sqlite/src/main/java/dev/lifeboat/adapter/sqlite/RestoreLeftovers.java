package dev.lifeboat.adapter.sqlite;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files a restore writes beside its target, {@code .NAME.lifeboat-restore-<pid>-<random>}, and the removal of
 * those left by a restore that was killed (SIGKILL, power loss): a file whose process is gone is a leftover. A name
 * without a process id (written by an older lifeboat) counts as a leftover once it is an hour old.
 */
final class RestoreLeftovers {

    private static final Duration UNOWNED_AGE = Duration.ofHours(1);

    private RestoreLeftovers() {
    }

    /** What the names of a target's temporary files begin with. */
    static String prefix(Path target) {
        return "." + target.getFileName() + ".lifeboat-restore-";
    }

    /**
     * Removes the leftovers beside a target; a file that cannot be removed stays for a later run.
     *
     * @return a notice when something was removed, for the restore's warnings
     */
    static List<String> removeBeside(Path target) {
        Path directory = target.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        String prefix = prefix(target);
        List<Path> removed = new ArrayList<>();
        long bytes = 0;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(directory, entry ->
                entry.getFileName().toString().startsWith(prefix))) {
            for (Path sibling : siblings) {
                if (isLeftover(sibling, sibling.getFileName().toString().substring(prefix.length()))) {
                    long size = Files.isRegularFile(sibling, LinkOption.NOFOLLOW_LINKS) ? Files.size(sibling) : 0;
                    // deleting a link removes the link, never what it points to
                    if (Files.deleteIfExists(sibling)) {
                        removed.add(sibling);
                        bytes += size;
                    }
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        if (removed.isEmpty()) {
            return List.of();
        }
        return List.of("removed " + removed.size() + " temporary file" + (removed.size() == 1 ? "" : "s") + " ("
                + bytes + " bytes) left beside " + target.getFileName() + " by an interrupted restore");
    }

    private static boolean isLeftover(Path file, String suffix) throws IOException {
        Optional<Long> pid = processOf(suffix);
        if (pid.isPresent()) {
            return pid.get() != ProcessHandle.current().pid() && ProcessHandle.of(pid.get()).isEmpty();
        }
        FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        return modified.toInstant().isBefore(Instant.now().minus(UNOWNED_AGE));
    }

    private static Optional<Long> processOf(String suffix) {
        int dash = suffix.indexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(suffix.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
