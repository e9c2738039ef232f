package dev.lifeboat.adapter.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartNames;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the manifest parser alone: any document, and the same document with its seal made right
 * ({@link ManifestSeal}), is either refused with a {@link LifeboatException} or read into a
 * manifest whose part names are safe to unpack and which writes back to a document that reads as the same manifest.
 * Any other exception, an error such as {@link OutOfMemoryError} or an input that takes longer than the timeout is a
 * finding.
 *
 * <p>Surefire replays the seeds of {@link FuzzSeeds#manifests()} and the inputs kept under
 * {@code ManifestFuzzTestInputs/}; {@link BoundedFuzzingTest} fuzzes it in a JVM of its own.
 */
class ManifestFuzzTest {

    /** Inputs tried in this JVM, read by {@link FuzzingRun}: one per input, however many parses it takes. */
    static final AtomicLong EXECUTIONS = new AtomicLong();

    private static final String ARCHIVE = "fuzzed.lifeboat.tar";

    @MethodSource("dev.lifeboat.adapter.archive.FuzzSeeds#manifests")
    @Timeout(60)
    @FuzzTest(maxDuration = "10s")
    void parsesAnyDocumentOrRefusesIt(byte[] document) {
        EXECUTIONS.incrementAndGet();
        parseSafely(document);
        byte[] resealed = resealed(document);
        if (!Arrays.equals(resealed, document)) {
            parseSafely(resealed);
        }
    }

    /** The document with its seal made right, so that changes to other fields reach the checks behind the seal. */
    private static byte[] resealed(byte[] document) {
        try {
            return ManifestSeal.seal(document);
        } catch (IllegalArgumentException unsealed) {
            return document;
        }
    }

    private static void parseSafely(byte[] document) {
        Manifest manifest;
        try {
            manifest = ManifestJson.parse(new String(document, StandardCharsets.UTF_8), ARCHIVE);
        } catch (LifeboatException refused) {
            return;
        }
        for (PartInfo part : manifest.parts()) {
            if (!PartNames.isSafe(part.name()) || !PartNames.isSafe(part.memberName())) {
                throw new AssertionError("the parser accepted the unsafe part '" + part.name() + "' (member '"
                        + part.memberName() + "')");
            }
        }
        Manifest again = ManifestJson.parse(new String(ManifestJson.write(manifest), StandardCharsets.UTF_8),
                ARCHIVE);
        if (!again.equals(manifest)) {
            throw new AssertionError("an accepted manifest does not survive being written and read again:\n"
                    + manifest + "\nbecame\n" + again);
        }
    }
}
