package dev.lifeboat.domain.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Decodes %XX escapes in a URL component without turning '+' into a space (that is a form encoding rule). */
public final class PercentDecoding {

    private PercentDecoding() {
    }

    public static String decode(String component) {
        if (component.indexOf('%') < 0) {
            return component;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
        int i = 0;
        while (i < component.length()) {
            char c = component.charAt(i);
            if (c == '%' && i + 2 < component.length() && isHex(component.charAt(i + 1)) && isHex(component.charAt(i + 2))) {
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

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
