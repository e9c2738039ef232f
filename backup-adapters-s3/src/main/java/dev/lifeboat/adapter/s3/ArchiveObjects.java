package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.BackupName;

/**
 * The objects one archive consists of, under the repository's prefix: the archive {@code NAME.lifeboat.tar}, its
 * checksum sidecar {@code NAME.lifeboat.tar.sha256} (as in a directory repository), and the copy of its manifest
 * {@code NAME.lifeboat.tar.manifest.json} that listing reads instead of opening the archive, and once verified the
 * record of its last verification {@code NAME.lifeboat.tar.verified}. None of these is a name
 * {@link BackupName#isArchiveName} accepts, so nothing takes them for archives.
 */
record ArchiveObjects(BackupName name, String archiveKey, String sidecarKey, String manifestCopyKey,
                      String verificationKey) {

    /** What follows an archive's name in the name of its manifest copy. */
    static final String MANIFEST_COPY_SUFFIX = ".manifest.json";

    static ArchiveObjects of(S3Location location, BackupName name) {
        return new ArchiveObjects(name, location.key(name.value()), location.key(name.sidecarName()),
                location.key(manifestCopyName(name)), location.key(name.verificationRecordName()));
    }

    static String manifestCopyName(BackupName name) {
        return name.value() + MANIFEST_COPY_SUFFIX;
    }
}
