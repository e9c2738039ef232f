package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The S3-compatible services lifeboat knows the quirks of. {@code other} is any service that behaves like AWS S3
 * apart from addressing (path-style by default when an endpoint is given).
 */
enum S3Provider {
    AWS, MINIO, R2, B2, GCS, CEPH, OTHER;

    /** The setting's value: {@code aws}, {@code minio}, ... */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static S3Provider parse(String value) {
        for (S3Provider provider : values()) {
            if (provider.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return provider;
            }
        }
        throw new InvalidUsageException("s3 setting 'provider' is '" + value + "'; it takes one of "
                + Arrays.stream(values()).map(S3Provider::id).collect(Collectors.joining(", ")));
    }

    /**
     * Whether requests name the bucket in the path ({@code http://host/bucket/key}) rather than in the host name, when
     * the path-style setting does not say: MinIO, Ceph and most self-hosted servers only answer path-style.
     */
    boolean pathStyleByDefault(boolean endpointGiven) {
        return this == MINIO || this == CEPH || (this == OTHER && endpointGiven);
    }

    /**
     * Whether checksums are only sent and checked where the S3 API requires them. Since SDK 2.30 the client adds a
     * CRC32 checksum to every upload by default, which B2, R2, GCS and Ceph reject or mishandle.
     */
    boolean checksumsOnlyWhenRequired() {
        return this == B2 || this == R2 || this == GCS || this == CEPH;
    }

    /**
     * Whether the service honours {@code If-None-Match: *} on a write. Backblaze B2 answers NotImplemented, so there
     * a name is checked with HEAD before the write, which two runs racing for one name can both pass.
     */
    boolean conditionalWrites() {
        return this != B2;
    }
}
