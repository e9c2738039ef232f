package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table larger than lifeboat's heap (the jar runs with -Xmx256m) is streamed, not held: it backs up and restores
 * to the same rows.
 */
class PostgresLargeTableIT {

    private static final int ROWS = 270_000;
    private static final long MIN_TABLE_BYTES = 100L * 1024 * 1024;

    /** 256 hex characters of text and 128 bytes that neither TOAST nor zstd can shrink much, different per row. */
    private static final String ROW = "SELECT i, "
            + IntStream.range(0, 8).mapToObj(k -> "md5((i * 8 + " + k + ")::text)").collect(Collectors.joining(" || "))
            + ", decode("
            + IntStream.range(0, 8).mapToObj(k -> "md5((-i * 8 - " + k + ")::text)").collect(Collectors.joining(" || "))
            + ", 'hex') FROM generate_series(1, " + ROWS + ") i";

    private static final String CONTENT_HASH =
            "SELECT md5(string_agg(md5(t::text), '' ORDER BY id)) FROM big_table t";

    @TempDir
    Path work;

    @Test
    void a_table_of_more_than_100_mb_round_trips_through_a_256_mb_heap() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase("lb_it_large");
        server.execute(source,
                "CREATE TABLE big_table (id int PRIMARY KEY, note text NOT NULL, payload bytea NOT NULL)",
                "INSERT INTO big_table " + ROW);
        assertThat(PostgresDatabases.queryLong(server, source, "SELECT pg_total_relation_size('big_table')"))
                .as("the table's size on the server").isGreaterThan(MIN_TABLE_BYTES);
        String hash = PostgresDatabases.queryString(server, source, CONTENT_HASH);

        LifeboatProcess.Result backup = LifeboatProcess.run(work, "backup", server.url(source));
        assertThat(backup.exitCode()).as(backup.toString()).isZero();

        String restored = PostgresServers.uniqueName("lb_it_large_restored");
        LifeboatProcess.Result restore = LifeboatProcess.run(work, "restore", "latest", server.url(restored));
        assertThat(restore.exitCode()).as(restore.toString()).isZero();

        assertThat(PostgresDatabases.rowCount(server, restored, "big_table")).isEqualTo(ROWS);
        assertThat(PostgresDatabases.queryString(server, restored, CONTENT_HASH)).isEqualTo(hash);
    }
}
