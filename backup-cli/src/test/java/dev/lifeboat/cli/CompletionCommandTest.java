package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifeboat completion}: the script the real bash sources completes the engines' flags too. */
class CompletionCommandTest {

    @TempDir
    Path directory;

    @Test
    void bashCompletesBackupsFlagsTheEnginesDeclaredAmongLifeboatsOwn() throws Exception {
        Path script = script("bash");

        List<String> offered = complete(script, "lifeboat backup --");

        assertThat(offered).contains("--engine-option", "--jobs", "--no-owner", "--no-privileges",
                "--allow-unsupported", "--lock-timeout", "--repo")
                .doesNotContain("--drop-previous", "--scratch");
    }

    @Test
    void bashCompletesTheCommandsWithCompletionAmongThem() throws Exception {
        List<String> offered = complete(script("bash"), "lifeboat ");

        assertThat(offered).contains("backup", "restore", "verify", "engines", "completion");
    }

    @Test
    void zshGetsTheScriptThatTurnsOnBashcompinit() throws IOException {
        assertThat(Files.readString(script("zsh"))).contains("ZSH_VERSION", "bashcompinit", "--no-owner");
    }

    @Test
    void anotherShellIsAUsageError() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("completion", "fish")).isEqualTo(2);
        assertThat(cli.err()).contains("Invalid value for positional parameter at index 0 (SHELL): expected one of "
                + "[bash, zsh]");
    }

    private Path script(String shell) throws IOException {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());
        assertThat(cli.run("completion", shell)).isZero();
        Path script = directory.resolve("lifeboat." + shell);
        Files.writeString(script, cli.out());
        return script;
    }

    /** What bash's completion function offers for a command line, run by the real bash. */
    private List<String> complete(Path script, String line) throws Exception {
        String program = "source \"$1\"\n"
                + "read -r -a COMP_WORDS <<< \"$2\"\n"
                + "[[ \"$2\" == *' ' ]] && COMP_WORDS+=('')\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_LINE=\"$2\"; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_lifeboat 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", program, "bash", script.toString(), line)
                .redirectErrorStream(false).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("bash finished").isTrue();
        assertThat(bash.exitValue()).as("bash's exit status").isZero();
        return output.lines().map(String::trim).toList();
    }
}
