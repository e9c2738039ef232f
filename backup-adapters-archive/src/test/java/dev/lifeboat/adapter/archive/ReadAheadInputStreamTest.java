package dev.lifeboat.adapter.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.VerificationFailedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The read-ahead hands over the source's bytes unchanged, in order, within its bounds, and stops cleanly. */
class ReadAheadInputStreamTest {

    private static final int CHUNK = ReadAheadInputStream.CHUNK_BYTES;

    @Test
    void everyByteArrivesInOrderWhateverThePiecesAskedFor() throws IOException {
        byte[] content = TestArchives.random(7 * CHUNK + 12_345, 1);
        ByteArrayOutputStream read = new ByteArrayOutputStream();

        try (InputStream in = ReadAheadInputStream.start(new CountingSource(content), Long.MAX_VALUE, "test")) {
            SplittableRandom random = new SplittableRandom(2);
            byte[] buffer = new byte[3 * CHUNK];
            while (true) {
                if (random.nextInt(5) == 0) {
                    int one = in.read();
                    if (one < 0) {
                        break;
                    }
                    read.write(one);
                    continue;
                }
                int n = in.read(buffer, 7, random.nextInt(buffer.length - 7) + 1);
                if (n < 0) {
                    break;
                }
                read.write(buffer, 7, n);
            }
            assertThat(in.read()).isEqualTo(-1);
        }

        assertThat(read.toByteArray()).isEqualTo(content);
    }

    @Test
    void noMoreThanTheLimitIsReadFromTheSource() throws IOException {
        CountingSource source = new CountingSource(TestArchives.random(5 * CHUNK, 3));

        byte[] read;
        try (InputStream in = ReadAheadInputStream.start(source, 2L * CHUNK + 1, "test")) {
            read = in.readAllBytes();
        }

        assertThat(read).hasSize(2 * CHUNK + 1);
        assertThat(source.served.get()).isEqualTo(2L * CHUNK + 1);
    }

    @Test
    void aReaderThatFallsBehindHoldsBackTheSource() throws Exception {
        CountingSource source = new CountingSource(TestArchives.random(40 * CHUNK, 4));

        try (InputStream in = ReadAheadInputStream.start(source, Long.MAX_VALUE, "test")) {
            in.read();
            Thread.sleep(300);

            // the chunks in the queue, the one being read and the one being filled
            assertThat(source.served.get()).isLessThanOrEqualTo((ReadAheadInputStream.CHUNKS + 2L) * CHUNK);
        }
    }

    @Test
    void aFailingSourceFailsTheReaderAfterTheBytesBeforeIt() throws IOException {
        byte[] content = TestArchives.random(3 * CHUNK, 5);
        InputStream failing = new CountingSource(content) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served.get() >= 2L * CHUNK) {
                    throw new IOException("Unknown frame descriptor");
                }
                return super.read(b, off, len);
            }
        };

        try (InputStream in = ReadAheadInputStream.start(failing, Long.MAX_VALUE, "test")) {
            assertThat(in.readNBytes(2 * CHUNK)).isEqualTo(java.util.Arrays.copyOf(content, 2 * CHUNK));
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("Unknown frame descriptor");
        }
    }

    @Test
    void aRuntimeFailureOfTheSourceIsThrownAsItWas() throws IOException {
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                throw new VerificationFailedException("part database in x is damaged");
            }
        };

        try (InputStream in = ReadAheadInputStream.start(failing, Long.MAX_VALUE, "test")) {
            assertThatThrownBy(in::read).isInstanceOf(VerificationFailedException.class)
                    .hasMessage("part database in x is damaged");
        }
    }

    @Test
    void closingEarlyStopsTheReadingThreadBeforeTheSourceIsClosed() throws IOException {
        CountingSource source = new CountingSource(TestArchives.random(40 * CHUNK, 6));

        InputStream in = ReadAheadInputStream.start(source, Long.MAX_VALUE, "lifeboat-read-ahead-test");
        in.read();
        in.close();

        assertThat(source.closed).isTrue();
        assertThat(source.closedWhileReading).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName()
                .equals("lifeboat-read-ahead-test"));
        assertThat(source.served.get()).isLessThan(40L * CHUNK);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    /** Serves its bytes in pieces of varying size, counting them and noticing a close in the middle of a read. */
    private static class CountingSource extends InputStream {

        final AtomicLong served = new AtomicLong();
        private final byte[] content;
        private final AtomicBoolean reading = new AtomicBoolean();
        private final SplittableRandom pieces = new SplittableRandom(9);
        volatile boolean closed;
        volatile boolean closedWhileReading;

        CountingSource(byte[] content) {
            this.content = content;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reading.set(true);
            try {
                int position = (int) served.get();
                if (position >= content.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, content.length - position), pieces.nextInt(100_000) + 1);
                System.arraycopy(content, position, b, off, n);
                served.addAndGet(n);
                return n;
            } finally {
                reading.set(false);
            }
        }

        @Override
        public void close() {
            closedWhileReading |= reading.get();
            closed = true;
        }
    }
}
