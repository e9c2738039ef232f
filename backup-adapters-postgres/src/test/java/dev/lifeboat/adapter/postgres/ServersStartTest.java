package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServersStartTest {

    @Test
    void both_majors_start() throws Exception {
        assertThat(PostgresServers.oldest().majorVersion()).isEqualTo(13);
        assertThat(PostgresServers.newest().majorVersion()).isEqualTo(17);
    }
}
