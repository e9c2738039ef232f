package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import dev.lifeboat.domain.spi.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Names the data part of each table {@code data/<schema>.<table>.copy}, in the plain characters archive part names
 * allow: any other byte of the UTF-8 name is written {@code +XX}. Names are unique within one backup; data.psql says
 * which table each part fills, so a name need not be decoded.
 */
final class DataPartNames {

    private static final int MAX_STEM = 180;
    private final Set<String> used = new HashSet<>();

    String next(QualifiedName table) {
        String stem = encode(table.schema()) + "." + encode(table.name());
        if (!Character.isLetterOrDigit(stem.charAt(0)) && stem.charAt(0) != '_') {
            stem = "_" + stem;
        }
        if (stem.length() > MAX_STEM) {
            stem = stem.substring(0, MAX_STEM - 17) + "-" + Sha256.hex(table.display())
                    .substring(0, 16);
        }
        String name = "data/" + stem + ".copy";
        for (int suffix = 2; !used.add(name); suffix++) {
            name = "data/" + stem + "-" + suffix + ".copy";
        }
        return name;
    }

    private static String encode(String identifier) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : identifier.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                encoded.append(c);
            } else {
                encoded.append('+').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
