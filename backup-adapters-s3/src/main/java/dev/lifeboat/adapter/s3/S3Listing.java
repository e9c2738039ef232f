package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.port.out.StoredArchive;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists the archives of a repository: one ListObjectsV2 request per 1,000 keys right under the prefix (the
 * delimiter leaves deeper keys out, so {@code prefix/sub/x.lifeboat.tar} is not an archive of this repository), the
 * size and time from the listing, and the manifest copies from the listing index ({@link ListingIndex}), reading
 * concurrently only those the index lacks or has stale. No archive is opened.
 */
final class S3Listing {

    /** Manifest copies read at once when the index lacks them. */
    static final int CONCURRENT_READS = 16;

    private S3Listing() {
    }

    static List<StoredArchive> archives(S3Bucket bucket) {
        Snapshot snapshot = snapshot(bucket);
        List<StoredArchive> archives = new ArrayList<>(snapshot.listed().size());
        for (int i = 0; i < snapshot.listed().size(); i++) {
            Listed archive = snapshot.listed().get(i);
            Optional<String> copy = snapshot.copies().get(i).map(ManifestCopy::document);
            S3Object object = archive.object();
            ArchiveInfo info = new ArchiveInfo(archive.name(), bucket.location().locationOf(archive.name().value()),
                    object.size() == null ? 0 : object.size(),
                    object.lastModified() == null ? Instant.EPOCH : object.lastModified());
            archives.add(new S3StoredArchive(bucket, ArchiveObjects.of(bucket.location(), archive.name()), info,
                    object.eTag(), () -> copy, archive.recorded()));
        }
        return archives;
    }

    /**
     * Brings the listing index up to date with the manifest copies in the repository: reads the copies it lacks and
     * writes it when it changed. Call it holding the lock, at the end of a run that wrote into the repository.
     *
     * @throws SdkException or {@link dev.lifeboat.domain.error.UnavailableException} when a request failed
     */
    static void refreshIndex(S3Bucket bucket) {
        Snapshot snapshot = snapshot(bucket);
        List<ManifestCopy> copies = snapshot.copies().stream().flatMap(Optional::stream).toList();
        if (copies.isEmpty()) {
            if (snapshot.index().isPresent()) {
                ListingIndex.delete(bucket);   // nothing left to index (no archive, or encrypted ones only)
            }
            return;
        }
        boolean current = snapshot.index().isPresent() && copies.size() == snapshot.indexed().size()
                && copies.stream().allMatch(copy -> copy.equals(snapshot.indexed().get(copy.name())));
        if (!current) {
            ListingIndex.write(bucket, copies, snapshot.index().map(S3Object::eTag));
        }
    }

    /**
     * What one listing found: the archives sorted by name, the manifest copy of each (empty where there is none or
     * it could not be read), the index object and its entries.
     */
    private record Snapshot(List<Listed> listed, List<Optional<ManifestCopy>> copies, Optional<S3Object> index,
                            Map<String, ManifestCopy> indexed) {
    }

    /**
     * An archive found in the listing, its manifest copy as listed when one worth reading is beside it, and whether a
     * verification record is beside it.
     */
    private record Listed(BackupName name, S3Object object, Optional<S3Object> copy, boolean recorded) {
    }

    private static Snapshot snapshot(S3Bucket bucket) {
        Map<String, S3Object> objects = listObjects(bucket);
        List<Listed> listed = new ArrayList<>();
        for (Map.Entry<String, S3Object> entry : objects.entrySet()) {
            if (BackupName.isArchiveName(entry.getKey())) {
                BackupName name = new BackupName(entry.getKey());
                Optional<S3Object> copy = Optional.ofNullable(objects.get(ArchiveObjects.manifestCopyName(name)))
                        .filter(object -> object.size() != null
                                && object.size() <= S3StoredArchive.MAX_MANIFEST_COPY_BYTES);
                listed.add(new Listed(name, entry.getValue(), copy,
                        objects.containsKey(name.verificationRecordName())));
            }
        }
        listed.sort(Comparator.comparing(archive -> archive.name().value()));
        Optional<S3Object> index = Optional.ofNullable(objects.get(ListingIndex.NAME));
        Map<String, ManifestCopy> indexed = listed.stream().anyMatch(archive -> archive.copy().isPresent())
                ? ListingIndex.read(bucket, index) : Map.of();
        return new Snapshot(listed, readCopies(bucket, listed, indexed), index, indexed);
    }

    /** The objects right under the prefix, by their name (the key without the prefix). */
    private static Map<String, S3Object> listObjects(S3Bucket bucket) {
        String prefix = bucket.location().listingPrefix();
        Map<String, S3Object> objects = new HashMap<>();
        try {
            bucket.client().listObjectsV2Paginator(request -> request.bucket(bucket.name()).prefix(prefix)
                            .delimiter("/"))
                    .contents()
                    .forEach(object -> objects.put(object.key().substring(prefix.length()), object));
        } catch (SdkException e) {
            throw bucket.failure("cannot list repository " + bucket.location(), e);
        }
        return objects;
    }

    /** The copy of each archive: from the index where it has the copy as listed, else read, concurrently. */
    private static List<Optional<ManifestCopy>> readCopies(S3Bucket bucket, List<Listed> listed,
                                                           Map<String, ManifestCopy> indexed) {
        List<Optional<ManifestCopy>> known = listed.stream()
                .map(archive -> archive.copy().flatMap(copy -> Optional.ofNullable(
                                indexed.get(ArchiveObjects.manifestCopyName(archive.name())))
                        .filter(entry -> entry.isContentOf(copy))))
                .toList();
        long toRead = IntStream.range(0, listed.size())
                .filter(i -> listed.get(i).copy().isPresent() && known.get(i).isEmpty()).count();
        if (toRead == 0) {
            return known;
        }
        ExecutorService pool = Executors.newFixedThreadPool((int) Math.min(CONCURRENT_READS, toRead), runnable -> {
            Thread thread = new Thread(runnable, "lifeboat-s3-listing");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Optional<ManifestCopy>>> reads = IntStream.range(0, listed.size())
                    .mapToObj(i -> listed.get(i).copy().isPresent() && known.get(i).isEmpty()
                            ? CompletableFuture.supplyAsync(() -> S3StoredArchive.readManifestCopy(bucket,
                                    ArchiveObjects.of(bucket.location(), listed.get(i).name())), pool)
                            : CompletableFuture.completedFuture(known.get(i)))
                    .toList();
            List<Optional<ManifestCopy>> copies = new ArrayList<>(reads.size());
            for (CompletableFuture<Optional<ManifestCopy>> read : reads) {
                copies.add(read.join());
            }
            return copies;
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }
}
