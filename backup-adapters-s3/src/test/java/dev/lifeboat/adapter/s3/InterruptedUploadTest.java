package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.contract.ChildJvm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterruptedUploadTest {

    /** SIGTERM, and Ctrl-C alike, run the JVM's shutdown hooks: the upload is aborted, nothing is left. */
    @Test
    void aRunStoppedInTheMiddleOfAnUploadAbortsIt() {
        try (S3TestServer server = S3TestServer.start()) {
            server.createBucket("interrupted");
            try (ChildJvm child = ChildJvm.start(UploadChildMain.class, Map.of(), server.endpoint().toString(),
                    "s3://interrupted/prod")) {
                assertThat(child.nextLine()).isEqualTo("writing");
                assertThat(uploads(server)).hasSize(1);

                child.terminate();
            }

            assertThat(uploads(server)).isEmpty();
            assertThat(server.client().listObjectsV2(request -> request.bucket("interrupted")).contents()).isEmpty();
        }
    }

    private static List<String> uploads(S3TestServer server) {
        return server.client().listMultipartUploads(request -> request.bucket("interrupted")).uploads().stream()
                .map(upload -> upload.key()).toList();
    }
}
