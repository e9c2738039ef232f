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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists the archives of a repository: one ListObjectsV2 request per 1,000 keys right under the prefix (the
 * delimiter leaves deeper keys out, so {@code prefix/sub/x.lifeboat.tar} is not an archive of this repository), the
 * size and time from the listing, and the manifest copies read concurrently. No archive is opened.
 */
final class S3Listing {

    /** Manifest copies read at once: enough to list 1,000 archives in about a second on a nearby service. */
    static final int CONCURRENT_READS = 16;

    private S3Listing() {
    }

    static List<StoredArchive> archives(S3Bucket bucket) {
        Map<String, S3Object> objects = listObjects(bucket);
        List<Listed> listed = new ArrayList<>();
        for (Map.Entry<String, S3Object> entry : objects.entrySet()) {
            if (BackupName.isArchiveName(entry.getKey())) {
                BackupName name = new BackupName(entry.getKey());
                S3Object copy = objects.get(ArchiveObjects.manifestCopyName(name));
                listed.add(new Listed(name, entry.getValue(), copy != null
                        && copy.size() != null && copy.size() <= S3StoredArchive.MAX_MANIFEST_COPY_BYTES));
            }
        }
        listed.sort(Comparator.comparing(archive -> archive.name().value()));
        List<Optional<String>> copies = readCopies(bucket, listed);
        List<StoredArchive> archives = new ArrayList<>(listed.size());
        for (int i = 0; i < listed.size(); i++) {
            Listed archive = listed.get(i);
            Optional<String> copy = copies.get(i);
            S3Object object = archive.object();
            ArchiveInfo info = new ArchiveInfo(archive.name(), bucket.location().locationOf(archive.name().value()),
                    object.size() == null ? 0 : object.size(),
                    object.lastModified() == null ? Instant.EPOCH : object.lastModified());
            archives.add(new S3StoredArchive(bucket, ArchiveObjects.of(bucket.location(), archive.name()), info,
                    object.eTag(), () -> copy));
        }
        return archives;
    }

    /** An archive found in the listing, and whether a manifest copy worth reading was found beside it. */
    private record Listed(BackupName name, S3Object object, boolean hasCopy) {
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

    private static List<Optional<String>> readCopies(S3Bucket bucket, List<Listed> listed) {
        if (listed.stream().noneMatch(Listed::hasCopy)) {
            return listed.stream().map(archive -> Optional.<String>empty()).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONCURRENT_READS, listed.size()), runnable -> {
            Thread thread = new Thread(runnable, "lifeboat-s3-listing");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Optional<String>>> reads = listed.stream()
                    .map(archive -> archive.hasCopy()
                            ? CompletableFuture.supplyAsync(() -> S3StoredArchive.readManifestCopy(bucket,
                                    ArchiveObjects.of(bucket.location(), archive.name())), pool)
                            : CompletableFuture.completedFuture(Optional.<String>empty()))
                    .toList();
            List<Optional<String>> copies = new ArrayList<>(reads.size());
            for (CompletableFuture<Optional<String>> read : reads) {
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
