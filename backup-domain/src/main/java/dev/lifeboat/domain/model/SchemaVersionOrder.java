package dev.lifeboat.domain.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How schema versions are ordered: numerically, segment by segment, segments separated by '.' or '_' (Flyway's
 * {@code V1_2__x.sql} is version {@code 1.2}); a missing segment counts as 0, so {@code 1.0} and {@code 1} are the
 * same version and {@code 1.10} is newer than {@code 1.9}. A version with any other character (a Liquibase id such
 * as {@code create-users}) has no order.
 */
public final class SchemaVersionOrder {

    private static final Pattern NUMERIC = Pattern.compile("[0-9]+([._][0-9]+)*");

    private SchemaVersionOrder() {
    }

    /** Whether a version can be ordered: digits, separated by '.' or '_'. */
    public static boolean isOrdered(String version) {
        return NUMERIC.matcher(version).matches();
    }

    /**
     * Compares two versions.
     *
     * @return negative, zero or positive as {@code a} is older than, the same as or newer than {@code b}; empty when
     * either has no order
     */
    public static Optional<Integer> compare(String a, String b) {
        if (!isOrdered(a) || !isOrdered(b)) {
            return Optional.empty();
        }
        List<BigInteger> left = segments(a);
        List<BigInteger> right = segments(b);
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            BigInteger x = i < left.size() ? left.get(i) : BigInteger.ZERO;
            BigInteger y = i < right.size() ? right.get(i) : BigInteger.ZERO;
            int order = x.compareTo(y);
            if (order != 0) {
                return Optional.of(order);
            }
        }
        return Optional.of(0);
    }

    private static List<BigInteger> segments(String version) {
        List<BigInteger> segments = new ArrayList<>();
        for (String segment : version.split("[._]")) {
            segments.add(new BigInteger(segment));
        }
        return segments;
    }
}
