package dev.lifeboat.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeboat.it.CorruptionRegions.Region;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;

/**
 * The damages tried on one archive: a byte flipped at offsets spread over every region (each tar header, each part's
 * data, the manifest, the padding, the sidecar), the archive cut at many lengths, parts swapped in the tar and in the
 * manifest, garbage appended, the manifest replaced by a later archive's; each archive-side damage also with the
 * sidecar resealed, so the archive's own checks must catch it. In the exhaustive mode every byte is flipped and every
 * length cut.
 *
 * <p>Flips in the manifest are also tried with its seal ({@code manifestSha256}) made right again: then a flip in the
 * fingerprint is a damage only a restore can see (it is tried with verify --deep and restore).
 */
final class CorruptionCatalog {

    /** XOR masks cycled over the flips: low bit, high bit, every bit, a middle bit; none turns a hex digit's case. */
    private static final int[] MASKS = {0x01, 0x80, 0xFF, 0x04};
    private static final String MANIFEST = "manifest.json";
    private static final int RECORD = 512;
    /** The zero padding a tar may carry after its end-of-archive marker (GNU tar pads to 10 KiB blocks). */
    private static final int ALLOWED_TRAILING_ZEROS = 20 * RECORD;

    private final Path pristine;
    private final Path later;
    private final boolean exhaustive;
    private final int fingerprintFlips;
    private final String manifest;
    private final List<CorruptionDamage> damages = new ArrayList<>();

    private CorruptionCatalog(Path pristine, Path later, boolean exhaustive, int fingerprintFlips) {
        this.pristine = pristine;
        this.later = later;
        this.exhaustive = exhaustive;
        this.fingerprintFlips = fingerprintFlips;
        this.manifest = new String(ArchiveSurgery.members(pristine).get(MANIFEST), StandardCharsets.ISO_8859_1);
    }

    /**
     * @param pristine         an archive as lifeboat wrote it, its sidecar beside it
     * @param later            a later archive of the same database, whose data differs
     * @param exhaustive       every byte and every length instead of a spread
     * @param fingerprintFlips how many flips in the manifest's fingerprint to try with the sidecar resealed (each is
     *                         restored, which takes longer)
     */
    static List<CorruptionDamage> of(Path pristine, Path later, boolean exhaustive, int fingerprintFlips) {
        CorruptionCatalog catalog = new CorruptionCatalog(pristine, later, exhaustive, fingerprintFlips);
        catalog.flips();
        catalog.sidecarDamages();
        catalog.truncations();
        catalog.swaps();
        catalog.appendages();
        catalog.foreignManifest();
        return List.copyOf(catalog.damages);
    }

    private void flips() {
        for (Region region : CorruptionRegions.of(pristine)) {
            if (region.kind().equals("manifest")) {
                manifestFlips(region);
                continue;
            }
            for (long offset : spread(region.from(), region.to(), region.kind().equals("part") ? 12 : 8)) {
                add(flip("flip-" + region.kind(), region, offset, ""));
            }
        }
    }

    /**
     * Flips in the manifest: with the sidecar intact; with the sidecar resealed, when the manifest's own seal must
     * catch any of them; and with the seal and the sidecar both made right again, as a tool rewriting the manifest
     * would, when the fields' own checks must catch a change to the structure or the parts, and only restoring a
     * change to the fingerprint. A change to a field that merely describes the backup (tool version, times, the
     * source's description, options, durations) under a recomputed seal and sidecar is an edit, not damage, and is
     * not tried.
     */
    private void manifestFlips(Region region) {
        for (long offset : spread(region.from(), region.to(), 40)) {
            damages.add(flip("flip-manifest", region, offset, manifestLine(offset - region.from())));
            damages.add(flip("flip-manifest", region, offset, manifestLine(offset - region.from())).resealed());
        }
        List<Long> archiveGuarded = new ArrayList<>();
        List<Long> restoreGuarded = new ArrayList<>();
        byte[] document = manifest.getBytes(StandardCharsets.ISO_8859_1);
        for (long offset = region.from(); offset < region.to(); offset++) {
            byte[] changed = document.clone();
            int at = (int) (offset - region.from());
            changed[at] = (byte) (changed[at] ^ mask(offset));
            switch (CorruptionManifestFields.guardOf(document, ManifestSealing.resealed(changed))) {
                case ARCHIVE -> archiveGuarded.add(offset);
                case RESTORE -> restoreGuarded.add(offset);
                case NONE -> {
                    // an edit of what the backup merely describes, with everything that checks it made right
                }
            }
        }
        for (long offset : pick(archiveGuarded, exhaustive ? archiveGuarded.size() : 40)) {
            damages.add(sealedFlip("flip-fields", region, offset).resealed());
        }
        for (long offset : pick(restoreGuarded, exhaustive ? 200 : fingerprintFlips)) {
            damages.add(sealedFlip("flip-fingerprint", region, offset).resealed(CorruptionDamage.Guard.RESTORE));
        }
    }

