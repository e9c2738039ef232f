package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of "Restoring by hand" in docs/archive-format.md, run as written against archives this codec wrote:
 * a person with tar, sha256sum, zstd (or gzip) and sqlite3 checks the archive and its manifest's seal and gets the
 * database back.
 */
class RestoringByHandTest {

    private static final String ARCHIVE = "app_2026-11-24T10-58-24Z.lifeboat.tar";
    /** The two commands of docs/archive-format.md that check the manifest's seal; both print the same digest. */
    private static final String SEAL = "sed -nE 's/.*\"manifestSha256\": \"([0-9a-f]{64})\".*/\\1/p'";
    private static final String UNSEALED_DIGEST = "sed -E 's/(\"manifestSha256\": \")[0-9a-f]{64}/\\1"
            + "0".repeat(64) + "/' | sha256sum | cut -c1-64";

    @TempDir
    Path directory;

    @Test
    void zstd() throws IOException {
        restoreByHand(Compression.ZSTD, List.of(
                "tar -xf " + ARCHIVE + " database.sqlite.zst",
                "zstd -d database.sqlite.zst -o app.db"));
    }

    @Test
    void gzip() throws IOException {
        restoreByHand(Compression.GZIP, List.of(
                "tar -xf " + ARCHIVE + " database.sqlite.gz",
                "gzip -dc database.sqlite.gz > app.db"));
    }

    @Test
    void none() throws IOException {
        restoreByHand(Compression.NONE, List.of(
                "tar -xf " + ARCHIVE + " database.sqlite",
                "mv database.sqlite app.db"));
    }

    private void restoreByHand(Compression compression, List<String> extractAndDecompress) throws IOException {
        Path source = directory.resolve("source.db");
        SystemTools.run(directory, "sqlite3", source.toString(),
                "CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT, cover BLOB);"
                        + "WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 3000) "
                        + "INSERT INTO album (title, cover) SELECT 'Album ' || v, randomblob(64) FROM n;"
                        + "PRAGMA user_version = 7;");
        byte[] database = Files.readAllBytes(source);
        Files.write(directory.resolve(ARCHIVE), TestArchives.write(directory, CompressionSettings.of(compression),
                TestArchives.parts("database.sqlite", database)));
        // the repository writes this sidecar when it commits an archive
        SystemTools.shell(directory, "sha256sum " + ARCHIVE + " > " + ARCHIVE + ".sha256");

        assertThat(SystemTools.shell(directory, "sha256sum -c " + ARCHIVE + ".sha256")).contains(ARCHIVE + ": OK");
        assertThat(SystemTools.shell(directory, "tar -tvf " + ARCHIVE)).contains("manifest.json");
        assertThat(SystemTools.shell(directory, "tar -xOf " + ARCHIVE + " manifest.json"))
                .contains("\"name\": \"database.sqlite\"");
        String seal = SystemTools.shell(directory, "tar -xOf " + ARCHIVE + " manifest.json | " + SEAL);
        String digest = SystemTools.shell(directory, "tar -xOf " + ARCHIVE + " manifest.json | " + UNSEALED_DIGEST);
        assertThat(seal).matches("[0-9a-f]{64}\n").isEqualTo(digest);
        for (String command : extractAndDecompress) {
            SystemTools.shell(directory, command);
        }
        assertThat(SystemTools.shell(directory, "sqlite3 app.db 'PRAGMA integrity_check'")).isEqualTo("ok\n");

        assertThat(Files.readAllBytes(directory.resolve("app.db"))).isEqualTo(database);
        assertThat(SystemTools.shell(directory, "sqlite3 app.db 'SELECT count(*) FROM album; PRAGMA user_version'"))
                .isEqualTo("3000\n7\n");
    }
}
