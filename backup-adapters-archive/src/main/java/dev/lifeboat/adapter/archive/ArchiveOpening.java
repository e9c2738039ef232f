package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Opens an archive: lists its members from their headers alone (never reading the parts' data), checks the tar's
 * structure and every member, reads the manifest and matches its parts to the members. Anything unexpected is
 * refused before a single part is handed out.
 */
final class ArchiveOpening {

    /** Far more than the manifest of any real backup, small enough to hold in memory. */
    static final long MANIFEST_LIMIT = 64L << 20;

    private final ArchiveChannel channel;
    private final String archiveName;

    private ArchiveOpening(ArchiveChannel channel) {
        this.channel = channel;
        this.archiveName = channel.archiveName();
    }

    /** Opens an archive, closing its channel when it cannot be opened. */
    static TarArchiveReader open(SeekableByteChannel archive, String archiveName) {
        ArchiveChannel channel = new ArchiveChannel(archive, archiveName);
        try {
            return new ArchiveOpening(channel).open(archive);
        } catch (RuntimeException | Error e) {
            try {
                channel.close();
            } catch (LifeboatException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private TarArchiveReader open(SeekableByteChannel archive) {
        List<TarArchiveEntry> entries = list(archive);
        TarLayout.check(channel, entries);
        TarArchiveEntry manifestEntry = manifestEntry(entries);
        String document = readManifest(manifestEntry);
        Manifest manifest = ManifestJson.parse(document, archiveName);
        Map<String, TarArchiveEntry> members = checkMembers(entries);
        return new TarArchiveReader(channel, manifest, document, locateParts(manifest, members));
    }

    private List<TarArchiveEntry> list(SeekableByteChannel archive) {
        try {
            archive.position(0);
        } catch (IOException e) {
            throw ArchiveIoFailures.reading(archiveName, e);
        }
        try (TarFile tar = new TarFile(new ListingChannel(archive))) {
            return tar.getEntries();
        } catch (IOException | RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ListingChannel.ChannelFailure failure) {
                    throw ArchiveIoFailures.reading(archiveName, (IOException) failure.getCause());
                }
                if (cause instanceof ListingChannel.ReadLimitExceeded limit) {
                    throw corrupt(limit.getMessage());
                }
            }
            throw new VerificationFailedException(archiveName + " is corrupt or truncated: its tar structure is "
                    + "damaged (" + ArchiveIoFailures.describe(e) + ")", e);
        }
    }

    private TarArchiveEntry manifestEntry(List<TarArchiveEntry> entries) {
        if (entries.isEmpty()) {
            throw corrupt("it holds no members, so no manifest.json");
        }
        TarArchiveEntry last = entries.get(entries.size() - 1);
        if (!last.getName().equals(TarMembers.MANIFEST)) {
            boolean elsewhere = entries.stream().anyMatch(entry -> entry.getName().equals(TarMembers.MANIFEST));
            throw corrupt(elsewhere
                    ? "manifest.json is not its last member ('" + last.getName() + "' follows it)"
                    : "it has no manifest.json (its last member is '" + last.getName() + "'); it is not a lifeboat "
                    + "archive or it was cut short");
        }
        requireRegularFile(last);
        if (last.getSize() > MANIFEST_LIMIT) {
            throw corrupt("its manifest.json takes " + last.getSize() + " bytes, more than the "
                    + (MANIFEST_LIMIT >> 20) + " MiB a manifest may take");
        }
        return last;
    }

    private String readManifest(TarArchiveEntry entry) {
        byte[] bytes = channel.readFully(entry.getDataOffset(), (int) entry.getSize(), "manifest.json");
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw corrupt("its manifest.json is not valid UTF-8 text");
        }
    }

    /** Each member must be a regular file with a safe name, present once. */
    private Map<String, TarArchiveEntry> checkMembers(List<TarArchiveEntry> entries) {
        Map<String, TarArchiveEntry> members = new LinkedHashMap<>();
        for (TarArchiveEntry entry : entries) {
            requireRegularFile(entry);
            String name = entry.getName();
            if (!name.equals(TarMembers.MANIFEST) && !PartNames.isSafe(name)) {
                throw refused("member '" + name + "' has an unsafe name: absolute, with '..' or '.', or with "
                        + "characters other than letters, digits, '_', '.', '+', '-' and '/'; unpacking it could "
                        + "write outside the directory it is unpacked in");
            }
            if (members.put(name, entry) != null) {
                throw refused("member '" + name + "' appears twice, so which copy is meant is unclear");
            }
        }
        return members;
    }

    private void requireRegularFile(TarArchiveEntry entry) {
        byte type = entry.getLinkFlag();
        if (type != TarConstants.LF_NORMAL && type != TarConstants.LF_OLDNORM) {
            throw refused("member '" + entry.getName() + "' is " + describeType(entry)
                    + "; a lifeboat archive holds only regular files");
        }
        if (entry.isSparse()) {
            throw refused("member '" + entry.getName() + "' is a sparse file; a lifeboat archive holds only plain "
                    + "regular files");
        }
    }

    /** Every part the manifest lists must be a member of the stored size, in the same order, and nothing else. */
    private Map<String, PartLocation> locateParts(Manifest manifest, Map<String, TarArchiveEntry> members) {
        Map<String, TarArchiveEntry> unlisted = new HashMap<>(members);
        unlisted.remove(TarMembers.MANIFEST);
        Map<String, PartLocation> parts = new LinkedHashMap<>();
        List<String> memberOrder = new ArrayList<>(members.keySet());
        List<String> listedOrder = new ArrayList<>();
        for (PartInfo part : manifest.parts()) {
            TarArchiveEntry member = unlisted.remove(part.memberName());
            if (member == null) {
                throw corrupt("part '" + part.name() + "' is in the manifest but its member '" + part.memberName()
                        + "' is missing");
            }
            if (member.getSize() != part.storedSize()) {
                throw corrupt("member '" + part.memberName() + "' holds " + member.getSize() + " bytes but the "
                        + "manifest records " + part.storedSize() + " for part '" + part.name() + "'");
            }
            listedOrder.add(part.memberName());
            parts.put(part.name(), new PartLocation(part, member.getDataOffset()));
        }
        if (!unlisted.isEmpty()) {
            throw refused("member '" + unlisted.keySet().iterator().next() + "' is not a part the manifest lists");
        }
        memberOrder.remove(TarMembers.MANIFEST);
        if (!memberOrder.equals(listedOrder)) {
            throw corrupt("the manifest lists the parts in the order " + listedOrder + " but the archive holds them "
                    + "in the order " + memberOrder);
        }
        return parts;
    }

    private static String describeType(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "a symbolic link to '" + entry.getLinkName() + "'";
        }
        if (entry.isLink()) {
            return "a hard link to '" + entry.getLinkName() + "'";
        }
        if (entry.isDirectory()) {
            return "a directory";
        }
        if (entry.isCharacterDevice()) {
            return "a character device";
        }
        if (entry.isBlockDevice()) {
            return "a block device";
        }
        if (entry.isFIFO()) {
            return "a named pipe";
        }
        return "of tar type '" + (char) entry.getLinkFlag() + "'";
    }

    private VerificationFailedException corrupt(String detail) {
        return new VerificationFailedException(archiveName + " is corrupt or truncated: " + detail);
    }

    private VerificationFailedException refused(String detail) {
        return new VerificationFailedException(archiveName + " is refused: " + detail);
    }
}
