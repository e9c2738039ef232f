package dev.lifeboat.adapter.s3;

/** Entity tags (ETags) as services return them: some quoted, some not, the same object either way. */
final class EntityTags {

    private EntityTags() {
    }

    /** Whether two tags name the same object version; false when either is missing. */
    static boolean same(String a, String b) {
        return a != null && b != null && unquoted(a).equals(unquoted(b));
    }

    private static String unquoted(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}