    /** A flip in the manifest after which its seal is made right again, in place. */
    private CorruptionDamage sealedFlip(String kind, Region region, long offset) {
        int mask = mask(offset);
        return new CorruptionDamage(kind, String.format("byte %d (%s, in the line '%s') XOR 0x%02X, manifest "
                + "sealed again", offset, region, manifestLine(offset - region.from()), mask), archive -> {
            flip(archive, offset, mask);
            resealManifestInPlace(archive, region);
        });
    }

    /** Seals the manifest, which lies in {@code region} of the archive, again where it is. */
    private static void resealManifestInPlace(Path archive, Region region) throws IOException {
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer document = ByteBuffer.allocate((int) region.size());
            channel.read(document, region.from());
            byte[] resealed = ManifestSealing.resealed(document.array());
            if (resealed.length == region.size()) {
                channel.write(ByteBuffer.wrap(resealed), region.from());
            }
        }
    }

    private static CorruptionDamage flip(String kind, Region region, long offset, String line) {
        int mask = mask(offset);
        String where = line.isEmpty() ? "" : ", in the line '" + line + "'";
        return new CorruptionDamage(kind, String.format("byte %d (%s%s) XOR 0x%02X", offset, region, where, mask),
                archive -> flip(archive, offset, mask));
    }

    private static int mask(long offset) {
        return MASKS[(int) (offset % MASKS.length)];
    }

    private void sidecarDamages() {
        long size = size(ArchiveSurgery.sidecar(pristine));
        for (long offset : spread(0, size, 24)) {
            int mask = mask(offset);
            damages.add(new CorruptionDamage("flip-sidecar", String.format("sidecar byte %d of %d XOR 0x%02X", offset,
                    size, mask), archive -> flip(ArchiveSurgery.sidecar(archive), offset, mask)));
        }
        // without its final newline a sidecar means the same to sha256sum, so the cuts stop before it
        for (long length : new long[] {0, 1, 32, 63, 64, 65, 66, size - 2}) {
            damages.add(new CorruptionDamage("truncate-sidecar", "sidecar cut to " + length + " of " + size + " bytes",
                    archive -> truncate(ArchiveSurgery.sidecar(archive), length)));
        }
    }

    private void truncations() {
        long size = size(pristine);
        TreeSet<Long> lengths = new TreeSet<>(spread(0, size, 24));
        for (long boundary : CorruptionRegions.boundaries(pristine)) {
            for (long length : new long[] {boundary - 1, boundary, boundary + 1}) {
                if (length >= 0 && length < size) {
                    lengths.add(length);
                }
            }
        }
        for (long length : lengths) {
            add(new CorruptionDamage("truncate", "archive cut to " + length + " of " + size + " bytes",
                    archive -> truncate(archive, length)));
        }
    }

    private void swaps() {
        Map<String, byte[]> members = ArchiveSurgery.members(pristine);
        List<String> parts = members.keySet().stream().filter(name -> !name.equals(MANIFEST)).toList();
        add(new CorruptionDamage("swap-parts", "manifest.json moved before the first part in the tar",
                archive -> rewrite(archive, current -> moved(current, MANIFEST, 0))));
        if (parts.size() == 1) {
            String part = parts.get(0);
            add(new CorruptionDamage("swap-parts", "manifest: storedSha256 and rawSha256 of " + part + " exchanged",
                    archive -> editManifest(archive, manifest -> exchangeFields(manifest, 0, 0, "storedSha256", "rawSha256"))));
            add(new CorruptionDamage("swap-parts", "manifest: storedSize and rawSize of " + part + " exchanged",
                    archive -> editManifest(archive, manifest -> exchangeFields(manifest, 0, 0, "storedSize", "rawSize"))));
        }
        for (int[] pair : pairs(parts.size())) {
            String first = parts.get(pair[0]);
            String second = parts.get(pair[1]);
            String which = first + " and " + second;
            add(new CorruptionDamage("swap-parts", "tar: members " + which + " exchanged places",
                    archive -> rewrite(archive, current -> exchangedPlaces(current, first, second))));
            if (!Arrays.equals(members.get(first), members.get(second))) {
                add(new CorruptionDamage("swap-parts", "tar: the data of " + which + " exchanged, names kept",
                        archive -> rewrite(archive, current -> exchangedData(current, first, second))));
            }
            add(new CorruptionDamage("swap-parts", "manifest: the entries of " + which + " exchanged",
                    archive -> editManifest(archive, manifest -> exchangeEntries(manifest, pair[0], pair[1]))));
            JsonNode entries = Json.parse(new String(members.get(MANIFEST), StandardCharsets.UTF_8)).get("parts");
            for (String field : List.of("storedSha256", "rawSha256", "storedSize", "rawSize")) {
                if (entries.get(pair[0]).get(field).equals(entries.get(pair[1]).get(field))) {
                    // two parts of the same size (small compressed parts can be): exchanging them changes nothing
                    continue;
                }
                add(new CorruptionDamage("swap-parts", "manifest: " + field + " of " + which + " exchanged",
                        archive -> editManifest(archive, manifest -> exchangeFields(manifest, pair[0], pair[1], field, field))));
            }
        }
        Map<String, byte[]> laterMembers = ArchiveSurgery.members(later);
        for (String part : parts) {
            byte[] laterData = laterMembers.get(part);
            if (laterData != null && !Arrays.equals(laterData, members.get(part))) {
                add(new CorruptionDamage("swap-parts", "tar: the data of " + part + " taken from the later archive",
                        archive -> rewrite(archive, current -> {
                            current.put(part, laterData);
                            return current;
                        })));
            }
        }
    }

    private void appendages() {
        Random random = new Random(5);
        for (int length : new int[] {1, 17, RECORD - 1, RECORD, 2 * RECORD, 3 * RECORD + 7, ALLOWED_TRAILING_ZEROS,
                ALLOWED_TRAILING_ZEROS + RECORD, 100_000}) {
            byte[] garbage = new byte[length];
            random.nextBytes(garbage);
            garbage[0] = (byte) (garbage[0] | 1);
            add(new CorruptionDamage("append-garbage", length + " random bytes appended",
                    archive -> append(archive, garbage)));
        }
        byte[] zeros = new byte[ALLOWED_TRAILING_ZEROS + RECORD];
        add(new CorruptionDamage("append-garbage", zeros.length + " zero bytes appended, past the padding a tar may have",
                archive -> append(archive, zeros)));
        byte[] copy = read(pristine);
        add(new CorruptionDamage("append-garbage", "a copy of the whole archive appended", archive -> append(archive, copy)));
        byte[] laterArchive = read(later);
        add(new CorruptionDamage("append-garbage", "the later archive appended", archive -> append(archive, laterArchive)));
        byte[] stray = strayMember();
        add(new CorruptionDamage("append-garbage", "a tar member appended after the end-of-archive marker",
                archive -> append(archive, stray)));
    }

    private void foreignManifest() {
        byte[] laterManifest = ArchiveSurgery.members(later).get(MANIFEST);
        damages.add(new CorruptionDamage("foreign-manifest", "manifest.json replaced by the later archive's",
                archive -> rewrite(archive, current -> {
                    current.put(MANIFEST, laterManifest);
                    return current;
                })).resealed());
        damages.add(new CorruptionDamage("foreign-manifest", "manifest.json replaced by the later archive's, in place",
                archive -> replaceManifestInPlace(archive, laterManifest)).resealed());
    }

    /** The manifest's line that holds the byte at an offset into it, trimmed. */
    private String manifestLine(long offset) {
        int start = manifest.lastIndexOf('\n', (int) offset - 1) + 1;
        int end = manifest.indexOf('\n', (int) offset);
        return manifest.substring(start, end < 0 ? manifest.length() : end).trim();
    }

    /** Adds a damage of the archive, and the same damage with the sidecar resealed. */
    private void add(CorruptionDamage damage) {
        damages.add(damage);
        damages.add(damage.resealed());
    }

    private List<Long> spread(long from, long to, int count) {
        if (to <= from) {
            return List.of();
        }
        long size = to - from;
        if (exhaustive || size <= count) {
            return LongStream.range(from, to).boxed().toList();
        }
        if (count == 1) {
            return List.of(from + size / 2);
        }
        TreeSet<Long> offsets = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            offsets.add(from + (size - 1) * i / (count - 1));
        }
        return List.copyOf(offsets);
    }

    /** Up to {@code count} of the values, spread evenly. */
    private static List<Long> pick(List<Long> values, int count) {
        if (values.size() <= count) {
            return values;
        }
        if (count == 1) {
            return List.of(values.get(values.size() / 2));
        }
        List<Long> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(values.get((int) ((long) (values.size() - 1) * i / (count - 1))));
        }
        return picked;
    }

    private static List<int[]> pairs(int count) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < count; i++) {
            pairs.add(new int[] {i, i + 1});
        }
        if (count > 2) {
            pairs.add(new int[] {0, count - 1});
        }
        return pairs;
    }

    static void flip(Path file, long offset, int mask) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            if (channel.read(one, offset) != 1) {
                throw new IOException("no byte at offset " + offset + " of " + file);
            }
            one.put(0, (byte) (one.get(0) ^ mask)).rewind();
            channel.write(one, offset);
        }
    }

    static void truncate(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }
    }

    private static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static void rewrite(Path archive, UnaryOperator<Map<String, byte[]>> edit) {
        ArchiveSurgery.write(archive, edit.apply(ArchiveSurgery.members(archive)));
    }

    /** Writes a manifest of the same length over the old one, or rewrites the tar when the lengths differ. */
    private static void replaceManifestInPlace(Path archive, byte[] manifest) throws IOException {
        Region region = CorruptionRegions.of(archive).stream().filter(r -> r.kind().equals("manifest")).findFirst()
                .orElseThrow();
        if (region.size() != manifest.length) {
            rewrite(archive, current -> {
                current.put(MANIFEST, manifest);
                return current;
            });
            return;
        }
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(manifest), region.from());
        }
    }

    private static void editManifest(Path archive, UnaryOperator<ObjectNode> edit) {
        rewrite(archive, current -> {
            ObjectNode manifest = (ObjectNode) Json.parse(new String(current.get(MANIFEST), StandardCharsets.UTF_8));
            current.put(MANIFEST, ManifestSealing.resealed((edit.apply(manifest).toPrettyString() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            return current;
        });
    }

    private static ObjectNode exchangeEntries(ObjectNode manifest, int first, int second) {
        ArrayNode parts = (ArrayNode) manifest.get("parts");
        JsonNode kept = parts.get(first);
        parts.set(first, parts.get(second));
        parts.set(second, kept);
        return manifest;
    }

    private static ObjectNode exchangeFields(ObjectNode manifest, int first, int second, String firstField,
                                             String secondField) {
        ObjectNode a = (ObjectNode) manifest.get("parts").get(first);
        ObjectNode b = (ObjectNode) manifest.get("parts").get(second);
        JsonNode kept = a.get(firstField);
        a.set(firstField, b.get(secondField));
        b.set(secondField, kept);
        return manifest;
    }

    private static Map<String, byte[]> moved(Map<String, byte[]> members, String name, int position) {
        List<String> order = new ArrayList<>(members.keySet());
        order.remove(name);
        order.add(position, name);
        Map<String, byte[]> reordered = new LinkedHashMap<>();
        order.forEach(member -> reordered.put(member, members.get(member)));
        return reordered;
    }

    private static Map<String, byte[]> exchangedPlaces(Map<String, byte[]> members, String first, String second) {
        List<String> order = new ArrayList<>(members.keySet());
        int i = order.indexOf(first);
        int j = order.indexOf(second);
        order.set(i, second);
        order.set(j, first);
        Map<String, byte[]> reordered = new LinkedHashMap<>();
        order.forEach(member -> reordered.put(member, members.get(member)));
        return reordered;
    }

    private static Map<String, byte[]> exchangedData(Map<String, byte[]> members, String first, String second) {
        byte[] kept = members.get(first);
        members.put(first, members.get(second));
        members.put(second, kept);
        return members;
    }

    /** A small valid tar holding one member named like a part, as a tool appending to the archive would write it. */
    private static byte[] strayMember() {
        try {
            Path temporary = Files.createTempFile("corruption-stray", ".tar");
            try {
                ArchiveSurgery.write(temporary, Map.of("extra.bin", "appended".getBytes(StandardCharsets.UTF_8)));
                return Files.readAllBytes(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
