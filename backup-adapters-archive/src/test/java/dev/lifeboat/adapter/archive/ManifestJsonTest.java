package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.spi.ArchiveReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    private final Manifest manifest = TestArchives.manifest(List.of(
            new PartInfo("database.sqlite", PartRole.DATABASE_FILE, Compression.ZSTD, 1, 2, SHA_A, SHA_B,
                    Duration.ofMillis(12))));

    @TempDir
    Path scratch;

    @Test
    void theDocumentHasTheDocumentedFieldsInTheDocumentedOrder() {
        JsonNode root = tree(ManifestJson.write(manifest));

        assertThat(fieldNames(root)).containsExactly("format", "formatVersion", "toolVersion", "createdAt", "engine",
                "source", "label", "fingerprint", "options", "parts", "warnings", "manifestSha256");
        assertThat(root.get("format").asText()).isEqualTo("lifeboat-archive");
        assertThat(root.get("createdAt").asText()).isEqualTo("2026-11-24T10:58:24.123Z");
        assertThat(fieldNames(root.get("engine"))).containsExactly("id", "version");
        assertThat(fieldNames(root.get("source")))
                .containsExactly("location", "database", "sizeBytes", "schemaVersion", "properties");
        assertThat(fieldNames(root.get("fingerprint")))
                .containsExactly("algorithm", "schemaSha256", "attributes", "tables");
        assertThat(root.get("fingerprint").get("tables").get(0).get("name").asText()).isEqualTo("Album");
        assertThat(fieldNames(root.get("fingerprint").get("tables").get(0))).containsExactly("name", "rows", "sum");
        assertThat(fieldNames(root.get("parts").get(0))).containsExactly("name", "member", "role", "compression",
                "storedSize", "rawSize", "storedSha256", "rawSha256", "durationMillis");
        assertThat(root.get("parts").get(0).get("member").asText()).isEqualTo("database.sqlite.zst");
        assertThat(root.get("parts").get(0).get("role").asText()).isEqualTo("database-file");
    }

    /**
     * The backup's duration (for the report's charts) is the root's {@code durationMillis}, after the warnings; a
     * manifest written before lifeboat recorded it has none and still reads.
     */
    @Test
    void theBackupsDurationIsWrittenWhenKnownAndOlderManifestsWithoutItStillRead() {
        Manifest timed = new Manifest(manifest.formatVersion(), manifest.toolVersion(), manifest.createdAt(),
                manifest.engineId(), manifest.engineVersion(), manifest.source(), manifest.label(),
                manifest.fingerprint(), manifest.options(), manifest.parts(), manifest.warnings(),
                Optional.of(Duration.ofMillis(4321)));

        JsonNode root = tree(ManifestJson.write(timed));

        assertThat(fieldNames(root)).containsSubsequence("warnings", "durationMillis", "manifestSha256");
        assertThat(root.get("durationMillis").asLong()).isEqualTo(4321);
        assertThat(parse(ManifestJson.write(timed)).duration()).contains(Duration.ofMillis(4321));
        assertThat(parse(ManifestJson.write(manifest)).duration()).as("a manifest without it").isEmpty();
    }

    @Test
    void aManifestReadsBackEqual() {
        assertThat(parse(ManifestJson.write(manifest))).isEqualTo(manifest);
    }

    @Test
    void withoutLabelTheFieldIsLeftOutAndReadsBackAbsent() {
        Manifest unlabelled = new Manifest(1, "0.1.0", TestArchives.CREATED_AT, "sqlite", "3.53.0", manifest.source(),
                Optional.empty(), manifest.fingerprint(), manifest.options(), manifest.parts(), List.of());

        byte[] document = ManifestJson.write(unlabelled);

        assertThat(tree(document).has("label")).isFalse();
        assertThat(parse(document)).isEqualTo(unlabelled);
    }

    @Test
    void textBeyondAsciiIsEscapedSoTheDocumentIsAscii() {
        Manifest accented = new Manifest(1, "0.1.0", TestArchives.CREATED_AT, "sqlite", "3.53.0",
                SourceInfo.of("/srv/café/ünïcode €.db", "café", 1, Map.of(), Map.of()), Optional.empty(),
                manifest.fingerprint(), manifest.options(), manifest.parts(), List.of("Zoë's table 表"));

        byte[] document = ManifestJson.write(accented);

        for (byte b : document) {
            assertThat(b).isBetween((byte) 0, (byte) 0x7F);
        }
        assertThat(new String(document, StandardCharsets.US_ASCII)).contains("caf\\u00E9");
        assertThat(parse(document)).isEqualTo(accented);
    }

    @Test
    void unknownFieldsAreIgnored() {
        byte[] extended = edit(root -> {
            root.put("comment", "added by a later v1 writer");
            ((ObjectNode) root.get("parts").get(0)).put("zstdWindowLog", 27);
        });

        assertThat(parse(extended)).isEqualTo(manifest);
    }

    @Test
    void aMissingFieldIsNamed() {
        assertInvalid(edit(root -> root.remove("createdAt")), "'createdAt'");
        assertInvalid(edit(root -> ((ObjectNode) root.get("source")).remove("sizeBytes")), "'source.sizeBytes'");
        assertInvalid(edit(root -> ((ObjectNode) root.get("parts").get(0)).remove("rawSha256")),
                "'parts[0].rawSha256'");
        assertInvalid(edit(root -> root.remove("warnings")), "'warnings'");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        assertInvalid(edit(root -> root.put("toolVersion", 1)), "'toolVersion' must be a string");
        assertInvalid(edit(root -> ((ObjectNode) root.get("parts").get(0)).put("storedSize", "1")),
                "'parts[0].storedSize' must be a whole number");
        assertInvalid(edit(root -> ((ObjectNode) root.get("parts").get(0)).put("rawSize", 2.5)),
                "'parts[0].rawSize' must be a whole number");
        assertInvalid(edit(root -> ((ObjectNode) root.get("parts").get(0)).put("rawSize", -2)),
                "'parts[0].rawSize' must be a whole number, 0 or more");
        assertInvalid(edit(root -> root.putNull("label")), "'label' must be a string");
        assertInvalid(edit(root -> ((ObjectNode) root.get("options")).put("compression-level", 3)),
                "'options.compression-level' must be a string");
        assertInvalid(edit(root -> root.put("createdAt", "yesterday")), "'createdAt' must be an ISO-8601 UTC time");
    }

    @Test
    void valuesOutsideTheirDomainAreNamed() {
        assertInvalid(edit(root -> ((ObjectNode) root.get("parts").get(0)).put("role", "index")),
                "'parts[0].role' must be one of");
        assertInvalid(edit(root -> ((ObjectNode) root.get("parts").get(0)).put("compression", "ZSTD")),
                "'parts[0].compression' must be one of");
        assertInvalid(edit(root -> ((ObjectNode) root.get("parts").get(0)).put("rawSha256", "A".repeat(64))),
                "'parts[0].rawSha256' must be a SHA-256");
        assertInvalid(edit(root -> ((ObjectNode) root.get("parts").get(0)).put("name", "../evil")),
                "'parts[0].name'");
        assertInvalid(edit(root -> ((ObjectNode) root.get("parts").get(0)).put("member", "database.sqlite")),
                "'parts[0].member'");
        assertInvalid(edit(root -> ((ObjectNode) root.get("fingerprint")).put("schemaSha256", "abc")),
                "'fingerprint.schemaSha256'");
        assertInvalid(edit(root -> ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("parts"))
                .add(root.get("parts").get(0).deepCopy())), "repeats part 'database.sqlite'");
    }

    @Test
    void aDocumentThatIsNotJsonIsCorrupt() {
        assertInvalid("{\"format\": \"lifeboat-archive\",".getBytes(StandardCharsets.UTF_8), "not valid JSON");
        assertInvalid("[]".getBytes(StandardCharsets.UTF_8), "not a JSON object");
        assertInvalid((new String(ManifestJson.write(manifest), StandardCharsets.UTF_8) + "{}")
                .getBytes(StandardCharsets.UTF_8), "not valid JSON");
        assertInvalid("{\"format\": \"lifeboat-archive\", \"format\": \"other\"}".getBytes(StandardCharsets.UTF_8),
                "not valid JSON");
    }

    @Test
    void anotherFormatIsNotALifeboatArchive() {
        assertThatThrownBy(() -> parse(edit(root -> root.put("format", "other-tool"))))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("is not a lifeboat archive");
    }

    @Test
    void aNewerFormatVersionAsksForANewerLifeboat() {
        // a newer format may change any other field, so nothing else is checked first
        byte[] newer = edit(root -> {
            root.put("formatVersion", 3);
            root.remove("parts");
        });

        assertThatThrownBy(() -> parse(newer))
                .isInstanceOf(IncompatibleException.class)
                .hasMessage(TestArchives.NAME + " was written by a newer lifeboat (format 3); this version reads "
                        + "format 2: upgrade lifeboat");
    }

    @Test
    void anArchiveOfANewerFormatIsIncompatibleWhenOpened() {
        byte[] archive = TestArchives.write(scratch, CompressionSettings.DEFAULT,
                TestArchives.parts("database.sqlite", TestArchives.text(100, 1)));
        byte[] newer = TarSurgery.editManifest(archive, root -> root.put("formatVersion", 3));

        assertThatThrownBy(() -> TestArchives.open(newer))
                .isInstanceOf(IncompatibleException.class)
                .hasMessageContaining("format 3")
                .satisfies(e -> assertThat(((IncompatibleException) e).status().code()).isEqualTo(8));
    }

    @Test
    void theSealIsTheSha256OfTheDocumentWithItsOwnDigitsAsZeros() throws Exception {
        String document = new String(ManifestJson.write(manifest), StandardCharsets.UTF_8);
        String seal = tree(document.getBytes(StandardCharsets.UTF_8)).get("manifestSha256").asText();

        // as docs/archive-format.md tells a reader to check it by hand
        String unsealed = document.replace("\"manifestSha256\": \"" + seal + "\"",
                "\"manifestSha256\": \"" + "0".repeat(64) + "\"");
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(unsealed.getBytes(StandardCharsets.UTF_8));
        assertThat(unsealed).isNotEqualTo(document).endsWith("\"\n}\n");
        assertThat(seal).isEqualTo(java.util.HexFormat.of().formatHex(digest));
        assertThat(parse(document.getBytes(StandardCharsets.UTF_8))).isEqualTo(manifest);
    }

    @Test
    void aManifestChangedAfterItWasSealedIsRefused() {
        String document = new String(ManifestJson.write(manifest), StandardCharsets.UTF_8);
        String laterTime = document.replace("2026-11-24T10:58:24.123Z", "2026-11-24T10:58:25.123Z");
        String otherSource = document.replace("\"sizeBytes\": ", "\"sizeBytes\": 1");
        String seal = tree(document.getBytes(StandardCharsets.UTF_8)).get("manifestSha256").asText();
        String otherSeal = document.replace(seal, (seal.charAt(0) == 'f' ? "e" : "f") + seal.substring(1));

        for (String changed : List.of(laterTime, otherSource, otherSeal)) {
            assertThat(changed).isNotEqualTo(document);
            assertInvalid(changed.getBytes(StandardCharsets.UTF_8), "does not match its own checksum");
        }
        assertInvalid(editUnsealed(root -> root.put("manifestSha256", "not a digest")),
                "'manifestSha256' must be a SHA-256");
    }

    @Test
    void aFormat1ManifestWrittenBeforeTheSealIsRead() {
        Manifest format1 = parse(editUnsealed(root -> {
            root.put("formatVersion", 1);
            root.remove("manifestSha256");
        }));

        assertThat(format1.formatVersion()).isEqualTo(1);
        assertThat(format1.parts()).isEqualTo(manifest.parts());
        assertThat(format1.fingerprint()).isEqualTo(manifest.fingerprint());
    }

    @Test
    void aFormat2ManifestWithoutItsSealIsRefused() {
        // a flip in the seal's name must not turn the seal into an unknown field that is ignored
        assertInvalid(editUnsealed(root -> root.remove("manifestSha256")), "'manifestSha256'");
        byte[] renamed = new String(ManifestJson.write(manifest), StandardCharsets.UTF_8)
                .replace("\"manifestSha256\"", "\"manifestSha257\"").getBytes(StandardCharsets.UTF_8);
        assertInvalid(renamed, "'manifestSha256'");
    }

    @Test
    void theStoredDocumentIsHandedOutAsStored() {
        byte[] archive = TestArchives.write(scratch, CompressionSettings.DEFAULT,
                TestArchives.parts("database.sqlite", TestArchives.text(100, 1)));
        byte[] edited = TarSurgery.editManifest(archive, root -> root.put("comment", "kept as is"));

        try (ArchiveReader reader = TestArchives.open(edited)) {
            String stored = new String(TarSurgery.members(edited).get(1).data(), StandardCharsets.UTF_8);
            assertThat(reader.manifestDocument()).isEqualTo(stored).contains("kept as is");
        }
    }

    /** The manifest changed, and sealed again as a writer would, so that the change itself is what is read. */
    private byte[] edit(Consumer<ObjectNode> change) {
        return ManifestSeal.seal(editUnsealed(change));
    }

    private byte[] editUnsealed(Consumer<ObjectNode> change) {
        ObjectNode root = (ObjectNode) tree(ManifestJson.write(manifest));
        change.accept(root);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertInvalid(byte[] document, String messagePart) {
        assertThatThrownBy(() -> parse(document))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageStartingWith(TestArchives.NAME + " is corrupt")
                .hasMessageContaining(messagePart);
    }

    private static Manifest parse(byte[] document) {
        return ManifestJson.parse(new String(document, StandardCharsets.UTF_8), TestArchives.NAME);
    }

    private static JsonNode tree(byte[] document) {
        try {
            return JSON.readTree(document);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
