package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServersStartTest {

    @Test
    void every_tested_major_starts() throws Exception {
        for (PostgresServers.Version version : PostgresServers.Version.values()) {
            assertThat(PostgresServers.server(version).majorVersion()).as(version.name())
                    .isEqualTo(Integer.parseInt(version.major()));
        }
        assertThat(PostgresServers.oldest().majorVersion()).isEqualTo(13);
        assertThat(PostgresServers.newest().majorVersion()).isEqualTo(18);
    }
}
