package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configuration;
import dev.lifeboat.domain.config.SecretReference;
import dev.lifeboat.domain.model.Secret;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords by reference, written out with a warning when others can read the file, and never shown. */
class PasswordReferencesTest {

    private static final String PASSWORD = "s3cret-Hunter2";

    @TempDir
    Path directory;

    @Test
    void envNamesAnEnvironmentVariable() {
        Configuration configuration = read("password = \"env:SHOP_PASSWORD\"");

        assertThat(password(configuration)).isEqualTo(new SecretReference.FromEnvironment("SHOP_PASSWORD"));
    }

    @Test
    void fileNamesAFileFromTheConfigurationFilesDirectory() {
        assertThat(password(read("password = \"file:secrets/shop\"")))
                .isEqualTo(new SecretReference.FromFile(directory.resolve("secrets/shop")));
        assertThat(password(read("password = \"file:/run/secrets/shop\"")))
                .isEqualTo(new SecretReference.FromFile(Path.of("/run/secrets/shop")));
    }

    @Test
    void aPasswordWrittenOutIsKeptAsASecret() {
        Configuration configuration = read("password = \"" + PASSWORD + "\"");

        assertThat(password(configuration)).isEqualTo(new SecretReference.Literal(Secret.of(PASSWORD)));
        assertThat(configuration.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aPasswordWrittenOutInAFileOthersCanReadIsWarnedAbout() {
        Path file = ConfigurationFiles.write(directory, """
                [databases.shop]
                location = "postgresql://app@db/shop"
                password = "%s"
                """.formatted(PASSWORD), "rw-r--r--");

        Configuration configuration = ConfigurationFiles.read(file);

        assertThat(configuration.warnings()).containsExactly(file + ":3: databases.shop.password is written in a file "
                + "others can read: use env:NAME or file:PATH, or chmod 600 " + file);
    }

    @Test
    void aPasswordWrittenOutInAFileOnlyItsOwnerCanReadIsNot() {
        Path file = ConfigurationFiles.write(directory, """
                [databases.shop]
                location = "postgresql://app:%1$s@db/shop"
                password = "%1$s"
                """.formatted(PASSWORD), "rw-------");

        assertThat(ConfigurationFiles.read(file).warnings()).isEmpty();
    }

    @Test
    void aPasswordInsideTheLocationIsWarnedAboutToo() {
        Path file = ConfigurationFiles.write(directory, """
                [databases.shop]
                location = "postgresql://app:%s@db/shop"
                """.formatted(PASSWORD), "rw-r-----");

        Configuration configuration = ConfigurationFiles.read(file);

        assertThat(configuration.warnings()).containsExactly(file + ":2: databases.shop.location holds a password and "
                + "is written in a file others can read: take the password out into password = \"env:NAME\" or "
                + "\"file:PATH\", or chmod 600 " + file);
        assertThat(String.join("\n", configuration.warnings())).doesNotContain(PASSWORD);
    }

    @Test
    void referencesAreNotWarnedAboutInAFileOthersCanRead() {
        Path file = ConfigurationFiles.write(directory, """
                [databases.shop]
                location = "postgresql://app@db/shop"
                password = "env:SHOP_PASSWORD"
                [databases.wiki]
                location = "postgresql://app@db/wiki"
                password = "file:/run/secrets/wiki"
                """, "rw-r--r--");

        assertThat(ConfigurationFiles.read(file).warnings()).isEmpty();
    }

    @Test
    void noProblemMessageRepeatsWhatWasWrittenAsAPassword() {
        Path file = ConfigurationFiles.write(directory, """
                [databases.shop]
                location = "postgresql://app@db/shop"
                password = 4711081542
                [databases.wiki]
                location = "postgresql://app@db/wiki"
                password = "env:%1$s"
                [databases.blog]
                location = "postgresql://app@db/blog"
                password = ""
                [databases.shop2]
                location = "postgresql://app@db/shop2"
                password = "file:"
                """.formatted(PASSWORD));

        assertThat(ConfigurationFiles.problemsIn(file)).isEqualTo("""
                lifeboat.toml:3: databases.shop.password: expected env:NAME, file:PATH or the password itself, in \
                quotes, found an integer
                lifeboat.toml:6: databases.wiki.password: env: must be followed by the name of an environment \
                variable: letters, digits and '_', not starting with a digit, such as env:SHOP_PASSWORD
                lifeboat.toml:9: databases.blog.password: is empty: write env:NAME, file:PATH or the password, or \
                leave the key out
                lifeboat.toml:12: databases.shop2.password: file: must be followed by the path of a file that holds \
                the password, such as file:/run/secrets/shop_password""");
    }

    private Configuration read(String passwordLine) {
        return ConfigurationFiles.read(ConfigurationFiles.write(directory, """
                [databases.shop]
                location = "postgresql://app@db/shop"
                %s
                """.formatted(passwordLine)));
    }

    private static SecretReference password(Configuration configuration) {
        return configuration.database("shop").orElseThrow().password().orElseThrow().value();
    }
}
