package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damage anywhere in an archive is found when it is opened or when its parts are read: every single byte of a small
 * archive is flipped in turn, and the archive is cut at every length.
 */
class DamageTest {

    @TempDir
    Path scratch;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void aFlippedByteAnywhereIsFound(Compression compression, TestReporter reporter) {
        byte[] archive = smallArchive(compression);
        Map<String, int[]> foundPerRegion = new TreeMap<>();
        List<String> missed = new ArrayList<>();

        for (int offset = 0; offset < archive.length; offset++) {
            byte[] damaged = archive.clone();
            damaged[offset] ^= (byte) 0xFF;
            String region = regionOf(archive, offset);
            int[] counts = foundPerRegion.computeIfAbsent(region, r -> new int[2]);
            counts[1]++;
            if (isRefused(damaged)) {
                counts[0]++;
            } else {
                missed.add(offset + " (" + region + ")");
            }
        }

        reporter.publishEntry(compression.id() + " flips found per region (found/flipped)", describe(foundPerRegion));
        assertThat(foundPerRegion.keySet()).contains("tar header", "part data", "member padding", "manifest",
                "end-of-archive marker");
        assertThat(missed).as("flipped bytes that went unnoticed").isEmpty();
    }

    @Test
    void anArchiveCutShortAtAnyLengthIsFound() {
        byte[] archive = smallArchive(Compression.ZSTD);
        List<Integer> missed = new ArrayList<>();

        for (int length = 0; length < archive.length; length++) {
            if (!isRefused(Arrays.copyOf(archive, length))) {
                missed.add(length);
            }
        }

        assertThat(missed).as("truncated lengths that went unnoticed").isEmpty();
    }

    /** Whether opening the archive and reading all its parts fails as damage should: VerificationFailedException. */
    private static boolean isRefused(byte[] archive) {
        try {
            TestArchives.openAndReadEverything(archive);
            return false;
        } catch (VerificationFailedException e) {
            return true;
        }
    }

    private byte[] smallArchive(Compression compression) {
        return TestArchives.write(scratch, CompressionSettings.of(compression), TestArchives.parts(
                "database.sqlite", TestArchives.text(3000, 11),
                "data/public.blob.copy", TestArchives.random(700, 12),
                "data/public.empty.copy", new byte[0],
                "data/" + "long_table_name_".repeat(8) + ".copy", TestArchives.text(300, 13)));
    }

    /** Names the region of the undamaged archive an offset is in. */
    private static String regionOf(byte[] archive, long offset) {
        long position = 0;
        for (TarArchiveEntry entry : entries(archive)) {
            if (offset < entry.getDataOffset()) {
                return "tar header";
            }
            long end = entry.getDataOffset() + entry.getSize();
            if (offset < end) {
                return entry.getName().equals(TarMembers.MANIFEST) ? "manifest" : "part data";
            }
            position = TarMembers.padded(end);
            if (offset < position) {
                return "member padding";
            }
        }
        return "end-of-archive marker";
    }

    private static List<TarArchiveEntry> entries(byte[] archive) {
        try (TarFile tar = new TarFile(archive)) {
            return tar.getEntries();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Map<String, int[]> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((region, found) -> text.append(region).append(' ').append(found[0]).append('/')
                .append(found[1]).append("; "));
        return text.toString();
    }
}
