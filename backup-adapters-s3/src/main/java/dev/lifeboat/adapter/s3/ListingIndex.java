package dev.lifeboat.adapter.s3;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The listing index {@code PREFIX/.lifeboat.listing}: the manifest copies and verification records of a repository's
 * archives gathered in one gzip-compressed object, so that {@code list} reads one object instead of one or two per
 * archive.
 *
 * <p>It is a cache and nothing more. Each entry names the manifest copy it was read from and that copy's entity
 * tag, and counts only while the listing shows the copy with that same tag: an entry of an archive deleted since, or
 * an archive written (or verified) since without an entry, costs one read of its copy (or record), never a wrong
 * line. A verification, which holds no lock, leaves its record to be indexed by the next run that writes. A missing, damaged or
 * unreadable index costs the reads of all copies, nothing else; no other command reads it.
 *
 * <p>Runs that write into the repository bring it up to date when they release the repository's lock
 * ({@link S3Lock#close()}), with a conditional write so that two runs cannot interleave theirs. A host that only
 * lists never writes it.
 *
 * <p>Format, inside gzip: the line {@code lifeboat-listing 1}, then for each copy or record a line
 * {@code NAME TAG LENGTH} (single spaces; NAME is the object's name under the prefix, TAG its entity tag, LENGTH
 * the document's length in bytes) followed by the document's bytes and a newline.
 */
final class ListingIndex {

    /** The index's name under the prefix: a directory repository would take it for nothing of its own. */
    static final String NAME = ".lifeboat.listing";

    /** An index larger than this is not read: a repository of over a million archives lists without it. */
    static final long MAX_BYTES = 512L * 1024 * 1024;

    private static final String FORMAT = "lifeboat-listing 1";
    private static final String CONTENT_TYPE = "application/gzip";

    private ListingIndex() {
    }

    /**
     * The entries of the index the listing found, by copy name; empty when there is none or it cannot be used.
     *
     * @param listed the index object as listed, absent when the listing showed none
     */
    static Map<String, ManifestCopy> read(S3Bucket bucket, Optional<S3Object> listed) {
        if (listed.isEmpty() || listed.get().size() == null || listed.get().size() > MAX_BYTES) {
            return Map.of();
        }
        try (ResponseInputStream<GetObjectResponse> stream = bucket.client().getObject(request -> request
                .bucket(bucket.name()).key(bucket.key(NAME)).ifMatch(listed.get().eTag()))) {
            return decode(stream);
        } catch (SdkException | IOException | UncheckedIOException e) {
            // replaced since it was listed, damaged or unreadable: the copies are read one by one instead
            return Map.of();
        }
    }

    /**
     * Writes the index unless another run replaced the one this was computed from.
     *
     * @param replacing the entity tag of the index the entries were computed from, empty when there was none
     * @throws SdkException when the request failed; a refusal because of another run's index is no failure
     */
    static void write(S3Bucket bucket, Collection<ManifestCopy> copies, Optional<String> replacing) {
        byte[] content = encode(copies);
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket.name())
                .key(bucket.key(NAME))
                .contentType(CONTENT_TYPE)
                .contentLength((long) content.length);
        if (bucket.settings().provider().conditionalWrites()) {
            replacing.ifPresentOrElse(request::ifMatch, () -> request.ifNoneMatch("*"));
        }
        try {
            bucket.client().putObject(request.build(), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            if (!ConditionalWrites.isNameTaken(e) && S3Failures.status(e) != 404) {
                throw e;   // 412 or 409: another run wrote its index; 404: the one replaced was deleted meanwhile
            }
        }
    }

    /** Deletes the index; a run that writes one meanwhile only makes the next listing read the copies again. */
    static void delete(S3Bucket bucket) {
        bucket.client().deleteObject(request -> request.bucket(bucket.name()).key(bucket.key(NAME)));
    }

    static byte[] encode(Collection<ManifestCopy> copies) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write((FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
            for (ManifestCopy copy : copies) {
                String eTag = copy.eTag().orElse("");
                if (eTag.isEmpty() || eTag.contains(" ") || eTag.contains("\n")) {
                    continue;   // an entry without a tag could never be told current
                }
                byte[] document = copy.document().getBytes(StandardCharsets.UTF_8);
                out.write((copy.name() + " " + eTag + " " + document.length + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(document);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The entries of an index, read to its end so that gzip's checksum of the whole is checked.
     *
     * @throws IOException when it is not an index of this format or is damaged
     */
    static Map<String, ManifestCopy> decode(InputStream compressed) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(compressed));
        if (!FORMAT.equals(line(in).orElse(""))) {
            throw new IOException("not a listing index of format " + FORMAT);
        }
        Map<String, ManifestCopy> copies = new HashMap<>();
        for (Optional<String> header = line(in); header.isPresent(); header = line(in)) {
            String[] fields = header.get().split(" ", -1);
            if (fields.length != 3) {
                throw new IOException("damaged entry in the listing index");
            }
            int length = parseLength(fields[2]);
            byte[] document = new byte[length];
            in.readFully(document);
            if (in.read() != '\n') {
                throw new IOException("damaged entry in the listing index");
            }
            copies.put(fields[0], new ManifestCopy(fields[0], Optional.of(fields[1]),
                    new String(document, StandardCharsets.UTF_8)));
        }
        return copies;
    }

    private static int parseLength(String field) throws IOException {
        try {
            int length = Integer.parseInt(field);
            if (length < 0 || length > S3StoredArchive.MAX_MANIFEST_COPY_BYTES) {
                throw new IOException("damaged entry in the listing index");
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("damaged entry in the listing index", e);
        }
    }

    /** The next line, without its newline; empty at the end of the stream. */
    private static Optional<String> line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.size() == 0) {
                    return Optional.empty();
                }
                throw new EOFException("listing index ends inside a line");
            }
            if (line.size() > 4096) {
                throw new IOException("damaged entry in the listing index");
            }
            line.write(b);
        }
        return Optional.of(line.toString(StandardCharsets.UTF_8));
    }
}
