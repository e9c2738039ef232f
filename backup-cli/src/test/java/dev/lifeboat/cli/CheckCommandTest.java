package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lifeboat check: is the newest backup of each database recent and intact, as monitoring asks. */
class CheckCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path directory;

    private Path repository;
    private Path shop;
    private Path other;
    private HttpServer server;
    private final List<String> pings = new CopyOnWriteArrayList<>();

    /** shop backed up an hour ago, other three days ago. */
    @BeforeEach
    void backups() throws IOException {
        repository = directory.resolve("repo");
        shop = Files.copy(Path.of("../examples/shop.db"), directory.resolve("shop.db"));
        other = Files.copy(Path.of("../examples/shop.db"), directory.resolve("other.db"));
        backUp(shop, NOW.minus(Duration.ofHours(1)));
        backUp(other, NOW.minus(Duration.ofDays(3)));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void a_database_whose_newest_backup_is_older_than_the_max_age_is_stale_exit_9() {
        CommandLineHarness check = at(NOW);

        int status = check.run("check", "--repo", repository.toString(), "--max-age", "26h");

        assertThat(status).as(check.err()).isEqualTo(9);
        assertThat(line(check.out(), "shop")).startsWith("ok").contains("2026-12-06 11:00:00", "1h", "26h", "never");
        assertThat(line(check.out(), "other")).startsWith("STALE").contains("3d", "26h");
        assertThat(check.out()).contains("1 of 2 databases fresh and intact.");
        assertThat(check.err()).contains("check found stale backups: other (newest backup is 3d old, max-age 26h)");
    }

    /** A backup dated a year ahead (a wrong clock) would otherwise count as taken now, forever. */
    @Test
    void a_newest_backup_dated_in_the_future_is_stale_not_fresh() throws IOException {
        backUp(shop, NOW.plus(Duration.ofDays(365)));
        CommandLineHarness check = at(NOW);

        int status = check.run("check", "--repo", repository.toString(), "--database", "shop", "--max-age", "26h");

        assertThat(status).as(check.err()).isEqualTo(9);
        assertThat(line(check.out(), "shop")).startsWith("STALE").contains("in 365d");
        assertThat(check.err()).contains("newest backup is dated 365d in the future");
    }

    @Test
    void json_has_each_databases_newest_age_freshness_and_last_verification() {
        assertThat(at(NOW.minus(Duration.ofMinutes(30))).run("verify", "--repo", repository.toString(),
                "latest:shop")).isZero();
        CommandLineHarness check = at(NOW);

        int status = check.run("check", "--repo", repository.toString(), "--max-age", "4d", "--json");

        assertThat(status).as(check.out()).isZero();
        assertThat(check.out()).contains("\"ok\": true", "\"command\": \"check\"", "\"database\": \"shop\"",
                "\"ageSeconds\": 3600", "\"fresh\": true", "\"lastVerified\": \"2026-12-06T11:30:00Z\"",
                "\"verified\": true", "\"database\": \"other\"", "\"ageSeconds\": 259200", "\"verified\": null",
                "\"maxAgeSeconds\": 345600");
    }

    @Test
    void a_newest_backup_whose_last_verification_failed_exits_6_even_when_another_is_stale() throws IOException {
        damage(newestOf("shop"));
        assertThat(at(NOW).run("verify", "--repo", repository.toString(), "latest:shop")).isEqualTo(6);

        CommandLineHarness check = at(NOW);
        assertThat(check.run("check", "--repo", repository.toString())).isEqualTo(6);
        assertThat(line(check.out(), "shop")).startsWith("FAIL").contains("FAILED, fast");
        assertThat(check.err()).contains("check FAILED: ", "shop (newest backup failed verification: archive checksum)",
                "other (newest backup is 3d old");
    }

    /** check reads no archive: a damaged newest backup passes until --verify reads it. */
    @Test
    void verify_also_verifies_the_newest_backup_and_records_it() throws IOException {
        damage(newestOf("shop"));
        assertThat(at(NOW).run("check", "--repo", repository.toString(), "--database", "shop")).isZero();

        CommandLineHarness check = at(NOW);
        assertThat(check.run("check", "--repo", repository.toString(), "--database", "shop", "--verify", "--json"))
                .isEqualTo(6);
        assertThat(check.out()).contains("\"verified\": false", "\"status\": \"failed\"");
        assertThat(repository.resolve(newestOf("shop") + ".verified")).content(StandardCharsets.UTF_8)
                .contains("outcome failed");
    }

    @Test
    void a_database_without_any_backup_is_missing_exit_9() {
        CommandLineHarness check = at(NOW);

        assertThat(check.run("check", "--repo", repository.toString(), "--database", "orders")).isEqualTo(9);
        assertThat(line(check.out(), "orders")).startsWith("STALE").contains("none");
        assertThat(check.err()).contains("orders (no backup)");
    }

    /** [check] max-age for all databases, [databases.NAME.check] for one; --all checks what the file names. */
    @Test
    void the_configuration_file_gives_the_max_age_globally_and_per_database() throws IOException {
        Path config = Files.writeString(directory.resolve("lifeboat.toml"), """
                repository = "repo"
                [check]
                max-age = "2h"
                [databases.shop]
                location = "sqlite:%s"
                [databases.other]
                location = "sqlite:%s"
                [databases.other.check]
                max-age = "8d"
                """.formatted(shop, other));

        CommandLineHarness check = at(NOW);
        assertThat(check.run("check", "--config", config.toString(), "--all")).as(check.err()).isZero();
        assertThat(line(check.out(), "shop")).contains("2h");
        assertThat(line(check.out(), "other")).contains("8d");

        CommandLineHarness configCheck = at(NOW);
        assertThat(configCheck.run("config", "check", "--config", config.toString())).as(configCheck.err()).isZero();
        assertThat(configCheck.out()).containsPattern("checkMaxAge +2h +\\(.*lifeboat.toml:3: check.max-age\\)")
                .containsPattern("checkMaxAge +8d +\\(.*lifeboat.toml:9: databases.other.check.max-age\\)");

        CommandLineHarness later = at(NOW.plus(Duration.ofHours(2)));
        assertThat(later.run("check", "--config", config.toString())).isEqualTo(9);
        assertThat(line(later.out(), "shop")).startsWith("STALE");
    }

    /**
     * A configured database's backups are named after the database, not after the configuration's name for it: with
     * --all it is found by the name its location gives, and shown under the configuration's name.
     */
    @Test
    void all_finds_a_configured_databases_backups_under_the_name_its_location_gives() throws IOException {
        Path config = Files.writeString(directory.resolve("lifeboat.toml"), """
                repository = "repo"
                [databases.storefront]
                location = "sqlite:%s"
                [databases.reports]
                location = "sqlite:%s"
                [databases.reports.check]
                max-age = "2d"
                """.formatted(shop, other));

        CommandLineHarness check = at(NOW);
        assertThat(check.run("check", "--config", config.toString(), "--all", "--json")).as(check.err()).isEqualTo(9);

        assertThat(check.out()).contains("\"database\": \"storefront\"", "\"database\": \"reports\"")
                .contains("\"newest\": \"" + newestOf("shop") + "\"", "\"newest\": \"" + newestOf("other") + "\"");
        CommandLineHarness text = at(NOW);
        text.run("check", "--config", config.toString(), "--all");
        assertThat(line(text.out(), "storefront")).startsWith("ok");
        assertThat(line(text.out(), "reports")).startsWith("STALE").contains("3d");
    }

    /**
     * Two databases whose files share a name are filed under one name: with retention each backup removed the other
     * database's, check called both fresh and latest:NAME restored the other's data. The file is refused instead,
     * until one has a repository of its own.
     */
    @Test
    void two_configured_databases_filed_under_one_name_in_one_repository_are_refused() throws IOException {
        Path first = Files.copy(shop, Files.createDirectory(directory.resolve("a")).resolve("app.db"));
        Path second = Files.copy(other, Files.createDirectory(directory.resolve("b")).resolve("app.db"));
        String databases = """
                [keep]
                last = 1
                [databases.shop]
                location = "sqlite:%s"
                [databases.blog]
                location = "sqlite:%s"
                """.formatted(first, second);
        Path config = Files.writeString(directory.resolve("lifeboat.toml"), "repository = \"repo\"\n" + databases);

        for (List<String> command : List.of(List.of("backup", "--all"), List.of("backup", "blog"),
                List.of("check", "--all"), List.of("check", "--database", "shop"),
                List.of("restore", "latest:shop", directory.resolve("copy.db").toString()))) {
            CommandLineHarness run = at(NOW);
            List<String> arguments = new java.util.ArrayList<>(command);
            arguments.addAll(List.of("--config", config.toString()));
            assertThat(run.run(arguments.toArray(String[]::new))).as(command + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).contains("databases.", "are different databases whose backups are both filed "
                    + "under the name 'app' in " + repository);
        }
        assertThat(repository.resolve("../copy.db")).doesNotExist();
        try (Stream<Path> files = Files.list(repository)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.startsWith("app_"));
        }

        Files.writeString(config, "repository = \"repo\"\n" + databases + "repository = \"blog-repo\"\n");
        CommandLineHarness apart = at(NOW);
        assertThat(apart.run("backup", "--all", "--config", config.toString())).as(apart.err()).isZero();
        assertThat(at(NOW).run("check", "--all", "--config", config.toString(), "--max-age", "4d")).isZero();
    }

    /** healthchecks.io: /start when the run starts, the plain URL on success, /fail on failure. */
    @Test
    void ping_tells_a_healthcheck_the_start_and_the_outcome() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            pings.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ping/abc";

        assertThat(at(NOW).run("check", "--repo", repository.toString(), "--max-age", "4d", "--ping", url)).isZero();
        assertThat(at(NOW).run("check", "--repo", repository.toString(), "--ping", url)).isEqualTo(9);
        assertThat(at(NOW).run("backup", "--repo", repository.toString(), shop.toString(), "--ping", url + "/"))
                .isZero();

        assertThat(pings).containsExactly("POST /ping/abc/start", "POST /ping/abc", "POST /ping/abc/start",
                "POST /ping/abc/fail", "POST /ping/abc/start", "POST /ping/abc");
    }

    @Test
    void bad_options_are_usage_errors() {
        assertThat(at(NOW).run("check", "--repo", repository.toString(), "--max-age", "soon")).isEqualTo(2);
        assertThat(at(NOW).run("check", "--repo", repository.toString(), "--all", "--database", "shop"))
                .isEqualTo(2);
        assertThat(at(NOW).run("check", "--repo", repository.toString(), "--deep")).isEqualTo(2);
        CommandLineHarness ping = at(NOW);
        assertThat(ping.run("check", "--repo", repository.toString(), "--ping", "ftp://secret-token@x/y"))
                .isEqualTo(2);
        assertThat(ping.err()).contains("must be an http:// or https:// URL").doesNotContain("secret-token");
    }

    private void backUp(Path database, Instant at) {
        CommandLineHarness backup = at(at);
        assertThat(backup.run("backup", "--repo", repository.toString(), database.toString())).as(backup.err())
                .isZero();
    }

    private String newestOf(String database) throws IOException {
        try (Stream<Path> files = Files.list(repository)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith(database + "_") && name.endsWith(".lifeboat.tar"))
                    .sorted().reduce((first, second) -> second).orElseThrow();
        }
    }

    private void damage(String archive) throws IOException {
        try (FileChannel channel = FileChannel.open(repository.resolve(archive), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {42}), 700);
        }
    }

    private CommandLineHarness at(Instant now) {
        return new CommandLineHarness(directory, Map.of(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String line(String output, String database) {
        return output.lines().filter(line -> line.length() > 7 && line.substring(7).startsWith(database + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no line for " + database + " in\n" + output));
    }
}
