package dev.lifeboat.adapter.postgres;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of URL components; '+' stays a plus (turning it into a space is a form rule, not a URL one). */
final class UrlComponents {

    private UrlComponents() {
    }

    static String decode(String component) {
        if (component.indexOf('%') < 0) {
            return component;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
        int i = 0;
        while (i < component.length()) {
            char c = component.charAt(i);
            if (c == '%' && i + 2 < component.length() && isHex(component.charAt(i + 1))
                    && isHex(component.charAt(i + 2))) {
                bytes.write(Integer.parseInt(component.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int end = i + Character.charCount(component.codePointAt(i));
                byte[] encoded = component.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
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

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
