package dev.lifeboat.domain.model;

import java.util.regex.Pattern;

/**
 * The rule for part names: relative paths of plain characters, never absolute and never with {@code ..},
 * so that unpacking an archive by hand cannot write outside the directory it is unpacked in.
 */
public final class PartNames {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*(/[A-Za-z0-9_][A-Za-z0-9_.+-]*)*");
    private static final int MAX_LENGTH = 240;

    private PartNames() {
    }

    public static boolean isSafe(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || !SAFE.matcher(name).matches()) {
            return false;
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return false;
            }
        }
        return true;
    }

    public static String requireSafe(String name) {
        if (!isSafe(name)) {
            throw new IllegalArgumentException("unsafe part name: " + name);
        }
        return name;
    }
}
