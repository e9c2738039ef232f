package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresLocationTest {

    @TempDir
    Path home;

    private PgEnvironment environment(Map<String, String> variables) {
        return new PgEnvironment(variables, home, "osuser");
    }

    private PostgresLocation parse(String url, Map<String, String> variables) {
        return PostgresLocation.parse(DatabaseLocation.parse(url), environment(variables));
    }

    @Test
    void reads_every_part_of_a_url_and_keeps_the_password_out_of_the_display() {
        PostgresLocation location = parse("postgresql://app:s3cr%40t@db.example.com:6543/shop?sslmode=require", Map.of());

        assertThat(location.host()).isEqualTo("db.example.com");
        assertThat(location.port()).isEqualTo(6543);
        assertThat(location.database()).isEqualTo("shop");
        assertThat(location.user()).isEqualTo("app");
        assertThat(location.password()).contains(Secret.of("s3cr@t"));
        assertThat(location.parameters()).containsEntry("sslmode", "require");
        assertThat(location.display()).isEqualTo("postgresql://app@db.example.com:6543/shop?sslmode=require")
                .doesNotContain("s3cr");
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/shop").doesNotContain("s3cr");
    }

    @Test
    void accepts_the_three_schemes() {
        for (String url : new String[] {"postgresql://u@h/d", "postgres://u@h/d", "jdbc:postgresql://h/d?user=u"}) {
            PostgresLocation location = parse(url, Map.of());
            assertThat(location.user()).as(url).isEqualTo("u");
            assertThat(location.host()).as(url).isEqualTo("h");
            assertThat(location.port()).as(url).isEqualTo(5432);
            assertThat(location.database()).as(url).isEqualTo("d");
        }
    }

    @Test
    void fills_what_the_url_leaves_out_from_the_environment_as_libpq_does() {
        PostgresLocation location = parse("postgresql:///shop",
                Map.of("PGHOST", "pg.internal", "PGPORT", "5433", "PGUSER", "backup", "PGPASSWORD", "from-env"));

        assertThat(location.host()).isEqualTo("pg.internal");
        assertThat(location.port()).isEqualTo(5433);
        assertThat(location.user()).isEqualTo("backup");
        assertThat(location.password()).contains(Secret.of("from-env"));
        assertThat(parse("postgresql://h/shop", Map.of()).user()).isEqualTo("osuser");
    }

    @Test
    void a_password_in_the_url_wins_over_pgpassword() {
        assertThat(parse("postgresql://u:url@h/d", Map.of("PGPASSWORD", "env")).password()).contains(Secret.of("url"));
    }

    @Test
    void finds_the_password_in_a_private_pgpass_file_and_ignores_one_others_can_read() throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "# comment\nother:5432:*:u:wrong\nh:5432:d:u:pa\\:ss\n*:*:*:*:fallback\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));

        assertThat(parse("postgresql://u@h/d", Map.of()).password()).contains(Secret.of("pa:ss"));
        assertThat(parse("postgresql://x@elsewhere/y", Map.of()).password()).contains(Secret.of("fallback"));

        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(parse("postgresql://u@h/d", Map.of()).password()).isEqualTo(Optional.empty());
    }

    @Test
    void malformed_urls_are_usage_errors_that_do_not_echo_the_password() {
        assertThatThrownBy(() -> parse("postgresql://u:topsecret@h:notaport/d", Map.of()))
                .isInstanceOf(InvalidUsageException.class).hasMessageContaining("port")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> parse("postgresql://u@h", Map.of()))
                .isInstanceOf(InvalidUsageException.class).hasMessageContaining("name the database");
        assertThatThrownBy(() -> parse("postgresql:shop", Map.of())).isInstanceOf(InvalidUsageException.class);
        assertThatThrownBy(() -> parse("postgresql://h1,h2/d", Map.of())).isInstanceOf(InvalidUsageException.class);
        assertThatThrownBy(() -> parse("postgresql://u:topsecret@h/d?connect_timeout=abc", Map.of()))
                .isInstanceOf(InvalidUsageException.class).hasMessageContaining("connect_timeout is a number")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> parse("postgresql://u@h/d?connect_timeout=-5", Map.of()))
                .isInstanceOf(InvalidUsageException.class);
        assertThatThrownBy(() -> parse("postgresql://u@h/d?sslmode=bogus", Map.of()))
                .isInstanceOf(InvalidUsageException.class).hasMessageContaining("sslmode is one of");
        assertThat(parse("postgresql://u@h/d?sslmode=verify-full&connect_timeout=10", Map.of()).parameters())
                .containsEntry("sslmode", "verify-full").containsEntry("connectTimeout", "10");
    }

    @Test
    void ipv6_hosts_and_encoded_names() {
        PostgresLocation location = parse("postgresql://u@[::1]:5433/caf%C3%A9", Map.of());

        assertThat(location.host()).isEqualTo("::1");
        assertThat(location.database()).isEqualTo("café");
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/caf%C3%A9");
    }
}
