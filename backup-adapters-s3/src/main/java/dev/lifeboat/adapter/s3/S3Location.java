package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an S3 repository is: {@code s3://bucket} or {@code s3://bucket/some/prefix}. The prefix plays the part of the
 * directory: the repository's objects are the keys right under it.
 *
 * @param bucket the bucket's name
 * @param prefix the key prefix without leading or trailing {@code /}, empty for the bucket's top level
 */
record S3Location(String bucket, String prefix) {

    static final String SCHEME = "s3://";
    /** The S3 rules for bucket names, loosely: 3 to 63 lower-case letters, digits, dots and hyphens. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** A key is at most 1024 bytes; the prefix leaves room for an archive name and a suffix. */
    private static final int MAX_PREFIX_BYTES = 700;

    /** Whether the location names an S3 repository (whether or not it is well formed). */
    static boolean accepts(String location) {
        return location != null && location.toLowerCase(Locale.ROOT).startsWith(SCHEME);
    }

    /** @throws InvalidUsageException naming the location when it is not {@code s3://bucket[/prefix]} */
    static S3Location parse(String location) {
        if (!accepts(location)) {
            throw new IllegalArgumentException("not an s3:// location: " + location);
        }
        String rest = location.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new InvalidUsageException("repository location '" + location + "' does not name a bucket: write "
                    + "s3://BUCKET or s3://BUCKET/PREFIX, with a bucket name of 3 to 63 lower-case letters, digits, "
                    + "dots and hyphens");
        }
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!prefix.isEmpty()) {
            for (String segment : prefix.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || hasControlCharacter(segment)) {
                    throw new InvalidUsageException("repository location '" + location + "' has a malformed prefix: "
                            + "write s3://BUCKET/a/b, without empty, '.' or '..' parts and without control characters");
                }
            }
            if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
                throw new InvalidUsageException("repository location '" + location + "' has a prefix longer than "
                        + MAX_PREFIX_BYTES + " bytes, which leaves no room for archive names in an S3 key");
            }
        }
        return new S3Location(bucket, prefix);
    }

    /** The key of an object of the repository, such as an archive's. */
    String key(String objectName) {
        return prefix.isEmpty() ? objectName : prefix + "/" + objectName;
    }

    /** What a listing asks for: every key right under the prefix. */
    String listingPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    /** The location of one object, for people: {@code s3://bucket/prefix/NAME}. */
    String locationOf(String objectName) {
        return SCHEME + bucket + "/" + key(objectName);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
