package dev.lifeboat.adapter.sqlite;

import dev.lifeboat.domain.model.HostIdentity;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a restore writes beside its target, {@code .NAME.lifeboat-restore-<pid>.<host id>-<random>}, and the
 * removal of those left by a restore that was killed (SIGKILL, power loss): a file of this machine whose process is
 * gone is a leftover. The {@link HostIdentity#id() host id} tells this machine's process ids from those of another
 * that shares the directory (a network file system, containers with their own pid numbering, a volume mounted in
 * both), where the same pid is another process: another machine's file is a leftover once it has not changed for a
 * day, as in a repository. A name with a process id but no host id (written by an older lifeboat) is judged by its
 * process id, and one without either once it is an hour old.
 */
final class RestoreLeftovers {

    private static final Duration UNOWNED_AGE = Duration.ofHours(1);
    private static final Duration OTHER_MACHINE_QUIET = Duration.ofHours(24);
    private static final Pattern OWNER = Pattern.compile("([0-9]{1,18})(?:\\.([0-9a-f]+))?-.+");

    private RestoreLeftovers() {
    }

    /** What the names of a target's temporary files begin with. */
    static String prefix(Path target) {
        return "." + target.getFileName() + ".lifeboat-restore-";
    }

    /** A name for a temporary file of this process beside a target, ending with {@code unique}. */
    static Path ownFile(Path target, String unique) {
        return target.resolveSibling(prefix(target) + ProcessHandle.current().pid() + "." + HostIdentity.local().id()
                + "-" + unique);
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
        Matcher owner = OWNER.matcher(suffix);
        if (!owner.matches()) {
            return unchangedFor(file, UNOWNED_AGE);
        }
        String hostId = owner.group(2);
        if (hostId != null && !hostId.equals(HostIdentity.local().id())) {
            return unchangedFor(file, OTHER_MACHINE_QUIET);
        }
        long pid = Long.parseLong(owner.group(1));
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
    }

    private static boolean unchangedFor(Path file, Duration quiet) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        return modified.toInstant().isBefore(Instant.now().minus(quiet));
    }
}
