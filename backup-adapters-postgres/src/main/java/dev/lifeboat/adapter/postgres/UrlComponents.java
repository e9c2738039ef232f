package dev.lifeboat.adapter.postgres;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of URL components, for the locations lifeboat shows and records. */
final class UrlComponents {

    private UrlComponents() {
    }

    /** Encodes everything but unreserved characters, so the result is one path segment or user name. */
    static String encodePathSegment(String component) {
        StringBuilder encoded = new StringBuilder(component.length());
        for (byte b : component.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

}
