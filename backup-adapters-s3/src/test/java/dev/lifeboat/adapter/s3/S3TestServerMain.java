package dev.lifeboat.adapter.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test S3 server on its own, for bench/s3.sh: starts it with one bucket, writes its endpoint to a file, and runs
 * until killed.
 *
 * <pre>java -cp TEST_CLASSPATH dev.lifeboat.adapter.s3.S3TestServerMain BUCKET ENDPOINT_FILE</pre>
 */
public final class S3TestServerMain {

    private S3TestServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: S3TestServerMain BUCKET ENDPOINT_FILE");
        }
        S3TestServer server = S3TestServer.start();
        server.createBucket(args[0]);
        Path endpointFile = Path.of(args[1]);
        Path written = Files.writeString(endpointFile.resolveSibling(endpointFile.getFileName() + ".tmp"),
                server.endpoint().toString(), StandardCharsets.UTF_8);
        Files.move(written, endpointFile);
        Thread.currentThread().join();
    }
}
