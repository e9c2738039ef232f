package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host id in temporary file names, which tells whose pids they carry. */
class LocalHostTest {

    @TempDir
    Path temp;

    @Test
    void theIdIsEightHexDigitsOfTheSha256OfHostNameAndPidNamespace() throws IOException {
        Files.writeString(temp.resolve("identity"), "db1\npid:[4026531836]");
        String sha256sum = Processes.run(temp, "sha256sum", "identity").output();

        assertThat(LocalHost.idOf("db1", "pid:[4026531836]")).isEqualTo(sha256sum.substring(0, 8));
        assertThat(LocalHost.id()).matches("[0-9a-f]{8}");
    }

    /** Containers may share a host name but each numbers its processes from 1. */
    @Test
    void machinesOrPidNamespacesThatDifferHaveDifferentIds() {
        String id = LocalHost.idOf("db1", "pid:[4026531836]");

        assertThat(LocalHost.idOf("db2", "pid:[4026531836]")).isNotEqualTo(id);
        assertThat(LocalHost.idOf("db1", "pid:[4026532290]")).isNotEqualTo(id);
        assertThat(LocalHost.idOf("db1", "pid:[4026531836]")).isEqualTo(id);
    }
}
