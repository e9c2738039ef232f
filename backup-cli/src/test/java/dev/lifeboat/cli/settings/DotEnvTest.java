package dev.lifeboat.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {

    @TempDir
    Path directory;

    @Test
    void reads_quoted_exported_and_commented_values() throws Exception {
        Files.writeString(directory.resolve(".env"), """
                # database
                OTHER=1
                export DATABASE_URL="sqlite:data/app.db"
                """);

        assertThat(DotEnv.lookup(directory, "DATABASE_URL")).contains("sqlite:data/app.db");
        assertThat(DotEnv.lookup(directory, "MISSING")).isEmpty();
    }

    @Test
    void env_local_wins_over_env() throws Exception {
        Files.writeString(directory.resolve(".env"), "DATABASE_URL=sqlite:shared.db\n");
        Files.writeString(directory.resolve(".env.local"), "DATABASE_URL='sqlite:mine.db' # my copy\n");

        assertThat(DotEnv.lookup(directory, "DATABASE_URL")).contains("sqlite:mine.db");
    }

    @Test
    void a_later_definition_wins_and_an_unquoted_comment_is_dropped() throws Exception {
        Files.writeString(directory.resolve(".env"), "DATABASE_URL=a.db\nDATABASE_URL=b.db # newer\n");

        assertThat(DotEnv.lookup(directory, "DATABASE_URL")).contains("b.db");
    }
}
