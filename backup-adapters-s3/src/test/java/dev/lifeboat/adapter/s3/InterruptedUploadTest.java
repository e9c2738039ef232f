package dev.lifeboat.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InterruptedUploadTest {

    /** Generous: a JVM starts in well under a second, but CI machines can be very slow. */
    private static final long WAIT_SECONDS = 60;

    /** SIGTERM, and Ctrl-C alike, run the JVM's shutdown hooks: the upload is aborted, nothing is left. */
    @Test
    void aRunStoppedInTheMiddleOfAnUploadAbortsIt() throws Exception {
        try (S3TestServer server = S3TestServer.start()) {
            server.createBucket("interrupted");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), UploadChildMain.class.getName(),
                    server.endpoint().toString(), "s3://interrupted/prod")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(CompletableFuture.supplyAsync(() -> readLine(out)).get(WAIT_SECONDS, TimeUnit.SECONDS))
                        .isEqualTo("writing");
                assertThat(uploads(server)).hasSize(1);

                child.destroy();
                assertThat(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }

            assertThat(uploads(server)).isEmpty();
            assertThat(server.client().listObjectsV2(request -> request.bucket("interrupted")).contents()).isEmpty();
        }
    }

    private static List<String> uploads(S3TestServer server) {
        return server.client().listMultipartUploads(request -> request.bucket("interrupted")).uploads().stream()
                .map(upload -> upload.key()).toList();
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
