package dev.lifeboat.adapter.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.SourceInfo;
import dev.lifeboat.domain.model.TableFingerprint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * manifest.json, written and read field by field so the document's shape is decided here and nowhere else: the
 * domain records never meet Jackson, and renaming a record component cannot change the format.
 */
final class ManifestJson {

    static final String FORMAT = "lifeboat-archive";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // a manifest in plain ASCII survives any tool and makes damage to it show up as invalid UTF-8
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private ManifestJson() {
    }

    /** The manifest as stored: pretty-printed UTF-8 (in fact ASCII), ending with a newline, sealed. */
    static byte[] write(Manifest manifest) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", manifest.formatVersion());
        root.put("toolVersion", manifest.toolVersion());
        root.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(manifest.createdAt()));
        ObjectNode engine = root.putObject("engine");
        engine.put("id", manifest.engineId());
        engine.put("version", manifest.engineVersion());
        root.set("source", source(manifest.source()));
        manifest.label().ifPresent(label -> root.put("label", label));
        root.set("fingerprint", fingerprint(manifest.fingerprint()));
        root.set("options", strings(manifest.options()));
        ArrayNode parts = root.putArray("parts");
        manifest.parts().forEach(part -> parts.add(part(part)));
        ArrayNode warnings = root.putArray("warnings");
        manifest.warnings().forEach(warnings::add);
        manifest.duration().ifPresent(duration -> root.put("durationMillis", duration.toMillis()));
        root.put(ManifestSeal.FIELD, ManifestSeal.UNSEALED);
        try {
            return ManifestSeal.seal((PRETTY.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Reads a manifest. Checks the format name and version before anything else, so an archive from a newer lifeboat
     * is reported as such rather than as damaged, then the seal (which format 2 requires), then every field.
     *
     * @throws VerificationFailedException when the document is not a valid manifest, naming the field at fault
     * @throws IncompatibleException       when a newer lifeboat wrote it
     */
    static Manifest parse(String document, String archiveName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(document);
        } catch (JsonProcessingException e) {
            throw new VerificationFailedException(archiveName + " is corrupt: its manifest.json is not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new VerificationFailedException(archiveName + " is corrupt: its manifest.json is not a JSON object");
        }
        ManifestFields fields = new ManifestFields(root, "", archiveName);
        if (!fields.has("format") || !FORMAT.equals(root.get("format").asText(null))) {
            throw new VerificationFailedException(archiveName + " is not a lifeboat archive: its manifest.json has no "
                    + "\"format\": \"" + FORMAT + "\"");
        }
        int formatVersion = fields.integer("formatVersion");
        if (formatVersion > TarArchiveCodec.FORMAT_VERSION) {
            throw new IncompatibleException(archiveName + " was written by a newer lifeboat (format " + formatVersion
                    + "); this version reads format " + TarArchiveCodec.FORMAT_VERSION + ": upgrade lifeboat");
        }
        if (formatVersion < 1) {
            throw fields.invalid("formatVersion", "must be 1 or more, not " + formatVersion);
        }
        if (formatVersion >= TarArchiveCodec.SEALED_SINCE || fields.has(ManifestSeal.FIELD)) {
            ManifestSeal.check(document, fields.sha256(ManifestSeal.FIELD), archiveName);
        }
        ManifestFields engine = fields.object("engine");
        try {
            return new Manifest(formatVersion, fields.text("toolVersion"), fields.instant("createdAt"),
                    engine.text("id"), engine.text("version"), source(fields.object("source")),
                    fields.optionalText("label"), fingerprint(fields.object("fingerprint")), fields.strings("options"),
                    fields.parts("parts"), fields.textList("warnings"),
                    fields.has("durationMillis") ? Optional.of(Duration.ofMillis(fields.nonNegativeLong("durationMillis")))
                            : Optional.empty());
        } catch (IllegalArgumentException e) {
            // the fields are checked one by one above; this is the domain's own rule, should it ever be stricter
            throw new VerificationFailedException(archiveName + " is corrupt: its manifest.json is invalid: "
                    + e.getMessage(), e);
        }
    }

    private static ObjectNode source(SourceInfo source) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("location", source.location());
        node.put("database", source.databaseName());
        node.put("sizeBytes", source.sizeBytes());
        node.set("schemaVersion", strings(source.schemaVersion()));
        node.set("properties", strings(source.properties()));
        return node;
    }

    private static SourceInfo source(ManifestFields source) {
        return new SourceInfo(source.text("location"), source.text("database"), source.nonNegativeLong("sizeBytes"),
                source.strings("schemaVersion"), source.strings("properties"));
    }

    private static ObjectNode fingerprint(Fingerprint fingerprint) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("algorithm", fingerprint.algorithm());
        node.put("schemaSha256", fingerprint.schemaHash());
        node.set("attributes", strings(fingerprint.attributes()));
        ArrayNode tables = node.putArray("tables");
        fingerprint.tables().forEach((name, table) -> {
            ObjectNode entry = tables.addObject();
            entry.put("name", name);
            entry.put("rows", table.rows());
            entry.put("sum", table.hash());
        });
        return node;
    }

    private static Fingerprint fingerprint(ManifestFields fingerprint) {
        Map<String, TableFingerprint> tables = fingerprint.tables("tables");
        return new Fingerprint(fingerprint.text("algorithm"), fingerprint.sha256("schemaSha256"),
                fingerprint.strings("attributes"), new TreeMap<>(tables));
    }

    private static ObjectNode part(PartInfo part) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", part.name());
        node.put("member", part.memberName());
        node.put("role", part.role().id());
        node.put("compression", part.compression().id());
        node.put("storedSize", part.storedSize());
        node.put("rawSize", part.rawSize());
        node.put("storedSha256", part.storedSha256());
        node.put("rawSha256", part.rawSha256());
        node.put("durationMillis", part.duration().toMillis());
        return node;
    }

    private static ObjectNode strings(Map<String, String> values) {
        ObjectNode node = MAPPER.createObjectNode();
        values.forEach(node::put);
        return node;
    }
}
