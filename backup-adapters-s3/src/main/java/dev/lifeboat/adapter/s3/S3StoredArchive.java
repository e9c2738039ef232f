package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.ChecksumLine;
import dev.lifeboat.domain.spi.StoredArchive;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** An archive object in a bucket, with its sidecar, manifest copy and verification record beside it. */
final class S3StoredArchive implements StoredArchive {

    /** A manifest copy larger than this is not read for listing (the archive is opened instead). */
    static final int MAX_MANIFEST_COPY_BYTES = 16 * 1024 * 1024;
    /** Larger than any verification record lifeboat writes; only this much of a larger object is read. */
    static final int MAX_RECORD_BYTES = 256 * 1024;

    private final S3Bucket bucket;
    private final ArchiveObjects objects;
    private final ArchiveInfo info;
    private final String eTag;
    private final Supplier<Optional<String>> manifestCopy;
    private final Supplier<Optional<String>> record;

    /**
     * @param eTag         the archive's entity tag when it was listed: reads require it, so an archive replaced since
     *                     fails instead of mixing the bytes of two objects
     * @param manifestCopy the manifest copy, read already or read when asked
     * @param record       the verification record, known already (from the listing index, or absent from the
     *                     listing) or read when asked
     */
    S3StoredArchive(S3Bucket bucket, ArchiveObjects objects, ArchiveInfo info, String eTag,
                    Supplier<Optional<String>> manifestCopy, Supplier<Optional<String>> record) {
        this.bucket = bucket;
        this.objects = objects;
        this.info = info;
        this.eTag = eTag;
        this.manifestCopy = manifestCopy;
        this.record = record;
    }

    /** The archive as a HEAD request describes it; its manifest copy is read when first asked for. */
    static S3StoredArchive fromHead(S3Bucket bucket, BackupName name, HeadObjectResponse head) {
        ArchiveObjects objects = ArchiveObjects.of(bucket.location(), name);
        ArchiveInfo info = new ArchiveInfo(name, bucket.location().locationOf(name.value()), head.contentLength(),
                Optional.ofNullable(head.lastModified()).orElse(Instant.EPOCH));
        return new S3StoredArchive(bucket, objects, info, head.eTag(), new Memoized<>(
                () -> readManifestCopy(bucket, objects).map(ManifestCopy::document)),
                new Memoized<>(() -> readRecord(bucket, objects).map(ManifestCopy::document)));
    }

    @Override
    public ArchiveInfo info() {
        return info;
    }

    /**
     * The archive read with ranged GETs: sequential reads stream from one open request, a seek opens another; the
     * object is never downloaded whole first. See {@link RangedReadChannel}.
     */
    @Override
    public SeekableByteChannel open() {
        return new RangedReadChannel(bucket, objects.archiveKey(), info.sizeBytes(), eTag, info.location());
    }

    @Override
    public Optional<String> recordedSha256() {
        String location = bucket.location().locationOf(info.name().sidecarName());
        byte[] content;
        try (ResponseInputStream<GetObjectResponse> stream = bucket.client().getObject(request -> request
                .bucket(bucket.name()).key(objects.sidecarKey()).range("bytes=0-" + ChecksumLine.MAX_BYTES))) {
            content = stream.readNBytes(ChecksumLine.MAX_BYTES + 1);
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw bucket.failure("cannot read the checksum file " + location, e);
        } catch (IOException e) {
            throw new UnavailableException("cannot read the checksum file " + location + " from "
                    + bucket.describe() + ": " + e.getMessage(), e);
        }
        return Optional.of(ChecksumLine.parse(content, info.name(), location).sha256());
    }

    /** The copy written beside the archive by {@link UploadingArchive#commit}, empty when there is none. */
    @Override
    public Optional<String> manifestCopy() {
        return manifestCopy.get();
    }

    /** The record written by {@link S3Repository#recordVerification}, as the listing found it or read when asked. */
    @Override
    public Optional<String> verificationRecord() {
        return record.get();
    }

    /**
     * The verification record beside the archive, with its entity tag (in the shape of a manifest copy, so that the
     * listing index keeps both alike); empty when there is none.
     */
    static Optional<ManifestCopy> readRecord(S3Bucket bucket, ArchiveObjects objects) {
        String name = objects.name().verificationRecordName();
        try (ResponseInputStream<GetObjectResponse> stream = bucket.client().getObject(request -> request
                .bucket(bucket.name()).key(objects.verificationKey()).range("bytes=0-" + (MAX_RECORD_BYTES - 1)))) {
            String document = new String(stream.readNBytes(MAX_RECORD_BYTES), StandardCharsets.UTF_8);
            return Optional.of(new ManifestCopy(name, Optional.ofNullable(stream.response().eTag()), document));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw bucket.failure("cannot read the verification record " + bucket.location().locationOf(name), e);
        } catch (IOException e) {
            throw new UnavailableException("cannot read the verification record " + bucket.location().locationOf(name)
                    + " from " + bucket.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The manifest copy beside the archive, with its entity tag; empty when there is none or it is too large. */
    static Optional<ManifestCopy> readManifestCopy(S3Bucket bucket, ArchiveObjects objects) {
        try (ResponseInputStream<GetObjectResponse> stream = bucket.client().getObject(request -> request
                .bucket(bucket.name()).key(objects.manifestCopyKey()))) {
            Long length = stream.response().contentLength();
            if (length != null && length > MAX_MANIFEST_COPY_BYTES) {
                stream.abort();
                return Optional.empty();
            }
            String document = new String(stream.readNBytes(MAX_MANIFEST_COPY_BYTES), StandardCharsets.UTF_8);
            return Optional.of(new ManifestCopy(ArchiveObjects.manifestCopyName(objects.name()),
                    Optional.ofNullable(stream.response().eTag()), document));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw bucket.failure("cannot read the manifest copy of " + objects.name(), e);
        } catch (IOException e) {
            throw new UnavailableException("cannot read the manifest copy of " + objects.name() + " from "
                    + bucket.describe() + ": " + e.getMessage(), e);
        }
    }

    /** A value computed once, when first asked for. */
    static final class Memoized<T> implements Supplier<T> {

        private final Supplier<T> compute;
        private T value;

        Memoized(Supplier<T> compute) {
            this.compute = compute;
        }

        @Override
        public synchronized T get() {
            if (value == null) {
                value = compute.get();
            }
            return value;
        }
    }
}
