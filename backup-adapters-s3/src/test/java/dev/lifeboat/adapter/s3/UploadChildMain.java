package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.RepositorySettings;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.NewArchive;
import dev.lifeboat.domain.spi.RepositoryLock;
import java.time.Duration;
import java.util.Map;

/**
 * A run writing an archive into an S3 repository that stops in the middle, for {@link InterruptedUploadTest}: it
 * uploads a part, says {@code writing}, and waits to be stopped.
 *
 * <p>Arguments: the endpoint and the repository location.
 */
public final class UploadChildMain {

    private UploadChildMain() {
    }

    public static void main(String[] args) throws Exception {
        RepositorySettings settings = new RepositorySettings(Map.of(
                S3Settings.ENDPOINT, args[0],
                S3Settings.PROVIDER, "other",
                S3Settings.ACCESS_KEY_ID, S3TestServer.ACCESS_KEY_ID,
                S3Settings.SECRET_ACCESS_KEY, S3TestServer.SECRET_ACCESS_KEY));
        BackupRepository repository = new S3RepositoryProvider().open(args[1], settings, true);
        RepositoryLock lock = repository.lock(Duration.ZERO, "backup");
        NewArchive archive = repository.create(new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar"), lock);
        archive.output().write(new byte[S3Repository.DEFAULT_PART_SIZE + 1]);
        System.out.println("writing");
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
}
