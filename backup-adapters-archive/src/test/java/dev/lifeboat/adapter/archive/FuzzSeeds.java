package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.spi.ArchiveReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The seed corpus of the fuzz tests: small real archives written by the codec (every compression, one to three
 * parts, an empty part), and a few that the reader must refuse, so fuzzing starts from inputs that reach deep into
 * the reader instead of failing at the first tar header.
 */
final class FuzzSeeds {

    private FuzzSeeds() {
    }

    static Stream<Arguments> archives() {
        return archiveBytes().stream().map(seed -> Arguments.argumentSet(seed.name(), (Object) seed.bytes()));
    }

    static Stream<Arguments> manifests() {
        return archiveBytes().stream()
                .filter(seed -> seed.name().startsWith("real"))
                .map(seed -> Arguments.argumentSet(seed.name() + " manifest", (Object) manifestOf(seed.bytes())));
    }

    record Seed(String name, byte[] bytes) {
    }

    static List<Seed> archiveBytes() {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("lifeboat-fuzz-seeds");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<Seed> seeds = new ArrayList<>();
            byte[] zstdTwoParts = TestArchives.write(scratch, new CompressionSettings(Compression.ZSTD, 3),
                    TestArchives.parts("schema/pre-data.sql", TestArchives.text(300, 1),
                            "data/album.copy", TestArchives.text(700, 2)));
            seeds.add(new Seed("real zstd two parts", zstdTwoParts));
            seeds.add(new Seed("real gzip one part", TestArchives.write(scratch,
                    new CompressionSettings(Compression.GZIP, 6),
                    TestArchives.parts("database.sqlite", TestArchives.text(500, 3)))));
            seeds.add(new Seed("real none three parts", TestArchives.write(scratch,
                    new CompressionSettings(Compression.NONE, 0),
                    TestArchives.parts("schema/pre-data.sql", TestArchives.text(100, 4),
                            "data/t.copy", TestArchives.random(64, 5),
                            "schema/post-data.sql", TestArchives.text(80, 6)))));
            seeds.add(new Seed("real zstd empty part", TestArchives.write(scratch,
                    new CompressionSettings(Compression.ZSTD, 1), TestArchives.parts("database.sqlite", new byte[0]))));
            seeds.add(new Seed("refused symlink member", TarSurgery.editMembers(zstdTwoParts, members ->
                    members.set(0, TarSurgery.Member.link(members.get(0).name(), TarConstants.LF_SYMLINK,
                            "/etc/passwd")))));
            seeds.add(new Seed("refused member escaping", TarSurgery.editMembers(zstdTwoParts, members ->
                    members.set(0, members.get(0).renamed("../" + members.get(0).name())))));
            return seeds;
        } finally {
            deleteTree(scratch);
        }
    }

    static byte[] manifestOf(byte[] archive) {
        try (ArchiveReader reader = TestArchives.open(archive)) {
            return reader.manifestDocument().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
