package dev.lifeboat.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The host id in lock objects and temporary file names, which tells whose pids they carry. */
class HostIdentityTest {

    /** {@code printf 'db1\npid:[4026531836]' | sha256sum} */
    private static final String SHA256SUM = "40497f11b721f43439711551de1ec6125d3c8a9da72ea9358eac7fb1da314c44";

    @Test
    void theIdIsEightHexDigitsOfTheSha256OfHostNameAndPidNamespace() {
        assertThat(new HostIdentity("db1", "pid:[4026531836]").id()).isEqualTo(SHA256SUM.substring(0, 8));
        assertThat(HostIdentity.local().id()).matches("[0-9a-f]{8}");
    }

    /** Containers may share a host name but each numbers its processes from 1. */
    @Test
    void machinesOrPidNamespacesThatDifferHaveDifferentIds() {
        String id = new HostIdentity("db1", "pid:[4026531836]").id();

        assertThat(new HostIdentity("db2", "pid:[4026531836]").id()).isNotEqualTo(id);
        assertThat(new HostIdentity("db1", "pid:[4026532290]").id()).isNotEqualTo(id);
        assertThat(new HostIdentity("db1", "pid:[4026531836]").id()).isEqualTo(id);
    }
}
