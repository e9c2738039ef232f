package dev.lifeboat.it;

import dev.lifeboat.it.CorruptionServices.CorruptionVerdict;
import dev.lifeboat.it.CorruptionTally.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs the corruption matrix of one engine: each damage is applied to a fresh copy of a pristine archive, which
 * {@code verify} must then refuse (exit 6, or 8 for a format it does not know), a sample of them also with
 * {@code --deep}, and another sample must make {@code restore --overwrite} refuse with its target exactly as it was.
 * A damage only a restore can notice (a resealed change to the fingerprint) is verified with --deep and restored,
 * always.
 */
final class CorruptionMatrix {

    static final String VERIFY = "verify";
    static final String VERIFY_DEEP = "verify-deep";
    static final String RESTORE = "restore";

    private final CorruptionServices lifeboat;
    private final Path pristine;
    private final Path work;

    /**
     * @param pristine an archive as lifeboat wrote it, its sidecar beside it
     * @param work     an empty directory for the damaged copies and the restores' safety backups
     */
    CorruptionMatrix(CorruptionServices lifeboat, Path pristine, Path work) {
        this.lifeboat = lifeboat;
        this.pristine = pristine;
        this.work = work;
    }

    /**
     * @param deepPerKind    how many damages of each kind are also verified with --deep
     * @param restorePerKind how many damages of each kind are also restored over the target
     */
    CorruptionTally run(String engine, List<CorruptionDamage> damages, CorruptionTarget target, int deepPerKind,
                        int restorePerKind) {
        Set<CorruptionDamage> deep = sample(damages, deepPerKind);
        Set<CorruptionDamage> restored = sample(damages, restorePerKind);
        CorruptionTally tally = new CorruptionTally(engine);
        Path repository = work.resolve("damaged");
        Path safety = work.resolve("safety");
        String name = pristine.getFileName().toString();
        for (CorruptionDamage damage : damages) {
            Path archive = freshCopy(repository);
            damage.applyTo(archive);
            requireChanged(archive, damage);
            Map<String, Outcome> checks = new LinkedHashMap<>();
            boolean onlyRestoringTells = damage.guard() == CorruptionDamage.Guard.RESTORE;
            if (!onlyRestoringTells) {
                checks.put(VERIFY, refusal(lifeboat.verify(repository, name, false), leftovers(repository)));
            }
            if (onlyRestoringTells || deep.contains(damage)) {
                checks.put(VERIFY_DEEP, leavingAsItWas(target, repository,
                        () -> lifeboat.verify(repository, name, true)));
            }
            if (onlyRestoringTells || restored.contains(damage)) {
                delete(safety);
                checks.put(RESTORE, leavingAsItWas(target, repository,
                        () -> lifeboat.restore(repository, name, target.location(), safety)));
            }
            tally.count(damage, checks);
        }
        delete(repository);
        delete(safety);
        return tally;
    }

    /** Runs a command that must refuse the archive and leave the target, its server and the repository as they were. */
    private Outcome leavingAsItWas(CorruptionTarget target, Path repository, Supplier<CorruptionVerdict> command) {
        String before = target.state();
        CorruptionVerdict verdict = command.get();
        String after = target.state();
        List<String> problems = new ArrayList<>(leftovers(repository));
        if (!after.equals(before)) {
            problems.add("the target changed: before " + before + ", after " + after);
        }
        return refusal(verdict, problems);
    }

    private static Outcome refusal(CorruptionVerdict verdict, List<String> leftovers) {
        boolean detected = verdict.detected() && leftovers.isEmpty();
        String what = "exit " + verdict.exitCode() + (verdict.detail().isEmpty() ? "" : " (" + verdict.detail() + ")")
                + (leftovers.isEmpty() ? "" : "; " + leftovers);
        return new Outcome(detected, what);
    }

    /** Anything in the repository besides the archive, its sidecar and the lock file. */
    private List<String> leftovers(Path repository) {
        String name = pristine.getFileName().toString();
        Set<String> expected = Set.of(name, name + ".sha256", ".lifeboat.lock");
        try (Stream<Path> files = Files.list(repository)) {
            List<String> extra = files.map(file -> file.getFileName().toString()).filter(file -> !expected.contains(file))
                    .sorted().toList();
            return extra.isEmpty() ? List.of() : List.of("left in the repository: " + extra);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path freshCopy(Path repository) {
        delete(repository);
        try {
            Files.createDirectories(repository);
            Path archive = repository.resolve(pristine.getFileName());
            Files.copy(pristine, archive);
            Files.copy(ArchiveSurgery.sidecar(pristine), ArchiveSurgery.sidecar(archive));
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireChanged(Path archive, CorruptionDamage damage) {
        try {
            boolean same = Files.mismatch(archive, pristine) == -1
                    && Files.mismatch(ArchiveSurgery.sidecar(archive), ArchiveSurgery.sidecar(pristine)) == -1;
            if (same) {
                throw new AssertionError("the damage changed nothing, so it tests nothing: " + damage);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Up to {@code perKind} damages of each kind, spread evenly over the kind's damages. */
    static Set<CorruptionDamage> sample(List<CorruptionDamage> damages, int perKind) {
        Map<String, List<CorruptionDamage>> byKind = new TreeMap<>();
        damages.forEach(damage -> byKind.computeIfAbsent(damage.kind(), k -> new ArrayList<>()).add(damage));
        Set<CorruptionDamage> sample = new HashSet<>();
        for (List<CorruptionDamage> kind : byKind.values()) {
            int take = Math.min(perKind, kind.size());
            for (int i = 0; i < take; i++) {
                sample.add(kind.get(take == 1 ? 0 : (kind.size() - 1) * i / (take - 1)));
            }
        }
        return sample;
    }

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
