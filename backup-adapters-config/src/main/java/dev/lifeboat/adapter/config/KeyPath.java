package dev.lifeboat.adapter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The full name of a key in a TOML document, one segment per table level: {@code databases}, {@code shop},
 * {@code compression}. Segments are kept apart rather than joined with dots because a quoted key may itself contain
 * a dot ({@code [databases."shop.v2"]}).
 *
 * @param segments the keys from the document's root down
 */
record KeyPath(List<String> segments) {

    static final KeyPath ROOT = new KeyPath(List.of());

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    KeyPath {
        segments = List.copyOf(segments);
    }

    static KeyPath of(String... segments) {
        return new KeyPath(List.of(segments));
    }

    KeyPath child(String segment) {
        List<String> longer = new ArrayList<>(segments);
        longer.add(segment);
        return new KeyPath(longer);
    }

    /** This path followed by a path relative to it. */
    KeyPath resolve(KeyPath relative) {
        List<String> longer = new ArrayList<>(segments);
        longer.addAll(relative.segments);
        return new KeyPath(longer);
    }

    /** The first {@code count} segments. */
    KeyPath prefix(int count) {
        return new KeyPath(segments.subList(0, count));
    }

    int length() {
        return segments.size();
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last segment: the key's own name within its table. */
    String name() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    /** The name as it would be written in TOML: {@code databases.shop.compression}, {@code databases."a b"}. */
    @Override
    public String toString() {
        List<String> written = new ArrayList<>(segments.size());
        for (String segment : segments) {
            written.add(BARE_KEY.matcher(segment).matches() ? segment : quoted(segment));
        }
        return String.join(".", written);
    }

    private static String quoted(String segment) {
        StringBuilder text = new StringBuilder("\"");
        segment.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                text.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f) {
                text.append(String.format("\\u%04X", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.append('"').toString();
    }
}
