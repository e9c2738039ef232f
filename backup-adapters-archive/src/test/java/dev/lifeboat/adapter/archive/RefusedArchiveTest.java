package dev.lifeboat.adapter.archive;

import static dev.lifeboat.adapter.archive.TarSurgery.Member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.spi.ArchiveReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives that are well-formed tars but not what a lifeboat archive may be are refused when opened. */
class RefusedArchiveTest {

    @TempDir
    Path scratch;

    private byte[] archive;

    @BeforeEach
    void writeArchive() {
        archive = TestArchives.write(scratch, CompressionSettings.of(Compression.NONE), TestArchives.parts(
                "database.sqlite", TestArchives.text(4000, 1),
                "data/a.copy", TestArchives.text(1000, 2),
                "data/b.copy", TestArchives.text(1000, 3)));
    }

    @Test
    void theUntouchedArchiveOpens() {
        TestArchives.openAndReadEverything(TarSurgery.editMembers(archive, members -> { }));
    }

    @Test
    void aMemberNamedWithDotDotIsRefused() {
        assertRefused(withMemberBeforeManifest(Member.file("../evil", "x")), "'../evil'", "unsafe name");
    }

    @Test
    void anAbsoluteMemberNameIsRefused() {
        assertRefused(withMemberBeforeManifest(Member.file("/etc/cron.d/evil", "x")), "'/etc/cron.d/evil'",
                "unsafe name");
    }

    @Test
    void aSymbolicLinkIsRefused() {
        assertRefused(withMemberBeforeManifest(Member.link("data/c.copy", TarConstants.LF_SYMLINK, "/etc/passwd")),
                "'data/c.copy'", "symbolic link to '/etc/passwd'");
    }

    @Test
    void aHardLinkIsRefused() {
        assertRefused(withMemberBeforeManifest(Member.link("data/c.copy", TarConstants.LF_LINK, "database.sqlite")),
                "'data/c.copy'", "hard link");
    }

    @Test
    void aDirectoryIsRefused() {
        assertRefused(withMemberBeforeManifest(Member.link("data/", TarConstants.LF_DIR, "")), "'data/'",
                "a directory");
    }

    @Test
    void aNamedPipeIsRefused() {
        assertRefused(withMemberBeforeManifest(Member.link("data/fifo", TarConstants.LF_FIFO, "")), "'data/fifo'",
                "named pipe");
    }

    @Test
    void aMemberTwiceIsRefused() {
        byte[] doubled = TarSurgery.editMembers(archive, members -> members.add(1, members.get(0)));

        assertRefused(doubled, "'database.sqlite'", "appears twice");
    }

    @Test
    void aMemberTheManifestDoesNotListIsRefused() {
        assertRefused(withMemberBeforeManifest(Member.file("data/extra.copy", "x")), "'data/extra.copy'",
                "not a part the manifest lists");
    }

    @Test
    void aPartTheManifestListsButTheArchiveLacksIsRefused() {
        byte[] missing = TarSurgery.editMembers(archive, members -> members.remove(1));

        assertRefused(missing, "'data/a.copy'", "missing");
    }

    @Test
    void anArchiveWithoutManifestIsRefused() {
        byte[] missing = TarSurgery.editMembers(archive, members -> members.remove(members.size() - 1));

        assertRefused(missing, "no manifest.json");
    }

    @Test
    void aManifestThatIsNotTheLastMemberIsRefused() {
        assertRefused(TarSurgery.editMembers(archive, members -> Collections.swap(members, 2, 3)),
                "manifest.json is not its last member");
    }

    @Test
    void aMemberOfAnotherSizeThanTheManifestRecordsIsRefused() {
        byte[] longer = TarSurgery.editMembers(archive, members -> {
            Member part = members.get(1);
            members.set(1, new Member(part.name(), part.type(), "", Arrays.copyOf(part.data(), part.data().length + 1)));
        });

        assertRefused(longer, "'data/a.copy'", "holds 1001 bytes but the manifest records 1000");
    }

    @Test
    void twoPartsWithTheirNamesSwappedFailWhenRead() {
        // same sizes, so only the content tells them apart
        byte[] swapped = TarSurgery.editMembers(archive, members -> {
            Member a = members.get(1);
            Member b = members.get(2);
            members.set(1, b.renamed(a.name()));
            members.set(2, a.renamed(b.name()));
        });

        try (ArchiveReader reader = TestArchives.open(swapped)) {
            assertThatThrownBy(() -> TestArchives.read(reader, "data/a.copy"))
                    .isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("part data/a.copy")
                    .hasMessageContaining("SHA-256");
        }
    }

    @Test
    void twoPartsSwappedInTheManifestAreRefused() {
        byte[] swapped = TarSurgery.editManifest(archive, manifest -> {
            ArrayNode parts = (ArrayNode) manifest.get("parts");
            ObjectNode first = (ObjectNode) parts.get(1).deepCopy();
            parts.set(1, parts.get(2));
            parts.set(2, first);
        });

        assertRefused(swapped, "order");
    }

    @Test
    void twoPartsSwappedInTheArchiveAreRefused() {
        assertRefused(TarSurgery.editMembers(archive, members -> Collections.swap(members, 1, 2)), "order");
    }

    @Test
    void garbageAppendedAfterTheEndIsRefused() {
        byte[] appended = Arrays.copyOf(archive, archive.length + 100);
        Arrays.fill(appended, archive.length, appended.length, (byte) 'x');

        assertRefused(appended, "100 bytes follow the end-of-archive marker", "appended");
    }

    @Test
    void anotherTarAppendedAfterTheEndIsRefused() {
        byte[] evil = TarSurgery.tar(List.of(Member.file("../evil", "x")));
        byte[] appended = Arrays.copyOf(archive, archive.length + evil.length);
        System.arraycopy(evil, 0, appended, archive.length, evil.length);

        assertRefused(appended, "appended");
    }

    @Test
    void zeroPaddingAsTarBlockingAddsIsAccepted() {
        byte[] padded = Arrays.copyOf(archive, archive.length + 10240 - archive.length % 10240);

        TestArchives.openAndReadEverything(padded);
    }

    @Test
    void moreZerosThanTarBlockingAddsAreRefused() {
        assertRefused(Arrays.copyOf(archive, archive.length + 64 * 1024), "appended");
    }

    @Test
    void aFileThatIsNotATarIsRefused() {
        assertRefused("PRAGMA journal_mode=wal; SQLite format 3".repeat(100).getBytes(), "corrupt");
        assertRefused(new byte[0], "corrupt");
        assertRefused(new byte[4096], "no manifest.json");
    }

    private byte[] withMemberBeforeManifest(Member member) {
        return TarSurgery.editMembers(archive, members -> members.add(members.size() - 1, member));
    }

    private static void assertRefused(byte[] archive, String... messageParts) {
        assertThatThrownBy(() -> TestArchives.open(archive).close())
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageStartingWith(TestArchives.NAME + " is ")
                .satisfies(e -> assertThat(e.getMessage()).contains(messageParts));
    }
}
