package dev.lifeboat.adapter.s3;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The requests on a repository's lock object {@code PREFIX/.lifeboat.lock} (the name of the directory lock file).
 *
 * <p>Where the service has conditional writes, taking the lock is a PutObject with {@code If-None-Match: *} and every
 * later write (renewal, takeover) a PutObject with {@code If-Match:} the ETag last seen, so of two writers racing from
 * the same state exactly one wins. A write whose answer was lost (the connection dropped after the server applied it)
 * is retried by the client and then refused, as the object changed; so a refused write reads the object back, and
 * finding its own bytes there counts as written.
 *
 * <p>Without conditional writes (Backblaze B2) every write is a read, an unconditional PutObject and a read back: two
 * runs writing within the same instant can both believe they won. The repository warns on every run there.
 *
 * <p>DeleteObject with {@code If-Match} is not answered by every service (s3proxy answers 501), so a release checks the
 * ETag with HEAD and then deletes. Between the two requests another run may take over the lock, but only one that
 * found our lease expired, that is one that saw no renewal from us for a whole lease. Our delete then removes its lock
 * object: its next change, which renews the lock first, or its next renewal finds the object gone and its run stops
 * (see {@link S3Lock}); only a change it already began goes on.
 */
final class S3LockObject {

    static final String NAME = ".lifeboat.lock";

    /**
     * What the lock object held when read.
     *
     * @param bytes        its content, cut after {@link S3LockContent#MAX_BYTES} bytes (such a one is not ours)
     * @param etag         its ETag
     * @param lastModified when the server last wrote it (whole seconds)
     * @param serverTime   the server's clock when it answered (whole seconds)
     */
    record Observed(byte[] bytes, String etag, Instant lastModified, Instant serverTime) {

        Optional<S3LockContent> content() {
            return S3LockContent.decode(bytes);
        }
    }

    /**
     * A write of ours that the server applied.
     *
     * @param etag       the ETag of what we wrote
     * @param serverTime the server's clock when it answered
     */
    record Written(String etag, Instant serverTime) {
    }

    /**
     * How a write ended: written, or refused with the object as found afterwards (empty when there is none).
     */
    record Outcome(Optional<Written> written, Optional<Observed> found) {

        static Outcome refused(Optional<Observed> found) {
            return new Outcome(Optional.empty(), found);
        }
    }

    private final S3Bucket bucket;
    private final String key;

    S3LockObject(S3Bucket bucket) {
        this.bucket = bucket;
        this.key = bucket.key(NAME);
    }

    /** Whether writes are conditional; they are unless the provider cannot do them (B2). */
    boolean conditional() {
        return bucket.settings().provider().conditionalWrites();
    }

    /** The lock object as it is now, empty when there is none. */
    Optional<Observed> read() {
        try (ResponseInputStream<GetObjectResponse> in = bucket.client().getObject(request -> request
                .bucket(bucket.name()).key(key))) {
            byte[] bytes = in.readNBytes(S3LockContent.MAX_BYTES + 1);
            if (bytes.length > S3LockContent.MAX_BYTES) {
                in.abort();
            }
            GetObjectResponse response = in.response();
            Instant serverTime = ServerTime.of(response.sdkHttpResponse());
            return Optional.of(new Observed(bytes, response.eTag(),
                    response.lastModified() == null ? serverTime : response.lastModified(), serverTime));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw S3Interruption.or(bucket, "cannot read the lock " + where(), e);
        } catch (IOException e) {
            throw S3Interruption.or(bucket, "cannot read the lock " + where(),
                    SdkClientException.builder().message(String.valueOf(e.getMessage())).cause(e).build());
        }
    }

    /** Writes the lock object where there is none. */
    Outcome create(byte[] content) {
        if (!conditional()) {
            Optional<Observed> current = read();
            return current.isPresent() ? Outcome.refused(current) : putAndReadBack(content);
        }
        return put(content, request -> request.ifNoneMatch("*"));
    }

    /** Replaces the lock object if it is still the one with that ETag. */
    Outcome replace(String etag, byte[] content) {
        if (!conditional()) {
            Optional<Observed> current = read();
            return current.isPresent() && EntityTags.same(current.get().etag(), etag) ? putAndReadBack(content)
                    : Outcome.refused(current);
        }
        return put(content, request -> request.ifMatch(etag));
    }

    /** Deletes the lock object if it is still the one with that ETag; see the class comment for the race left. */
    void delete(String etag) {
        try {
            String current = bucket.client().headObject(request -> request.bucket(bucket.name()).key(key)).eTag();
            if (EntityTags.same(current, etag)) {
                bucket.client().deleteObject(request -> request.bucket(bucket.name()).key(key));
            }
        } catch (NoSuchKeyException e) {
            // already gone
        } catch (SdkException e) {
            if (S3Failures.status(e) != 404) {
                throw S3Interruption.or(bucket, "cannot release the lock " + where(), e);
            }
        }
    }

    /** {@code of repository s3://bucket/prefix}, for messages. */
    String where() {
        return "of repository " + bucket.location();
    }

    private Outcome put(byte[] content, Consumer<PutObjectRequest.Builder> condition) {
        try {
            PutObjectResponse response = bucket.client().putObject(request -> {
                request.bucket(bucket.name()).key(key).contentType("application/json");
                condition.accept(request);
            }, RequestBody.fromBytes(content));
            return new Outcome(Optional.of(new Written(response.eTag(), ServerTime.of(response.sdkHttpResponse()))),
                    Optional.empty());
        } catch (SdkException e) {
            int status = S3Failures.status(e);
            // 412: the condition failed; 409: a concurrent conditional write won (AWS); 404: If-Match on no object
            boolean refused = status == 412 || status == 409
                    || (status == 404 && !"NoSuchBucket".equals(S3Failures.errorCode(e)));
            if (!refused) {
                throw S3Interruption.or(bucket, "cannot write the lock " + where(), e);
            }
        }
        Optional<Observed> found = read();
        if (found.isPresent() && Arrays.equals(found.get().bytes(), content)) {
            return new Outcome(Optional.of(new Written(found.get().etag(), found.get().serverTime())), found);
        }
        return Outcome.refused(found);
    }

    private Outcome putAndReadBack(byte[] content) {
        Outcome put = put(content, request -> { });
        Optional<Observed> after = read();
        boolean stillOurs = after.isPresent() && put.written().isPresent()
                && EntityTags.same(after.get().etag(), put.written().get().etag());
        return stillOurs ? put : Outcome.refused(after);
    }
}
