package dev.lifeboat.adapter.postgres;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.port.out.PartSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a restored database with the backup it came from: every table's rows and the schema. When the schemas
 * differ, the backup's own description (schema/description.txt) says how: which facts only the backup has and which
 * only the restore. An archive of a lifeboat before fingerprint v2 holds a schema hash this one cannot compute; its
 * tables are compared and the schema is said not to be.
 */
final class RestoreCheck {

    private static final int SHOWN_FACTS = 5;

    private RestoreCheck() {
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
        if (parts.parts().stream().map(PartInfo::name).noneMatch(ArchiveLayout.DESCRIPTION::equals)) {
            return "";
        }
        List<String> backup;
        try (InputStream in = parts.open(ArchiveLayout.DESCRIPTION)) {
            backup = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> restoredLines = restored.lines().toList();
        return " (only in the backup: " + shown(backup.stream().filter(line -> !restoredLines.contains(line)).toList())
                + "; only in the restore: " + shown(restoredLines.stream().filter(line -> !backup.contains(line)).toList())
                + ")";
    }

    private static String shown(List<String> facts) {
        if (facts.isEmpty()) {
            return "nothing";
        }
        String shown = String.join(" | ", facts.subList(0, Math.min(SHOWN_FACTS, facts.size())));
        return facts.size() > SHOWN_FACTS ? shown + " | and " + (facts.size() - SHOWN_FACTS) + " more" : shown;
    }
}
