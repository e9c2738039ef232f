package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.ArchiveInfo;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.StoredArchive;
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
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists the archives of a repository: one ListObjectsV2 request per 1,000 keys right under the prefix (the
 * delimiter leaves deeper keys out, so {@code prefix/sub/x.lifeboat.tar} is not an archive of this repository), the
 * size and time from the listing, and the manifest copies and verification records from the listing index
 * ({@link ListingIndex}), reading only those the index lacks or has stale (copies at once and concurrently, records
 * when asked for). No archive is opened.
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
            Supplier<Optional<String>> record = record(bucket, archive, snapshot.indexed());
            S3Object object = archive.object();
            ArchiveInfo info = new ArchiveInfo(archive.name(), bucket.location().locationOf(archive.name().value()),
                    object.size() == null ? 0 : object.size(),
                    object.lastModified() == null ? Instant.EPOCH : object.lastModified());
            archives.add(new S3StoredArchive(bucket, ArchiveObjects.of(bucket.location(), archive.name()), info,
                    object.eTag(), () -> copy, record));
        }
        return archives;
    }

    // a verification record from the index where it has the record as listed; else read when first asked for, and
    // none at all where the listing shows none
    private static Supplier<Optional<String>> record(S3Bucket bucket, Listed archive,
                                                     Map<String, ManifestCopy> indexed) {
        if (archive.record().isEmpty()) {
            return Optional::empty;
        }
        Optional<String> known = current(indexed, archive.name().verificationRecordName(), archive.record().get())
                .map(ManifestCopy::document);
        if (known.isPresent()) {
            return () -> known;
        }
        ArchiveObjects objects = ArchiveObjects.of(bucket.location(), archive.name());
        return new S3StoredArchive.Memoized<>(() -> S3StoredArchive.readRecord(bucket, objects)
                .map(ManifestCopy::document));
    }

    private static Optional<ManifestCopy> current(Map<String, ManifestCopy> indexed, String name, S3Object listed) {
        return Optional.ofNullable(indexed.get(name)).filter(entry -> entry.isContentOf(listed));
    }

    /**
     * Brings the listing index up to date with the manifest copies and verification records in the repository: reads
     * those it lacks and writes it when it changed. Call it holding the lock, at the end of a run that wrote into the
     * repository.
     *
     * @throws SdkException or {@link dev.lifeboat.domain.error.UnavailableException} when a request failed
     */
    static void refreshIndex(S3Bucket bucket) {
        Snapshot snapshot = snapshot(bucket);
        List<ManifestCopy> entries = new ArrayList<>();
        snapshot.copies().forEach(copy -> copy.ifPresent(entries::add));
        readConcurrently(bucket, snapshot.listed(), Listed::record, snapshot.indexed(), S3StoredArchive::readRecord)
                .forEach(record -> record.ifPresent(entries::add));
        if (entries.isEmpty()) {
            if (snapshot.index().isPresent()) {
                ListingIndex.delete(bucket);   // nothing left to index
            }
            return;
        }
        boolean current = snapshot.index().isPresent() && entries.size() == snapshot.indexed().size()
                && entries.stream().allMatch(entry -> entry.equals(snapshot.indexed().get(entry.name())));
        if (!current) {
            ListingIndex.write(bucket, entries, snapshot.index().map(S3Object::eTag));
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
     * An archive found in the listing, its manifest copy as listed when one worth reading is beside it, and its
     * verification record as listed when there is one.
     */
    private record Listed(BackupName name, S3Object object, Optional<S3Object> copy, Optional<S3Object> record) {
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
                Optional<S3Object> record = Optional.ofNullable(objects.get(name.verificationRecordName()));
                listed.add(new Listed(name, entry.getValue(), copy, record));
            }
        }
        listed.sort(Comparator.comparing(archive -> archive.name().value()));
        Optional<S3Object> index = Optional.ofNullable(objects.get(ListingIndex.NAME));
        Map<String, ManifestCopy> indexed = listed.stream()
                .anyMatch(archive -> archive.copy().isPresent() || archive.record().isPresent())
                ? ListingIndex.read(bucket, index) : Map.of();
        return new Snapshot(listed, readConcurrently(bucket, listed, Listed::copy, indexed,
                S3StoredArchive::readManifestCopy), index, indexed);
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

    /**
     * One object beside each archive (its manifest copy, or its verification record): from the index where it has the
     * object as listed, else read, concurrently; empty where the listing shows none.
     */
    private static List<Optional<ManifestCopy>> readConcurrently(
            S3Bucket bucket, List<Listed> listed, Function<Listed, Optional<S3Object>> beside,
            Map<String, ManifestCopy> indexed, BiFunction<S3Bucket, ArchiveObjects, Optional<ManifestCopy>> reader) {
        List<Optional<ManifestCopy>> known = listed.stream()
                .map(archive -> beside.apply(archive).flatMap(object -> current(indexed,
                        object.key().substring(bucket.location().listingPrefix().length()), object)))
                .toList();
        long toRead = IntStream.range(0, listed.size())
                .filter(i -> beside.apply(listed.get(i)).isPresent() && known.get(i).isEmpty()).count();
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
                    .mapToObj(i -> beside.apply(listed.get(i)).isPresent() && known.get(i).isEmpty()
                            ? CompletableFuture.supplyAsync(() -> reader.apply(bucket,
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
