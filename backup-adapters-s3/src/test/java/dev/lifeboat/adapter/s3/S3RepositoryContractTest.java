package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.contract.BackupRepositoryContract;
import dev.lifeboat.domain.contract.ChildJvm;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.BackupRepository;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The S3 repository held to the contract every repository kind meets, against a real S3 server in this process.
 * What only a bucket has (multipart parts, conditional writes, object lock, providers' quirks, the lease) is tested
 * beside this class.
 */
class S3RepositoryContractTest extends BackupRepositoryContract {

    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private String location;

    @BeforeEach
    void newBucket() {
        location = "s3://" + S3.newBucket() + "/repository";
    }

    @Override
    protected BackupRepositoryProvider provider() {
        return new S3RepositoryProvider();
    }

    @Override
    protected BackupRepository openRepository(boolean create) {
        return provider().open(location, S3.server().settings(), create);
    }

    @Override
    protected BackupRepository openMissingRepository() {
        return provider().open("s3://no-such-bucket/repository", S3.server().settings(), false);
    }

    /**
     * A child JVM takes the lock, starts the archive's multipart upload with a first part and makes a scratch file,
     * and is killed with SIGKILL: its lock object, upload and scratch directory stay. The next lock of this host
     * takes the dead process's lock over at once, and the sweep then aborts uploads begun before that takeover.
     */
    @Override
    protected void leaveTracesOfACrashedRun(BackupName name) {
        try (ChildJvm child = S3LockChildMain.start(S3.server(), "write", location, name.value())) {
            assertThat(child.nextLine()).isEqualTo("writing");
            child.kill();
        }
        String bucket = location.substring("s3://".length(), location.indexOf('/', "s3://".length()));
        assertThat(S3.server().client().listMultipartUploads(request -> request.bucket(bucket)).uploads())
                .as("the killed run's upload").hasSize(1);
    }
}
