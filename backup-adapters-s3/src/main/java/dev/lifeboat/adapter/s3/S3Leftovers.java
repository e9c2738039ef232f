package dev.lifeboat.adapter.s3;

import java.util.List;

/**
 * Finds and removes what crashed runs left in an S3 repository: local scratch directories of runs whose process is
 * gone ({@link LocalScratch#removeLeftovers()}). Still to come: incomplete multipart uploads older than a day, lone
 * sidecars and manifest copies.
 */
final class S3Leftovers {

    private S3Leftovers() {
    }

    /** Removes the leftovers of crashed runs and returns their names, sorted. */
    static List<String> remove(S3Bucket bucket) {
        return LocalScratch.removeLeftovers();
    }
}
