package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.RepositorySetting;
import dev.lifeboat.domain.model.RepositorySettings;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import java.util.List;

/**
 * Repositories in an S3-compatible object store: {@code s3://bucket} or {@code s3://bucket/prefix}, on AWS S3, MinIO,
 * Cloudflare R2, Backblaze B2, Google Cloud Storage or Ceph (see {@link S3Settings#DECLARED} for the settings).
 *
 * <p>Opening checks the location and the settings but sends no request: a missing bucket, wrong credentials or an
 * unreachable endpoint are reported by the first operation (exit 3, naming bucket and endpoint). A bucket is never
 * created, for writing either: its region, versioning and object lock are the user's choice.
 */
public final class S3RepositoryProvider implements BackupRepositoryProvider {

    private static final String ID = "s3";

    public S3RepositoryProvider() {
        // found with ServiceLoader, which needs a public no-argument constructor
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(String location) {
        return S3Location.accepts(location);
    }

    @Override
    public List<RepositorySetting> settings() {
        return S3Settings.DECLARED;
    }

    @Override
    public BackupRepository open(String location, RepositorySettings settings, boolean create) {
        S3Location parsed = S3Location.parse(location);
        S3Settings checked = S3Settings.from(settings);
        return new S3Repository(new S3Bucket(S3Clients.create(checked), parsed, checked));
    }
}
