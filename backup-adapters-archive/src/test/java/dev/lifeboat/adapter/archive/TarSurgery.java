package dev.lifeboat.adapter.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Takes archives apart and puts them together differently, the way damage or an attacker would. */
final class TarSurgery {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One member.
     *
     * @param type a tar type flag such as {@link TarConstants#LF_NORMAL} or {@link TarConstants#LF_SYMLINK}
     */
    record Member(String name, byte type, String linkName, byte[] data) {

        static Member file(String name, byte[] data) {
            return new Member(name, TarConstants.LF_NORMAL, "", data);
        }

        static Member file(String name, String text) {
            return file(name, text.getBytes(StandardCharsets.UTF_8));
        }

        static Member link(String name, byte type, String target) {
            return new Member(name, type, target, new byte[0]);
        }

        Member renamed(String newName) {
            return new Member(newName, type, linkName, data);
        }
    }

    private TarSurgery() {
    }

    static List<Member> members(byte[] archive) {
        List<Member> members = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                members.add(new Member(entry.getName(), entry.getLinkFlag(), entry.getLinkName(), tar.readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return members;
    }

    static byte[] tar(List<Member> members) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Member member : members) {
                TarArchiveEntry entry = new TarArchiveEntry(member.name(), member.type(), true);
                entry.setSize(member.data().length);
                entry.setMode(0600);
                entry.setUserName("");
                entry.setGroupName("");
                entry.setModTime(java.nio.file.attribute.FileTime.from(Instant.parse("2026-11-24T10:58:24Z")));
                if (!member.linkName().isEmpty()) {
                    entry.setLinkName(member.linkName());
                }
                tar.putArchiveEntry(entry);
                tar.write(member.data());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The archive with its manifest.json changed by {@code edit} and sealed again, as a writer would have written
     * it, so that what the change does shows beyond the seal.
     */
    static byte[] editManifest(byte[] archive, Consumer<ObjectNode> edit) {
        List<Member> members = new ArrayList<>(members(archive));
        Member manifest = members.remove(members.size() - 1);
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(manifest.data());
            edit.accept(root);
            byte[] document = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            members.add(Member.file(TarMembers.MANIFEST, resealed(root, document)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tar(members);
    }

    private static byte[] resealed(ObjectNode root, byte[] document) {
        return root.has(ManifestSeal.FIELD) ? ManifestSeal.seal(document) : document;
    }

    /** The archive's members, changed by {@code edit}, in a new tar. */
    static byte[] editMembers(byte[] archive, Consumer<List<Member>> edit) {
        List<Member> members = new ArrayList<>(members(archive));
        edit.accept(members);
        return tar(members);
    }

    static int indexOf(List<Member> members, String name) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no member " + name);
    }
}
