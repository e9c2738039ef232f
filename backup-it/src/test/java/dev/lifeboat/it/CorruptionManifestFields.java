package dev.lifeboat.it;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lifeboat.it.CorruptionDamage.Guard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of lifeboat's checks must catch a change to a manifest once its seal and the sidecar have been made right
 * again over it, decided from where the change falls in the document: its structure and the parts' sizes and hashes
 * are the archive's own checks; the fingerprint and the engine can only be checked by restoring; the rest only
 * describes the backup.
 */
final class CorruptionManifestFields {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Objects whose keys are free, so a changed key is a changed value. */
    private static final Set<String> DESCRIPTIVE_MAPS = Set.of("/source/schemaVersion", "/source/properties", "/options");
    private static final String FINGERPRINT = "/fingerprint";

    private CorruptionManifestFields() {
    }

    /** The check that must notice the manifest {@code original} became {@code changed}. */
    static Guard guardOf(byte[] original, byte[] changed) {
        JsonNode before = parse(original);
        JsonNode after;
        try {
            after = parse(changed);
        } catch (IllegalArgumentException e) {
            return Guard.ARCHIVE;
        }
        List<String> keyChanges = new ArrayList<>();
        List<String> valueChanges = new ArrayList<>();
        diff(before, after, "", keyChanges, valueChanges);
        Guard guard = Guard.NONE;
        for (String object : keyChanges) {
            guard = strongest(guard, keyGuard(object));
        }
        for (String value : valueChanges) {
            guard = strongest(guard, valueGuard(value));
        }
        return guard;
    }

    private static Guard keyGuard(String object) {
        if (DESCRIPTIVE_MAPS.contains(object)) {
            return Guard.NONE;
        }
        if (object.startsWith(FINGERPRINT + "/attributes")) {
            return Guard.RESTORE;
        }
        // every other object has a fixed set of required fields
        return Guard.ARCHIVE;
    }

    private static Guard valueGuard(String path) {
        if (path.equals("/format") || path.equals("/formatVersion")) {
            return Guard.ARCHIVE;
        }
        if (path.startsWith("/parts/")) {
            return path.endsWith("/durationMillis") ? Guard.NONE : Guard.ARCHIVE;
        }
        if (path.startsWith(FINGERPRINT) || path.equals("/engine/id")) {
            return Guard.RESTORE;
        }
        return Guard.NONE;
    }

    private static void diff(JsonNode before, JsonNode after, String path, List<String> keyChanges,
                             List<String> valueChanges) {
        if (before.isObject() && after.isObject()) {
            Set<String> beforeKeys = keys(before);
            if (!beforeKeys.equals(keys(after))) {
                keyChanges.add(path);
                return;
            }
            for (String key : beforeKeys) {
                diff(before.get(key), after.get(key), path + "/" + key, keyChanges, valueChanges);
            }
        } else if (before.isArray() && after.isArray() && before.size() == after.size()) {
            for (int i = 0; i < before.size(); i++) {
                diff(before.get(i), after.get(i), path + "/" + i, keyChanges, valueChanges);
            }
        } else if (!before.equals(after)) {
            valueChanges.add(path);
        }
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        return keys;
    }

    private static Guard strongest(Guard a, Guard b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    private static JsonNode parse(byte[] document) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(document));
            JsonNode node = STRICT.readTree(document);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
