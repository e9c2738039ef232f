package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.spi.PartSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares a restored database with the backup it came from: every table's rows and the schema. When the schemas
 * differ, the backup's own description (schema/description.txt) says how: which facts only the backup has and which
 * only the restore. An archive of a lifeboat before fingerprint v2 holds a schema hash this one cannot compute; its
 * tables are compared and the schema is said not to be.
 */
final class RestoreCheck {

    private static final int SHOWN_FACTS = 5;
    private static final Pattern SECRET_HASH = Pattern.compile("md5:[0-9a-f]{32}");

    private RestoreCheck() {
    }

    /**
     * The archive's description must be the one its fingerprint hashes: a damaged one, even with its checksums
     * recomputed, would otherwise go unnoticed until it explained a mismatch wrongly. Checked before anything is
     * loaded; an archive without one (before fingerprint v2) has nothing to check.
     */
    static void requireIntactDescription(Fingerprint expected, PartSource parts) {
        if (!hasDescription(parts)) {
            return;
        }
        if (!ArchiveLayout.schemaHash(description(parts)).equals(expected.schemaHash())) {
            throw new VerificationFailedException(ArchiveLayout.DESCRIPTION + " does not match the fingerprint's "
                    + "schema hash: the archive is damaged. Nothing was restored");
        }
    }

    static List<VerificationCheck> compare(Fingerprint expected, DatabaseFingerprint.Measured restored,
                                           PartSource parts) {
        Fingerprint actual = restored.fingerprint();
        boolean legacy = expected.algorithm().equals(ArchiveLayout.FINGERPRINT_ALGORITHM_V1);
        Fingerprint comparable = legacy ? new Fingerprint(actual.algorithm(), actual.schemaHash(),
                expected.attributes(), expected.tables()) : expected;
        List<String> differences = new ArrayList<>(comparable.differencesFrom(actual));
        if (differences.remove("schema differs")) {
            differences.add(0, "schema differs" + explanation(parts, restored.description()));
        }
        if (!differences.isEmpty()) {
            throw new VerificationFailedException("the restored data does not match the backup: "
                    + String.join("; ", differences) + ". The target was not changed");
        }
        return List.of(VerificationCheck.passed("fingerprint", actual.tables().size() + " tables, "
                        + actual.totalRows() + " rows match the backup"),
                legacy ? VerificationCheck.passed("schema", "not compared: the archive was made by a lifeboat whose "
                        + "schema description this one no longer computes")
                        : VerificationCheck.passed("schema", "the restored schema matches the backup's description"));
    }

    private static String explanation(PartSource parts, String restored) {
        if (!hasDescription(parts)) {
            return "";
        }
        List<String> backup = List.of(description(parts).split("\n"));
        List<String> restoredLines = List.of(restored.split("\n"));
        Set<String> backupSet = new HashSet<>(backup);
        Set<String> restoredSet = new HashSet<>(restoredLines);
        return " (only in the backup: " + shown(backup.stream().filter(line -> !restoredSet.contains(line)).toList())
                + "; only in the restore: " + shown(restoredLines.stream().filter(line -> !backupSet.contains(line))
                .toList()) + ")";
    }

    private static boolean hasDescription(PartSource parts) {
        return parts.parts().stream().map(PartInfo::name).anyMatch(ArchiveLayout.DESCRIPTION::equals);
    }

    /**
     * The description as the backup wrote it; a schema description is small, so it is read whole, and before the
     * whole archive's check (the restore waits for that before it replaces anything).
     */
    private static String description(PartSource parts) {
        try (InputStream in = parts.openBeforeArchiveCheck(ArchiveLayout.DESCRIPTION)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first few facts, for a message. Values that may be secrets (a user mapping's password, a connection
     * string) are in the description only as hashes, {@code md5:...}; a message shows not even those, since a hash
     * of a short password is easily reversed.
     */
    private static String shown(List<String> facts) {
        if (facts.isEmpty()) {
            return "nothing";
        }
        String shown = SECRET_HASH.matcher(String.join(" | ", facts.subList(0, Math.min(SHOWN_FACTS, facts.size()))))
                .replaceAll("md5:(hidden)");
        return facts.size() > SHOWN_FACTS ? shown + " | and " + (facts.size() - SHOWN_FACTS) + " more" : shown;
    }
}
