package dev.lifeboat.adapter.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.Compression;
import dev.lifeboat.domain.model.PartInfo;
import dev.lifeboat.domain.model.PartNames;
import dev.lifeboat.domain.model.PartRole;
import dev.lifeboat.domain.model.TableFingerprint;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The fields of one JSON object in a manifest, read strictly: a required field that is missing or of the wrong type
 * fails with a message naming it by its path ({@code parts[2].rawSize}); unknown fields are ignored, so a later v2
 * writer may add some.
 */
final class ManifestFields {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final JsonNode node;
    private final String path;
    private final String archiveName;

    ManifestFields(JsonNode node, String path, String archiveName) {
        this.node = node;
        this.path = path;
        this.archiveName = archiveName;
    }

    boolean has(String name) {
        return node.has(name);
    }

    String text(String name) {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw invalid(name, "must be a string");
        }
        return value.textValue();
    }

    Optional<String> optionalText(String name) {
        return has(name) ? Optional.of(text(name)) : Optional.empty();
    }

    int integer(String name) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(name, "must be a whole number");
        }
        return value.intValue();
    }

    long nonNegativeLong(String name) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw invalid(name, "must be a whole number, 0 or more");
        }
        return value.longValue();
    }

    Instant instant(String name) {
        String text = text(name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 UTC time such as 2026-11-24T10:58:24.123Z, not '" + text + "'");
        }
    }

    String sha256(String name) {
        String text = text(name);
        if (!SHA256_HEX.matcher(text).matches()) {
            throw invalid(name, "must be a SHA-256 as 64 lower-case hex digits");
        }
        return text;
    }

    ManifestFields object(String name) {
        JsonNode value = required(name);
        if (!value.isObject()) {
            throw invalid(name, "must be an object");
        }
        return new ManifestFields(value, pathOf(name), archiveName);
    }

    /** An object whose values are all strings, such as {@code options}. */
    SortedMap<String, String> strings(String name) {
        ManifestFields object = object(name);
        SortedMap<String, String> values = new TreeMap<>();
        object.node.fieldNames().forEachRemaining(key -> values.put(key, object.text(key)));
        return values;
    }

    List<String> textList(String name) {
        List<String> values = new ArrayList<>();
        List<JsonNode> elements = array(name);
        for (int i = 0; i < elements.size(); i++) {
            if (!elements.get(i).isTextual()) {
                throw invalid(name + "[" + i + "]", "must be a string");
            }
            values.add(elements.get(i).textValue());
        }
        return values;
    }

    /** The fingerprint's tables: {@code [{"name", "rows", "sum"}]}, each name once. */
    Map<String, TableFingerprint> tables(String name) {
        Map<String, TableFingerprint> tables = new LinkedHashMap<>();
        List<ManifestFields> elements = objects(name);
        for (ManifestFields table : elements) {
            String tableName = table.text("name");
            TableFingerprint fingerprint = new TableFingerprint(table.nonNegativeLong("rows"), table.sha256("sum"));
            if (tables.put(tableName, fingerprint) != null) {
                throw table.invalid("name", "repeats table '" + tableName + "'");
            }
        }
        return tables;
    }

    /** The parts, in archive order, each name once and each member name consistent with its name and compression. */
    List<PartInfo> parts(String name) {
        List<PartInfo> parts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ManifestFields part : objects(name)) {
            String partName = part.text("name");
            if (!PartNames.isSafe(partName)) {
                throw part.invalid("name", "'" + partName + "' is not a safe part name");
            }
            if (!names.add(partName)) {
                throw part.invalid("name", "repeats part '" + partName + "'");
            }
            PartRole role = PartRole.byId(part.text("role"))
                    .orElseThrow(() -> part.invalid("role", "must be one of " + Arrays.stream(PartRole.values())
                            .map(PartRole::id).toList()));
            String compressionId = part.text("compression");
            Compression compression = Arrays.stream(Compression.values())
                    .filter(candidate -> candidate.id().equals(compressionId))
                    .findFirst()
                    .orElseThrow(() -> part.invalid("compression", "must be one of " + Arrays.stream(Compression.values())
                            .map(Compression::id).toList()));
            String member = part.text("member");
            if (!member.equals(partName + compression.extension())) {
                throw part.invalid("member", "is '" + member + "' but part '" + partName + "' compressed with "
                        + compression.id() + " is stored as '" + partName + compression.extension() + "'");
            }
            if (member.equals(TarMembers.MANIFEST)) {
                throw part.invalid("member", "must not be the manifest's own name");
            }
            parts.add(new PartInfo(partName, role, compression, part.nonNegativeLong("storedSize"),
                    part.nonNegativeLong("rawSize"), part.sha256("storedSha256"), part.sha256("rawSha256"),
                    Duration.ofMillis(part.nonNegativeLong("durationMillis"))));
        }
        return parts;
    }

    VerificationFailedException invalid(String name, String problem) {
        return new VerificationFailedException(archiveName + " is corrupt: in its manifest.json, field '" + pathOf(name)
                + "' " + problem);
    }

    private List<ManifestFields> objects(String name) {
        List<JsonNode> elements = array(name);
        List<ManifestFields> objects = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            String elementPath = name + "[" + i + "]";
            if (!elements.get(i).isObject()) {
                throw invalid(elementPath, "must be an object");
            }
            objects.add(new ManifestFields(elements.get(i), pathOf(elementPath), archiveName));
        }
        return objects;
    }

    private List<JsonNode> array(String name) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw invalid(name, "must be an array");
        }
        List<JsonNode> elements = new ArrayList<>(value.size());
        value.elements().forEachRemaining(elements::add);
        return elements;
    }

    private JsonNode required(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new VerificationFailedException(archiveName + " is corrupt: its manifest.json lacks the field '"
                    + pathOf(name) + "'");
        }
        return value;
    }

    private String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
