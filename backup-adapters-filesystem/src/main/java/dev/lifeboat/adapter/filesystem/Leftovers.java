package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.model.BackupName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells which files in a repository were left by runs that ended without cleaning up: temporary files of a crashed
 * run, and sidecars and verification records whose archive is gone (a crash between the two renames of a commit, an
 * archive removed by hand, a verification that ended as its archive was pruned).
 *
 * <p>A temporary file made on this machine belongs to a crashed run when its process is gone. One made on another
 * machine, or in another container, cannot be asked about: the same pid there is another process. Its run counts as
 * crashed once none of its files (a scratch file and the companions a tool made beside it) has changed for
 * {@link #QUIET_PERIOD}; a run that is still going writes far more often than that.
 */
final class Leftovers {

    static final Duration QUIET_PERIOD = Duration.ofHours(24);

    private Leftovers() {
    }

    /**
     * The leftovers among a repository's entries.
     *
     * @param now when the sweep runs, to tell how long other machines' files have been quiet
     */
    static List<Path> among(Path directory, List<Path> entries, Instant now) {
        List<Path> leftovers = new ArrayList<>();
        Map<TempFiles.Owner, List<Path>> otherMachines = new LinkedHashMap<>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            Optional<TempFiles.Owner> owner = TempFiles.owner(name);
            if (owner.isPresent() && owner.get().isOnThisHost()) {
                if (!isAlive(owner.get().pid())) {
                    leftovers.add(entry);
                }
            } else if (owner.isPresent()) {
                otherMachines.computeIfAbsent(owner.get(), key -> new ArrayList<>()).add(entry);
            } else if (isLoneSidecar(directory, name)) {
                leftovers.add(entry);
            }
        }
        Instant quietSince = now.minus(QUIET_PERIOD);
        for (List<Path> run : otherMachines.values()) {
            if (run.stream().allMatch(file -> unchangedSince(file, quietSince))) {
                leftovers.addAll(run);
            }
        }
        return leftovers;
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether a file has not changed since the given time; one that cannot be told about counts as changed. */
    private static boolean unchangedSince(Path file, Instant time) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(time);
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isLoneSidecar(Path directory, String fileName) {
        // the sidecar or verification record of a plain or an encrypted archive: the name without its suffix is an
        // archive's
        for (String suffix : new String[] {BackupName.SIDECAR_SUFFIX, BackupName.VERIFICATION_SUFFIX}) {
            if (fileName.endsWith(suffix)) {
                String archive = fileName.substring(0, fileName.length() - suffix.length());
                return BackupName.isArchiveName(archive)
                        && !Files.exists(directory.resolve(archive), LinkOption.NOFOLLOW_LINKS);
            }
        }
        return false;
    }
}
