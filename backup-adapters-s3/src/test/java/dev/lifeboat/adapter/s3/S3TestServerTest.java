package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.port.out.BackupRepository;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

class S3TestServerTest {

    @Test
    void aRepositoryOnTheTestServerSeesWhatIsInTheBucket() {
        try (S3TestServer server = S3TestServer.start()) {
            server.createBucket("backups");
            BackupRepository repository = new S3RepositoryProvider().open("s3://backups/prod", server.settings(), true);
            BackupName name = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");
            assertThat(repository.contains(name)).isFalse();

            server.client().putObject(request -> request.bucket("backups").key("prod/" + name.value()),
                    RequestBody.fromString("archive"));

            assertThat(repository.contains(name)).isTrue();
        }
    }
}
