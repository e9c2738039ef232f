package dev.lifeboat.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The byte ranges of a lifeboat archive, by what they hold: each member's header (with any extended header before
 * it), each member's data, the zero padding after it, and the end-of-archive marker with the padding after it.
 */
final class CorruptionRegions {

    private static final int RECORD = 512;

    private CorruptionRegions() {
    }

    /**
     * One range of an archive.
     *
     * @param kind   {@code header}, {@code part}, {@code manifest} or {@code padding}
     * @param name   the member it belongs to, or {@code end of archive}
     * @param from   its first byte
     * @param to     one past its last byte
     */
    record Region(String kind, String name, long from, long to) {

        long size() {
            return to - from;
        }

        @Override
        public String toString() {
            return kind + " " + name + " [" + from + ", " + to + ")";
        }
    }

    /** The regions of an archive in file order; together they cover every byte of it. */
    static List<Region> of(Path archive) {
        List<Region> regions = new ArrayList<>();
        long position = 0;
        try (TarFile tar = new TarFile(archive)) {
            for (TarArchiveEntry entry : tar.getEntries()) {
                long data = entry.getDataOffset();
                long end = data + entry.getSize();
                regions.add(new Region("header", entry.getName(), position, data));
                if (end > data) {
                    regions.add(new Region(entry.getName().equals("manifest.json") ? "manifest" : "part",
                            entry.getName(), data, end));
                }
                position = padded(end);
                if (position > end) {
                    regions.add(new Region("padding", entry.getName(), end, position));
                }
            }
            regions.add(new Region("padding", "end of archive", position, Files.size(archive)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return regions;
    }

    /** Where each member's header starts, its data starts and its data ends: the lengths worth cutting an archive at. */
    static List<Long> boundaries(Path archive) {
        List<Long> boundaries = new ArrayList<>();
        for (Region region : of(archive)) {
            boundaries.add(region.from());
            boundaries.add(region.to());
        }
        return boundaries.stream().distinct().sorted().toList();
    }

    private static long padded(long size) {
        long remainder = size % RECORD;
        return remainder == 0 ? size : size + RECORD - remainder;
    }
}
