package dev.lifeboat.it;

import dev.lifeboat.cli.CrashCommandLine;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold in a repository after a run was killed: {@code lifeboat list} shows the backups it showed before,
 * or those and one complete new archive (the run got past its commit); nothing it shows is unreadable; and a run that
 * got as far as writing had first removed what earlier killed runs left.
 */
final class CrashRepositoryCheck {

    private final CrashRepository repository;
    private final String newArchiveMarker;
    private List<String> listed;

    /**
     * @param newArchiveMarker what the name of an archive the killed run may have completed contains: the database
     *                         name for a backup, {@code pre-restore} for the safety backup of a restore
     */
    CrashRepositoryCheck(CrashRepository repository, String newArchiveMarker) {
        this.repository = repository;
        this.newArchiveMarker = newArchiveMarker;
        this.listed = repository.listedNames();
    }

    /** The backups listed now become the ones every later check compares with. */
    void acceptListing() {
        listed = repository.listedNames();
    }

    List<String> listed() {
        return listed;
    }

    /** What is wrong in the repository after the run was killed; empty when nothing is. */
    List<String> afterKill(CrashRun killed) {
        List<String> problems = new ArrayList<>();
        List<CrashRepository.Listed> now = repository.listing();
        now.stream().filter(entry -> !entry.problem().isEmpty()).forEach(entry ->
                problems.add("list shows " + entry.name() + " as unreadable: " + entry.problem()));
        List<String> added = now.stream().map(CrashRepository.Listed::name).filter(name -> !listed.contains(name))
                .sorted().toList();
        List<String> gone = listed.stream().filter(name -> now.stream().noneMatch(entry -> entry.name().equals(name)))
                .toList();
        if (!gone.isEmpty()) {
            problems.add("list no longer shows " + gone);
        }
        if (added.size() > 1 || added.stream().anyMatch(name -> !name.contains(newArchiveMarker))) {
            problems.add("list shows new archives " + added + " (at most one, named with " + newArchiveMarker + ")");
        } else if (added.size() == 1) {
            CrashCommandLine.Result verify = repository.verify(added.get(0));
            if (verify.exitCode() != 0) {
                problems.add("the archive " + added.get(0) + " the killed run completed does not verify: " + verify);
            }
        }
        if (repository.hasTemporaryFilesOf(killed.pid())) {
            List<String> notSwept = repository.temporaryFilesNotOf(killed.pid());
            if (!notSwept.isEmpty()) {
                problems.add("the killed run had begun writing, yet the files of earlier killed runs were still there: "
                        + notSwept);
            }
        }
        if (problems.isEmpty()) {
            listed = now.stream().map(CrashRepository.Listed::name).sorted().toList();
        }
        return problems;
    }

    /**
     * What is wrong after a complete run that was to add one archive: it must be listed beside the earlier ones and
     * verify, and no temporary file may be left.
     */
    List<String> afterCompleteRun(String archive) {
        List<String> problems = new ArrayList<>();
        List<String> expected = new ArrayList<>(listed);
        expected.add(archive);
        List<String> now = repository.listedNames();
        if (!now.equals(expected.stream().sorted().toList())) {
            problems.add("list shows " + now + " instead of " + expected.stream().sorted().toList());
        }
        if (!repository.temporaryFiles().isEmpty()) {
            problems.add("temporary files are left: " + repository.temporaryFiles());
        }
        if (!repository.loneSidecars().isEmpty()) {
            problems.add("sidecars without their archive are left: " + repository.loneSidecars());
        }
        CrashCommandLine.Result verify = repository.verify(archive);
        if (verify.exitCode() != 0) {
            problems.add("the new archive " + archive + " does not verify: " + verify);
        }
        listed = now;
        return problems;
    }

    /**
     * What is wrong when the complete run after kills that left files in the repository did not tell the user it
     * removed them.
     */
    static List<String> cleanupReported(boolean leftovers, LifeboatProcess.Result next, String run) {
        return leftovers && !next.stderr().contains("left by an interrupted run")
                ? List.of("the " + run + " after the kills did not say it removed what they left in the repository: "
                + next.stderr())
                : List.of();
    }
}
