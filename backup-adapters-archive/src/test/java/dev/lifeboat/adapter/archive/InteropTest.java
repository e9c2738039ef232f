package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.spi.ArchiveReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An archive is readable with tar and zstd (or gzip) alone: the system's own tools are the judges here. */
class InteropTest {

    private static final String LONG_NAME = "data/" + "a_schema.a_table_with_a_very_long_name_".repeat(4) + ".copy";

    @TempDir
    Path directory;

    private final Map<String, byte[]> parts = TestArchives.parts(
            "schema/pre-data.sql", "CREATE TABLE film (id integer);\n".getBytes(StandardCharsets.UTF_8),
            "data/public.film.copy", TestArchives.text(300_000, 1),
            "data/public.blob.copy", TestArchives.random(100_000, 2),
            "data/public.empty.copy", new byte[0],
            LONG_NAME, TestArchives.text(5_000, 3),
            "schema/post-data.sql", "CREATE INDEX film_id ON film (id);\n".getBytes(StandardCharsets.UTF_8));

    @Test
    void tarListsEveryMemberAsAPrivateRegularFileWithTheManifestLast() throws IOException {
        Path archive = write(Compression.ZSTD);

        List<String> lines = SystemTools.run(directory, "tar", "-tvf", archive.toString()).lines().toList();

        assertThat(lines).hasSize(parts.size() + 1);
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("-rw------- 0/0 "));
        assertThat(lines.get(lines.size() - 1)).endsWith(" manifest.json");
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith(" " + LONG_NAME + ".zst"));
        assertThat(SystemTools.run(directory, "tar", "-tf", archive.toString()).lines().toList())
                .containsExactlyElementsOf(expectedMembers(".zst"));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void tarExtractsTheMembersAndTheCompressorRestoresEachPart(Compression compression) throws IOException {
        Path archive = write(compression);
        Path unpacked = Files.createDirectory(directory.resolve("unpacked"));

        SystemTools.run(unpacked, "tar", "-xf", archive.toString());

        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            Path member = unpacked.resolve(part.getKey() + compression.extension());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(member))).isEqualTo("rw-------");
            switch (compression) {
                case ZSTD -> SystemTools.run(unpacked, "zstd", "-d", "-q", member.toString());
                case GZIP -> SystemTools.run(unpacked, "gzip", "-d", member.toString());
                case NONE -> {
                }
            }
            assertThat(Files.readAllBytes(unpacked.resolve(part.getKey()))).as(part.getKey())
                    .isEqualTo(part.getValue());
        }
        try (ArchiveReader reader = TestArchives.CODEC.open(Files.newByteChannel(archive), TestArchives.NAME)) {
            assertThat(Files.readString(unpacked.resolve("manifest.json"))).isEqualTo(reader.manifestDocument());
        }
    }

    @Test
    void anArchiveTarItselfWroteFromTheSameMembersIsReadable() throws IOException {
        // someone who unpacked an archive by hand may pack it again; GNU tar's pax output must still read
        Path archive = write(Compression.ZSTD);
        Path unpacked = Files.createDirectory(directory.resolve("unpacked"));
        SystemTools.run(unpacked, "tar", "-xf", archive.toString());
        Path repacked = directory.resolve("repacked.lifeboat.tar");
        String[] command = new String[expectedMembers(".zst").size() + 4];
        command[0] = "tar";
        command[1] = "--format=pax";
        command[2] = "-cf";
        command[3] = repacked.toString();
        System.arraycopy(expectedMembers(".zst").toArray(String[]::new), 0, command, 4, command.length - 4);
        SystemTools.run(unpacked, command);

        try (ArchiveReader reader = TestArchives.CODEC.open(Files.newByteChannel(repacked), TestArchives.NAME)) {
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                assertThat(TestArchives.read(reader, part.getKey())).isEqualTo(part.getValue());
            }
        }
    }

    private Path write(Compression compression) throws IOException {
        Path archive = directory.resolve("app_2026-11-24T10-58-24Z.lifeboat.tar");
        Files.write(archive, TestArchives.write(directory, CompressionSettings.of(compression), parts));
        return archive;
    }

    private List<String> expectedMembers(String extension) {
        List<String> members = new java.util.ArrayList<>(parts.keySet().stream().map(name -> name + extension).toList());
        members.add("manifest.json");
        return members;
    }
}
