package dev.lifeboat.adapter.s3;

import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A manifest copy or a verification record as read, the small objects beside an archive that the listing index
 * keeps: its name under the prefix, the entity tag of the object it was read from (empty when the service sent
 * none), and the document.
 */
record ManifestCopy(String name, Optional<String> eTag, String document) {

    /** Whether this is the content of the copy as listed now: the same object, not one written since. */
    boolean isContentOf(S3Object listed) {
        return eTag.isPresent() && EntityTags.same(eTag.get(), listed.eTag());
    }
}
