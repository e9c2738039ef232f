package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessScanTest {

    @TempDir
    Path directory;

    @Test
    void a_process_left_holding_a_replaced_file_is_found_by_the_file_it_holds() throws Exception {
        Path database = Sqlite.execute(directory.resolve("app.db"), "CREATE TABLE t(x)", "INSERT INTO t VALUES (1)");
        Object oldFile = Files.readAttributes(database, BasicFileAttributes.class).fileKey();
        Process holder = new ProcessBuilder("sqlite3", "-batch", database.toString()).redirectErrorStream(true).start();
        Writer commands = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        try {
            commands.write("SELECT x FROM t;\n");
            commands.flush();
            assertThat(output.readLine()).isEqualTo("1");
            assertThat(ProcessScan.user(database)).contains("pid " + holder.pid() + ", sqlite3");

            Path replacement = Sqlite.execute(directory.resolve("new.db"), "CREATE TABLE t(x)");
            Files.move(replacement, database, StandardCopyOption.ATOMIC_MOVE);

            assertThat(ProcessScan.user(database)).as("nobody has the new file open").isEmpty();
            assertThat(ProcessScan.holdersOf(database, oldFile)).containsExactly("pid " + holder.pid() + ", sqlite3");
            Object newFile = Files.readAttributes(database, BasicFileAttributes.class).fileKey();
            assertThat(ProcessScan.holdersOf(database, newFile)).isEmpty();
        } finally {
            commands.close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ProcessScan.holdersOf(database, oldFile)).isEmpty();
    }
}
