package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kind of repository's own settings (an object store's endpoint, region, keys) reach it from the environment and
 * the configuration file's table for the kind, and config check shows them, secrets masked. The kind here is the
 * stand-in of this module's tests, which declares the S3 repository's settings.
 */
class RepositorySettingsCommandTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path directory;

    @BeforeEach
    void forgetEarlierRuns() {
        StandInObjectStoreProvider.forget();
    }

    @Test
    void a_repository_is_opened_with_its_settings_from_the_environment_before_the_file() throws IOException {
        writeConfiguration("""
                [s3]
                endpoint = "https://file.example"
                region = "eu-central-003"
                path-style = true
                """);
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of("LIFEBOAT_S3_ENDPOINT", "http://127.0.0.1:9000",
                "AWS_ENDPOINT_URL_S3", "https://aws.example", "AWS_SECRET_ACCESS_KEY", SECRET));

        Files.createDirectory(directory.resolve("objects"));

        assertThat(cli.run("list", "--repo", standIn("objects"))).as(cli.err()).isZero();

        assertThat(StandInObjectStoreProvider.lastOpened().orElseThrow().values()).isEqualTo(Map.of(
                "endpoint", "http://127.0.0.1:9000", "region", "eu-central-003", "path-style", "true",
                "secret-access-key", SECRET));
        assertThat(cli.out() + cli.err()).doesNotContain(SECRET);
    }

    @Test
    void a_directory_repository_reads_no_settings_and_needs_no_configuration_file() throws IOException {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of("LIFEBOAT_S3_REGION", "eu-west-1"));
        Files.createDirectory(directory.resolve("plain"));

        assertThat(cli.run("list", "--repo", directory.resolve("plain").toString())).as(cli.err()).isZero();

        assertThat(StandInObjectStoreProvider.lastOpened()).isEmpty();
    }

    @Test
    void config_check_shows_the_settings_of_the_repository_in_effect_with_their_sources_and_secrets_masked()
            throws IOException {
        Path file = writeConfiguration("""
                repository = "%s"
                [s3]
                region = "eu-central-003"
                object-lock-mode = "governance"
                object-lock-days = 30
                """.formatted(standIn("objects")));
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of("LIFEBOAT_S3_ENDPOINT", "http://127.0.0.1:9000",
                "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", SECRET));

        assertThat(cli.run("config", "check")).as(cli.err()).isZero();

        assertThat(cli.out()).contains("Repository settings: s3")
                .containsPattern("endpoint +http://127.0.0.1:9000 +\\(LIFEBOAT_S3_ENDPOINT\\)")
                .containsPattern("region +eu-central-003 +\\(" + file + ":3: s3.region\\)")
                .containsPattern("object-lock-days +30 +\\(" + file + ":5: s3.object-lock-days\\)")
                .containsPattern("profile +not set")
                .containsPattern("access-key-id +AKIAEXAMPLE +\\(AWS_ACCESS_KEY_ID\\)")
                .containsPattern("secret-access-key +\\*\\*\\*\\* +\\(AWS_SECRET_ACCESS_KEY\\)");
        assertThat(cli.out() + cli.err()).doesNotContain(SECRET);
    }

    @Test
    void config_check_json_masks_the_secret_too() throws IOException {
        writeConfiguration("repository = \"" + standIn("objects") + "\"\n");
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of("AWS_SECRET_ACCESS_KEY", SECRET));

        assertThat(cli.run("config", "check", "--json")).as(cli.err()).isZero();

        String json = cli.out().replaceAll("\\s+", " ");
        assertThat(json).contains("\"repositorySettings\": [ { \"kind\": \"s3\", \"settings\": { \"endpoint\": { "
                + "\"value\": null, \"from\": \"not set\" }")
                .contains("\"secret-access-key\": { \"value\": \"****\", \"from\": \"AWS_SECRET_ACCESS_KEY\" }");
        assertThat(cli.out() + cli.err()).doesNotContain(SECRET);
    }

    @Test
    void config_check_of_a_directory_repository_shows_no_repository_settings_unless_the_file_has_a_table()
            throws IOException {
        writeConfiguration("repository = \"backups\"\n");
        CommandLineHarness plain = new CommandLineHarness(directory, Map.of("LIFEBOAT_S3_REGION", "eu-west-1"));
        assertThat(plain.run("config", "check", "--json")).as(plain.err()).isZero();
        assertThat(plain.out().replaceAll("\\s+", " ")).contains("\"repositorySettings\": [],");

        writeConfiguration("repository = \"backups\"\n[s3]\nregion = \"eu-central-003\"\n");
        CommandLineHarness withTable = new CommandLineHarness(directory, Map.of());
        assertThat(withTable.run("config", "check")).as(withTable.err()).isZero();
        assertThat(withTable.out()).contains("Repository settings: s3").containsPattern("region +eu-central-003");
    }

    /** docs/configuration.md shows what config check prints for its [s3] example: this is that run. */
    @Test
    void config_check_prints_what_the_configuration_docs_show_for_their_s3_example() throws IOException {
        String docs = Files.readString(Path.of("../docs/configuration.md"));
        int section = docs.indexOf("## Object storage: [s3]");
        int example = docs.indexOf("```toml\n", section) + "```toml\n".length();
        String toml = docs.substring(example, docs.indexOf("```", example));
        int shown = docs.indexOf("```\nRepository settings: s3", section) + "```\n".length();
        String expected = docs.substring(shown, docs.indexOf("```", shown));
        // the real s3 kind is not in this module's tests: the stand-in, which declares the same settings, takes
        // the repository line's place (the line numbers stay)
        Path file = writeConfiguration(toml.replaceFirst("repository = \"s3://[^\"]*\"",
                "repository = \"" + standIn("objects") + "\""));
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of("LIFEBOAT_S3_REGION", "eu-central-003",
                "AWS_ACCESS_KEY_ID", "003a1b2c3d4e5f60000000001", "AWS_SECRET_ACCESS_KEY", SECRET));

        assertThat(cli.run("config", "check")).as(cli.err()).isZero();

        String output = cli.out().replace(file.toString(), "/etc/lifeboat/lifeboat.toml");
        assertThat(output.substring(output.indexOf("Repository settings: s3"))).isEqualTo(expected);
    }

    @Test
    void a_repository_no_kind_handles_is_a_usage_error_naming_the_kinds() {
        CommandLineHarness cli = new CommandLineHarness(directory, Map.of());

        assertThat(cli.run("list", "--repo", "ftp://example.com/backups")).isEqualTo(2);
        assertThat(cli.err()).contains("no repository kind handles 'ftp://example.com/backups' (kinds in this "
                + "lifeboat: ").contains("filesystem").doesNotContain("Exception");
    }

    private String standIn(String name) {
        return StandInObjectStoreProvider.SCHEME + directory.resolve(name);
    }

    private Path writeConfiguration(String text) throws IOException {
        Path file = directory.resolve("lifeboat.toml");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
