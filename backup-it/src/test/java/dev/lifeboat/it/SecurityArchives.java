package dev.lifeboat.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Hostile archives made from real ones, the way an attacker with write access to a repository would make them: members
 * that escape the directory they are unpacked in, links, device files, and parts that decompress to far more than
 * their manifest declares. The sidecar is always made to match, so only lifeboat's own checks stand in the way.
 */
final class SecurityArchives {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SecurityArchives() {
    }

    /**
     * One tar member.
     *
     * @param type a tar type flag such as {@link TarConstants#LF_SYMLINK}
     */
    record Member(String name, byte type, String linkName, byte[] data) {

        static Member file(String name, byte[] data) {
            return new Member(name, TarConstants.LF_NORMAL, "", data);
        }

        static Member special(String name, byte type, String linkName) {
            return new Member(name, type, linkName, new byte[0]);
        }
    }

    /** The real archive's members as plain files, in order. */
    static List<Member> members(Path archive) {
        List<Member> members = new ArrayList<>();
        ArchiveSurgery.members(archive).forEach((name, data) -> members.add(Member.file(name, data)));
        return members;
    }

    /** Writes the members as a new tar over the archive, and reseals its sidecar. */
    static void write(Path archive, List<Member> members) {
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Member member : members) {
                TarArchiveEntry entry = new TarArchiveEntry(member.name(), member.type(), true);
                entry.setSize(member.data().length);
                entry.setMode(member.type() == TarConstants.LF_DIR ? 0700 : 0600);
                entry.setModTime(FileTime.from(Instant.parse("2026-11-24T10:58:24Z")));
                if (!member.linkName().isEmpty()) {
                    entry.setLinkName(member.linkName());
                }
                if (member.type() == TarConstants.LF_CHR) {
                    entry.setDevMajor(1);
                    entry.setDevMinor(3);
                } else if (member.type() == TarConstants.LF_BLK) {
                    entry.setDevMajor(8);
                    entry.setDevMinor(0);
                }
                out.putArchiveEntry(entry);
                out.write(member.data());
                out.closeArchiveEntry();
            }
            out.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArchiveSurgery.resealSidecar(archive);
    }

    /**
     * Replaces the stored bytes of a part and records their true size and hash in the manifest, leaving the raw size
     * and hash the manifest declares as they were: only decompressing tells the part is not what it claims.
     */
    static void replacePartData(Path archive, String memberName, byte[] stored) {
        List<Member> members = new ArrayList<>(members(archive));
        int manifestIndex = members.size() - 1;
        ObjectNode manifest = manifest(members.get(manifestIndex).data());
        boolean found = false;
        for (JsonNode part : manifest.get("parts")) {
            if (part.get("member").asText().equals(memberName)) {
                ((ObjectNode) part).put("storedSize", stored.length);
                ((ObjectNode) part).put("storedSha256", sha256(stored));
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("the manifest lists no member " + memberName + ": " + manifest);
        }
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).name().equals(memberName)) {
                members.set(i, Member.file(memberName, stored));
            }
        }
        members.set(manifestIndex, Member.file("manifest.json", json(manifest)));
        write(archive, members);
    }

    /** The raw size the manifest declares for the part stored in a member. */
    static long declaredRawSize(Path archive, String memberName) {
        Map<String, byte[]> members = ArchiveSurgery.members(archive);
        for (JsonNode part : manifest(members.get("manifest.json")).get("parts")) {
            if (part.get("member").asText().equals(memberName)) {
                return part.get("rawSize").asLong();
            }
        }
        throw new AssertionError("the manifest lists no member " + memberName);
    }

    /** The archive's first part's member name. */
    static String firstPartMember(Path archive) {
        return members(archive).get(0).name();
    }

    /** Edits the manifest's JSON tree and writes it back (with the manifest and the sidecar resealed). */
    static void editManifest(Path archive, java.util.function.Consumer<ObjectNode> edit) {
        List<Member> members = new ArrayList<>(members(archive));
        int last = members.size() - 1;
        ObjectNode manifest = manifest(members.get(last).data());
        edit.accept(manifest);
        members.set(last, Member.file("manifest.json", json(manifest)));
        write(archive, members);
    }

    /**
     * A zstd stream of {@code frames} copies of one frame holding 64 MiB of zeros: about 2 KB a frame, 64 MiB each
     * decompressed. A reader that trusts it to end where the manifest says holds or writes gigabytes.
     */
    static byte[] zstdBomb(int frames) {
        byte[] frame = compress(out -> {
            try (ZstdOutputStream zstd = new ZstdOutputStream(out, 3)) {
                writeZeros(zstd, 64 << 20);
            }
        });
        return repeat(frame, frames);
    }

    /** The same in gzip: a member of 16 MiB of zeros takes about 16 KB; gzip readers read concatenated members on. */
    static byte[] gzipBomb(int members) {
        byte[] member = compress(out -> {
            try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
                writeZeros(gzip, 16 << 20);
            }
        });
        return repeat(member, members);
    }

    @FunctionalInterface
    private interface Writing {
        void writeTo(OutputStream out) throws IOException;
    }

    private static byte[] compress(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writing.writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeZeros(OutputStream out, long count) throws IOException {
        byte[] zeros = new byte[1 << 20];
        for (long left = count; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
    }

    private static byte[] repeat(byte[] unit, int times) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(unit.length * times);
        for (int i = 0; i < times; i++) {
            bytes.write(unit, 0, unit.length);
        }
        return bytes.toByteArray();
    }

    private static ObjectNode manifest(byte[] document) {
        try {
            return (ObjectNode) JSON.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json(ObjectNode manifest) {
        try {
            return ManifestSealing.resealed((JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
