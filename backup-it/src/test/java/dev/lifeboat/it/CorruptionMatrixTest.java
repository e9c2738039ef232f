package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption matrix of issue #5, in process: real archives of both engines damaged systematically (a byte flipped
 * in every region, cut at many lengths, parts swapped, garbage appended, the manifest replaced by a later one; and
 * each again with the sidecar resealed), each of which verify must refuse with exit 6 or 8 and restore must refuse
 * leaving its target exactly as it was. The services are wired as the command line wires them.
 *
 * <p>{@code -Dlifeboat.reliability.long=true} flips every byte and cuts at every length, and verifies and restores
 * more of them deeply.
 */
class CorruptionMatrixTest {

    private static final boolean EXHAUSTIVE = Boolean.getBoolean("lifeboat.reliability.long");
    private static final Instant FIRST = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-01T11:00:00Z");

    @TempDir
    Path work;

    private final CorruptionServices lifeboat = CorruptionServices.discover();

    @Test
    void every_damage_to_a_sqlite_archive_is_refused_by_verify_and_restore() throws Exception {
        Path database = SqliteDatabases.featureComplete(work.resolve("app.db"));
        Path repository = work.resolve("repository");
        Path pristine = archive(lifeboat.backup(database.toString(), repository, clock(FIRST)));
        SqliteDatabases.execute(database, "INSERT INTO account (owner, balance) VALUES ('later', 77);\n"
                + "UPDATE item SET qty = qty + 1 WHERE rowid % 3 = 0;");
        Path later = archive(lifeboat.backup(database.toString(), repository, clock(LATER)));
        Path target = Files.createDirectories(work.resolve("target")).resolve("target.db");
        SqliteDatabases.execute(target, "CREATE TABLE kept (id INTEGER PRIMARY KEY, what TEXT);\n"
                + "INSERT INTO kept (what) VALUES ('the data a failed restore must not touch');");

        CorruptionTally tally = new CorruptionMatrix(lifeboat, pristine, Files.createDirectories(work.resolve("cases")))
                .run("sqlite", CorruptionCatalog.of(pristine, later, EXHAUSTIVE, 16), CorruptionTarget.sqliteFile(target),
                        EXHAUSTIVE ? 40 : 4, EXHAUSTIVE ? 20 : 2);

        assertAllDetected(tally, 200, 30);
    }

    @Test
    void every_damage_to_a_postgresql_archive_is_refused_by_verify_and_restore() throws Exception {
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase("lb_cm_source");
        server.execute(source,
                "CREATE TABLE customer (id bigserial PRIMARY KEY, name text NOT NULL, email text UNIQUE)",
                "CREATE TABLE product (sku text PRIMARY KEY, title text, price_cents int CHECK (price_cents >= 0), photo bytea)",
                "CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint REFERENCES customer(id), "
                        + "sku text REFERENCES product(sku), quantity int, placed_at timestamptz)",
                "CREATE TABLE audit_note (id int GENERATED ALWAYS AS IDENTITY, note text)",
                "CREATE INDEX orders_by_customer ON orders (customer_id)",
                "INSERT INTO customer (name, email) SELECT 'customer ' || i, 'c' || i || '@example.com' "
                        + "FROM generate_series(1, 400) i",
                "INSERT INTO product SELECT 'sku-' || i, 'product ' || i, i * 37, decode(md5(i::text), 'hex') "
                        + "FROM generate_series(1, 120) i",
                "INSERT INTO orders (customer_id, sku, quantity, placed_at) SELECT 1 + i % 400, 'sku-' || (1 + i % 120), "
                        + "i % 9, timestamptz '2026-01-01 00:00:00+00' + i * interval '17 minutes' "
                        + "FROM generate_series(1, 1500) i",
                "INSERT INTO audit_note (note) SELECT 'note ' || i FROM generate_series(1, 50) i");
        Path repository = work.resolve("repository");
        Path pristine = archive(lifeboat.backup(server.url(source), repository, clock(FIRST)));
        server.execute(source,
                "INSERT INTO customer (name, email) VALUES ('later', 'later@example.com')",
                "UPDATE product SET price_cents = price_cents + 1 WHERE sku = 'sku-7'",
                "INSERT INTO orders (customer_id, sku, quantity) VALUES (401, 'sku-7', 2)",
                "INSERT INTO audit_note (note) VALUES ('later')");
        Path later = archive(lifeboat.backup(server.url(source), repository, clock(LATER)));
        String target = server.createDatabase("lb_cm_target");
        server.execute(target,
                "CREATE TABLE kept (id int PRIMARY KEY, what text)",
                "INSERT INTO kept VALUES (1, 'the data a failed restore must not touch')");

        CorruptionTally tally = new CorruptionMatrix(lifeboat, pristine, Files.createDirectories(work.resolve("cases")))
                .run("postgresql", CorruptionCatalog.of(pristine, later, EXHAUSTIVE, 8),
                        CorruptionTarget.postgresDatabase(server, target), EXHAUSTIVE ? 10 : 1, EXHAUSTIVE ? 10 : 2);

        assertAllDetected(tally, 200, 30);
    }

    private static void assertAllDetected(CorruptionTally tally, int verifyCases, int restoreCases) {
        tally.lines().forEach(System.out::println);
        List<String> misses = tally.misses();
        misses.forEach(miss -> System.out.println("MISSED " + miss));
        assertThat(tally.tried(CorruptionMatrix.VERIFY)).as("damaged archives verified").isGreaterThanOrEqualTo(verifyCases);
        assertThat(tally.tried(CorruptionMatrix.VERIFY_DEEP)).as("damaged archives verified deeply").isPositive();
        assertThat(tally.tried(CorruptionMatrix.RESTORE)).as("damaged archives restored").isGreaterThanOrEqualTo(restoreCases);
        assertThat(misses).as("damages lifeboat did not refuse").isEmpty();
    }

    private static Path archive(dev.lifeboat.domain.port.in.BackupReport report) {
        return Path.of(report.archive().location());
    }

    private static Clock clock(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
