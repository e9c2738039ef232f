package dev.lifeboat.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/** Damages archives the ways disks, people and attackers do, to prove lifeboat notices. */
final class ArchiveSurgery {

    private ArchiveSurgery() {
    }

    /** The archive's members and their bytes, in order. */
    static Map<String, byte[]> members(Path archive) {
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(archive))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                members.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return members;
    }

    /** Writes members into a new plain tar. */
    static void write(Path archive, Map<String, byte[]> members) {
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(member.getKey(), true);
                entry.setSize(member.getValue().length);
                out.putArchiveEntry(entry);
                out.write(member.getValue());
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the manifest's text and seals it again, as a writer would; keeps everything else. */
    static void editManifest(Path archive, UnaryOperator<String> edit) {
        Map<String, byte[]> members = members(archive);
        String manifest = new String(members.get("manifest.json"), StandardCharsets.UTF_8);
        String edited = edit.apply(manifest);
        if (edited.equals(manifest)) {
            throw new AssertionError("the edit changed nothing in the manifest:\n" + manifest);
        }
        members.put("manifest.json", ManifestSealing.resealed(edited.getBytes(StandardCharsets.UTF_8)));
        write(archive, members);
    }

    /** Rewrites the sidecar so it matches the archive as it is now: damage that also fooled the checksum file. */
    static void resealSidecar(Path archive) {
        try {
            Files.writeString(sidecar(archive), DirectorySnapshot.sha256(archive) + "  " + archive.getFileName() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path sidecar(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".sha256");
    }

    /** Flips one bit at an offset. */
    static void flipByte(Path archive, long offset) {
        try (var channel = java.nio.channels.FileChannel.open(archive, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x01)).rewind();
            channel.write(one, offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The offset of the first data byte of a member. */
    static long dataOffset(Path archive, String memberName) {
        try (TarFile tar = new TarFile(archive)) {
            return tar.getEntries().stream().filter(entry -> entry.getName().equals(memberName))
                    .mapToLong(TarArchiveEntry::getDataOffset).findFirst()
                    .orElseThrow(() -> new AssertionError("no member " + memberName + " in " + archive));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
