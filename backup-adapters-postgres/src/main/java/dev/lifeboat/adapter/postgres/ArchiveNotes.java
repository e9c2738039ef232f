package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.Identifiers;
import dev.lifeboat.domain.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a restore says about the archive itself, whatever it restored: what the backup left out, and what of the
 * source database a restore never brings back.
 */
final class ArchiveNotes {

    /** How a backup's warning about an object it left out begins (see --allow-unsupported). */
    static final String LEFT_OUT = "not in the backup: ";

    private ArchiveNotes() {
    }

    /**
     * A backup made with --allow-unsupported left objects out; a restore of it, or a deep verification, succeeds
     * without them, and says so, so that nobody takes the restored database for the whole source.
     */
    static List<String> leftOut(Manifest manifest) {
        long count = manifest.warnings().stream().filter(warning -> warning.startsWith(LEFT_OUT)).count();
        if (count == 0) {
            return List.of();
        }
        return List.of("the backup left out " + count + (count == 1 ? " object" : " objects") + " lifeboat cannot"
                + " reproduce (it was made with --allow-unsupported), so the restored database lacks "
                + (count == 1 ? "it" : "them") + "; lifeboat inspect lists " + (count == 1 ? "it" : "them")
                + " from the archive's warnings");
    }

    /**
     * A source database that was a template, or that allowed no connections: a restore makes neither (the first
     * would let anyone copy it with CREATE DATABASE ... TEMPLATE, the second would lock everyone out, the restore
     * first), and says what to run for it.
     */
    static List<String> notRestored(Manifest manifest, String database) {
        Map<String, String> source = manifest.source().properties();
        String quoted = Identifiers.quote(database);
        List<String> notes = new ArrayList<>();
        if ("true".equals(source.get(ServerFacts.TEMPLATE))) {
            notes.add("the source database was a template; the restored one is not (run ALTER DATABASE " + quoted
                    + " IS_TEMPLATE true to make it one)");
        }
        if ("false".equals(source.get(ServerFacts.ALLOWS_CONNECTIONS))) {
            notes.add("the source database allowed no connections; the restored one does (run ALTER DATABASE "
                    + quoted + " ALLOW_CONNECTIONS false to close it)");
        }
        return notes;
    }
}
