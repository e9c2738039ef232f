package dev.lifeboat.adapter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each kind of mistake, reported as FILE:LINE: KEY: what is wrong and what is allowed. */
class ProblemMessagesTest {

    private static final String SHOP = "[databases.shop]\nlocation = \"sqlite:/srv/shop.db\"\n";

    @TempDir
    Path directory;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                // unknown keys, wherever they are
                arguments("repo = \"/srv/backups\"\n",
                        "lifeboat.toml:1: repo: unknown key: the top of the file takes repository, lock-timeout, "
                                + "compression, level, keep, notify, encryption, check, databases or s3"),
                arguments("[databases.shop]\nlcation = \"sqlite:/srv/shop.db\"\n",
                        "lifeboat.toml:1: databases.shop: location is missing: every database needs one, such as "
                                + "location = \"sqlite:/srv/shop.db\"\n"
                                + "lifeboat.toml:2: databases.shop.lcation: unknown key: a database takes location, "
                                + "label, engine, password, options, max-schema-version, repository, lock-timeout, "
                                + "compression, level, keep, notify, encryption or check"),
                arguments("[keep]\ndayly = 7\n",
                        "lifeboat.toml:2: keep.dayly: unknown key: keep takes last, hourly, daily, weekly, monthly, "
                                + "yearly or within"),
                arguments("[check]\nmax-age = \"soon\"\n",
                        "lifeboat.toml:2: check.max-age: 'soon' is not a duration: use e.g. 0, 30s, 5m, 1h"),
                arguments("[check]\nmaxage = \"26h\"\n",
                        "lifeboat.toml:2: check.maxage: unknown key: check takes max-age"),
                arguments("notify = { url = \"https://hc-ping.com/x\", when = \"always\" }\n",
                        "lifeboat.toml:1: notify.when: unknown key: notify takes url or on"),
                // compression and level
                arguments("\n\n\n\n" + SHOP + "compression = \"lz4\"\n",
                        "lifeboat.toml:7: databases.shop.compression: unknown compression 'lz4': use zstd, gzip or none"),
                arguments("compression = 3\n",
                        "lifeboat.toml:1: compression: expected zstd, gzip or none in quotes, found an integer"),
                arguments("level = 25\n",
                        "lifeboat.toml:1: level: compression level 25 is out of range for zstd: use 1 to 19"),
                arguments("compression = \"gzip\"\nlevel = 0\n",
                        "lifeboat.toml:2: level: compression level 0 is out of range for gzip: use 1 to 9"),
                arguments("compression = \"none\"\nlevel = 1\n",
                        "lifeboat.toml:2: level: a level is not allowed with compression none: leave the level out"),
                arguments("compression = \"gzip\"\n" + SHOP + "level = 9\n",
                        "lifeboat.toml:4: databases.shop.level: a level without compression means zstd, but the "
                                + "file's default compression (line 1) is gzip: write the compression you mean beside "
                                + "the level"),
                // durations and spans
                arguments("lock-timeout = \"5 minutes\"\n",
                        "lifeboat.toml:1: lock-timeout: '5 minutes' is not a duration: use e.g. 0, 30s, 5m, 1h"),
                arguments("lock-timeout = -1\n",
                        "lifeboat.toml:1: lock-timeout: -1 is negative: use a whole number of 0 or more"),
                arguments("lock-timeout = 00:05:00\n",
                        "lifeboat.toml:1: lock-timeout: expected a duration in quotes, such as \"5m\", or a whole "
                                + "number of seconds, found a time (TOML reads an unquoted date or time as one, not as "
                                + "text: put the value in quotes)"),
                arguments("[keep]\nwithin = \"30 days\"\n",
                        "lifeboat.toml:2: keep.within: '30 days' is not a span: use e.g. 30d, 12h, 2w, 6m or 1y6m "
                                + "(y years, m months, w weeks, d days, h hours)"),
                // keep
                arguments("keep = 7\n",
                        "lifeboat.toml:1: keep: expected a table such as { daily = 7, weekly = 4 }, found an integer"),
                arguments("[keep]\nlast = 0\n",
                        "lifeboat.toml:1: keep: keeps nothing, so pruning would delete every backup but the newest: "
                                + "set at least one of last, hourly, daily, weekly, monthly, yearly or within above 0"),
                arguments("[keep]\nwithin = \"0d\"\n",
                        "lifeboat.toml:1: keep: keeps nothing, so pruning would delete every backup but the newest: "
                                + "set at least one of last, hourly, daily, weekly, monthly, yearly or within above 0"),
                arguments(SHOP + "keep = {}\n",
                        "lifeboat.toml:3: databases.shop.keep: keeps nothing, so pruning would delete every backup but "
                                + "the newest: set at least one of last, hourly, daily, weekly, monthly, yearly or "
                                + "within above 0"),
                arguments("[keep]\ndaily = 7.5\nweekly = -1\nmonthly = 3000000000\n",
                        "lifeboat.toml:2: keep.daily: expected a whole number of 0 or more, found a float\n"
                                + "lifeboat.toml:3: keep.weekly: -1 is negative: use a whole number of 0 or more\n"
                                + "lifeboat.toml:4: keep.monthly: 3000000000 is too large: use at most 2147483647"),
                // encryption: a secret key is never taken, nor repeated
                arguments("[encryption]\nrecipients = [\"age1ok\", \"AGE-SECRET-KEY-1QQQQQQ\"]\n",
                        "lifeboat.toml:2: encryption.recipients: recipient 2 looks like a secret key, which never "
                                + "goes in this file: write its public key (age-keygen -y FILE prints it), and remove "
                                + "the secret key from the file"),
                arguments("[encryption]\nidentity = \"AGE-SECRET-KEY-1QQQQQQ\"\n",
                        "lifeboat.toml:2: encryption.identity: is a secret key, which never goes in this file: put it "
                                + "in a file readable by you alone and write identity = \"file:PATH\""),
                arguments("[encryption]\nidentity = \"/etc/key.txt\"\n",
                        "lifeboat.toml:2: encryption.identity: expected file:PATH, the file that holds the identity, "
                                + "such as \"file:/etc/lifeboat/key.txt\""),
                arguments("[encryption]\nrecipients = \"age1ok\"\n",
                        "lifeboat.toml:2: encryption.recipients: expected a list of public keys in quotes, such as "
                                + "[\"age1ql3z...\"], found a string"),
                arguments(SHOP + "encryption = { recipient = [\"age1ok\"] }\n",
                        "lifeboat.toml:3: databases.shop.encryption.recipient: unknown key: encryption takes "
                                + "recipients or identity"),
                // notify
                arguments("[notify]\nurl = \"ftp://example.com/ping\"\n",
                        "lifeboat.toml:2: notify.url: has the scheme 'ftp', which lifeboat cannot send to: use an "
                                + "http:// or https:// URL, such as \"https://hc-ping.com/UUID\""),
                arguments("[notify]\nurl = \"hc-ping.com/x\"\n",
                        "lifeboat.toml:2: notify.url: has no scheme: use an http:// or https:// URL, such as "
                                + "\"https://hc-ping.com/UUID\""),
                arguments("[notify]\nurl = \"https://hc ping.com/x\"\n",
                        "lifeboat.toml:2: notify.url: is not a valid URL (Illegal character in authority): use an "
                                + "http:// or https:// URL, such as \"https://hc-ping.com/UUID\""),
                arguments("[notify]\nurl = \"https:/x\"\n",
                        "lifeboat.toml:2: notify.url: names no host: use an http:// or https:// URL, such as "
                                + "\"https://hc-ping.com/UUID\""),
                arguments("[notify]\non = \"always\"\n",
                        "lifeboat.toml:1: notify: url is missing: say where each run's result is sent, as an http:// "
                                + "or https:// URL, such as \"https://hc-ping.com/UUID\""),
                arguments("[notify]\nurl = \"https://hc-ping.com/x\"\non = \"sometimes\"\n",
                        "lifeboat.toml:3: notify.on: unknown value 'sometimes': use failure or always"),
                // databases
                arguments(SHOP.replace("\"sqlite:/srv/shop.db\"", "\" \""),
                        "lifeboat.toml:2: databases.shop.location: must not be empty: expected a database location in "
                                + "quotes, such as \"sqlite:/srv/shop.db\""),
                arguments(SHOP + "label = \"night shift\"\n",
                        "lifeboat.toml:3: databases.shop.label: invalid label 'night shift': use letters, digits, '.' "
                                + "and '-', starting with a letter or digit, at most 63 characters"),
                arguments(SHOP + "label = 2024-01-01\n",
                        "lifeboat.toml:3: databases.shop.label: expected a label in quotes, such as \"nightly\", found "
                                + "a date (TOML reads an unquoted date or time as one, not as text: put the value in "
                                + "quotes)"),
                arguments(SHOP + "engine = \"\"\n",
                        "lifeboat.toml:3: databases.shop.engine: must not be empty: expected an engine name in quotes, "
                                + "such as \"sqlite\""),
                arguments("[databases.\"my shop\"]\nlocation = \"sqlite:/srv/shop.db\"\n",
                        "lifeboat.toml:1: databases.\"my shop\": invalid database name 'my shop': use letters, "
                                + "digits, '.', '_' and '-', starting with a letter, a digit or '_'"),
                arguments("[databases]\nshop = \"sqlite:/srv/shop.db\"\n",
                        "lifeboat.toml:2: databases.shop: expected a table such as [databases.shop] with location = "
                                + "\"sqlite:/srv/shop.db\", found a string"),
                arguments("databases = [\"shop\"]\n",
                        "lifeboat.toml:1: databases: expected a table such as [databases.shop], found an array"),
                arguments("[[databases.shop]]\nlocation = \"sqlite:/srv/shop.db\"\n",
                        "lifeboat.toml:1: databases.shop: expected a table such as [databases.shop] with location = "
                                + "\"sqlite:/srv/shop.db\", found an array"),
                arguments(SHOP + "[databases.shop.options]\njobs = [4]\n",
                        "lifeboat.toml:4: databases.shop.options.jobs: expected a string, a whole number or true/false "
                                + "(engine options such as jobs = 4 or no-owner = true), found an array"),
                arguments(SHOP + "options = \"jobs=4\"\n",
                        "lifeboat.toml:3: databases.shop.options: expected a table such as [databases.NAME.options] "
                                + "with jobs = 4, found a string"),
                // paths
                arguments("repository = \"~/backups\"\n",
                        "lifeboat.toml:1: repository: a leading ~ is not expanded: write the full path, or one "
                                + "relative to the configuration file's directory"),
                arguments("repository = \"\"\n",
                        "lifeboat.toml:1: repository: must not be empty: expected a directory or URL in quotes, such "
                                + "as \"/var/backups/lifeboat\" or \"s3://bucket/prefix\""),
                // the [s3] table: credentials are never in the file, and their value is never repeated
                arguments("[s3]\nregion = \"eu-central-1\"\nsecret-access-key = \"wJalrXUtnFEMI\"\n",
                        "lifeboat.toml:3: s3.secret-access-key: credentials never go in the configuration file: set "
                                + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or name a profile of "
                                + "~/.aws/credentials with profile = \"NAME\" (an instance or container role needs "
                                + "neither)"),
                arguments("s3 = { access-key-id = \"AKIAEXAMPLE\" }\n",
                        "lifeboat.toml:1: s3.access-key-id: credentials never go in the configuration file: set "
                                + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or name a profile of "
                                + "~/.aws/credentials with profile = \"NAME\" (an instance or container role needs "
                                + "neither)"),
                arguments("[s3]\nendpont = \"http://127.0.0.1:9000\"\n",
                        "lifeboat.toml:2: s3.endpont: unknown key: s3 takes endpoint, region, path-style, provider, "
                                + "profile, object-lock-mode, object-lock-days or lock-lease"),
                arguments("[s3]\npath-style = \"yes\"\n",
                        "lifeboat.toml:2: s3.path-style: expected true or false, found 'yes'"),
                arguments("[s3]\npath-style = 1\n",
                        "lifeboat.toml:2: s3.path-style: expected true or false, found an integer"),
                arguments("[s3]\nobject-lock-days = 0\n",
                        "lifeboat.toml:2: s3.object-lock-days: 0 is out of range: expected a whole number of days of 1 "
                                + "or more (at most 2147483647)"),
                arguments("[s3]\nobject-lock-days = \"30d\"\n",
                        "lifeboat.toml:2: s3.object-lock-days: expected a whole number of days of 1 or more, found "
                                + "'30d'"),
                arguments("[s3]\nregion = \"\"\nendpoint = 9000\n",
                        "lifeboat.toml:2: s3.region: must not be empty: expected text in quotes\n"
                                + "lifeboat.toml:3: s3.endpoint: expected text in quotes, found an integer"),
                arguments("s3 = \"s3://bucket\"\n",
                        "lifeboat.toml:1: s3: expected a table such as [s3] with endpoint = \"https://s3.example.com\", "
                                + "found a string"),
                arguments(SHOP + "max-schema-version = \"v2\"\n",
                        "lifeboat.toml:3: databases.shop.max-schema-version: the highest schema version allowed must"
                                + " be numbers separated by dots, such as 42 or 1.2.3, not 'v2'"),
                arguments(SHOP + "max-schema-version = true\n",
                        "lifeboat.toml:3: databases.shop.max-schema-version: expected a schema version, such as 42 or"
                                + " \"1.2.3\", found a boolean"),
                arguments(SHOP + "[databases.shop.s3]\nregion = \"eu-central-1\"\n",
                        "lifeboat.toml:3: databases.shop.s3: unknown key: a database takes location, label, engine, "
                                + "password, options, max-schema-version, repository, lock-timeout, compression, level, "
                                + "keep, notify, encryption or check"),
                // TOML itself
                arguments(SHOP + "\n[databases.shop]\nlocation = \"sqlite:/srv/other.db\"\n",
                        "lifeboat.toml:4: databases.shop: is already written on line 1: each key and table, like "
                                + "each database, may be written only once"),
                // the parser points at the token after the duplicate, two lines below it here
                arguments(SHOP + "label = \"a\"\nlabel = \"b\"  # again\n\nengine = \"sqlite\"\n",
                        "lifeboat.toml:4: databases.shop.label: is already written on line 3: each key and table, "
                                + "like each database, may be written only once"),
                arguments("[databases]\nshop.location = \"sqlite:/srv/shop.db\"\n[databases.shop]\n",
                        "lifeboat.toml:3: databases.shop: is already written on line 2: each key and table, like "
                                + "each database, may be written only once"),
                arguments("[databases.shop]\nlocation = sqlite:/srv/shop.db\n",
                        "lifeboat.toml:2: TOML syntax error at column 12: unknown token (text, such as a path, goes in "
                                + "quotes)"),
                arguments("# settings\nrepository = \"/srv/backups\n",
                        "lifeboat.toml:2: TOML syntax error at column 27: Newline not permitted here"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void namesTheFileLineAndKeyOfTheMistake(String toml, String expected) {
        Path file = ConfigurationFiles.write(directory, toml);

        assertThat(ConfigurationFiles.problemsIn(file)).isEqualTo(expected);
    }

    /** The example of docs/configuration.md's "Mistakes" section, which says a test checks its very output. */
    @Test
    void reportsEveryProblemOfTheFileAtOnceInItsOrder() throws IOException {
        String docs = Files.readString(Path.of("../docs/configuration.md"));
        int section = docs.indexOf("## Mistakes");
        int tomlStart = docs.indexOf("```toml\n", section) + "```toml\n".length();
        String toml = docs.substring(tomlStart, docs.indexOf("```", tomlStart));
        int outputStart = docs.indexOf("```\n", docs.indexOf("is refused with", tomlStart)) + "```\n".length();
        String output = docs.substring(outputStart, docs.indexOf("```", outputStart));
        assertThat(toml).contains("[databases.wiki]");
        Path file = ConfigurationFiles.write(directory, toml);

        assertThat(ConfigurationFiles.problemsIn(file) + "\n").isEqualTo(output);
        assertThat(output).contains("lifeboat.toml:1: compression: unknown compression 'lz4'",
                "lifeboat.toml:13: databases.wiki.notify.url: has the scheme 'mailto'");
    }
}
