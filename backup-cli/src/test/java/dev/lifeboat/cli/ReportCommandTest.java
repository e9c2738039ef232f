package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lifeboat report: one self-contained page whose charts hold exactly the backups' figures. */
class ReportCommandTest {

    private static final Instant FIRST = Instant.parse("2026-11-01T03:00:00Z");
    private static final Pattern MARKER = Pattern.compile("<circle [^>]*data-series=\"([^\"]*)\" data-label=\"([^\"]*)\""
            + " data-time=\"([^\"]*)\" data-value=\"([^\"]*)\"");

    @TempDir
    Path directory;

    @Test
    void the_report_charts_every_backup_says_what_retention_removes_and_where_days_are_missing() throws IOException {
        Path repository = directory.resolve("repo");
        Path shop = Files.copy(Path.of("../examples/shop.db"), directory.resolve("shop.db"));
        List<Integer> days = List.of(0, 1, 2, 5, 6);   // none on days 3 and 4
        for (int day : days) {
            CommandLineHarness backup = at(FIRST.plus(Duration.ofDays(day)));
            assertThat(backup.run("backup", "--repo", repository.toString(), shop.toString())).as(backup.err())
                    .isZero();
        }
        assertThat(at(FIRST.plus(Duration.ofDays(6)).plusSeconds(60)).run("verify", "--repo",
                repository.toString(), "latest")).isZero();
        Path config = Files.writeString(directory.resolve("lifeboat.toml"), """
                repository = "repo"
                [keep]
                last = 3
                """);

        CommandLineHarness report = at(FIRST.plus(Duration.ofDays(7)));
        int status = report.run("report", "--config", config.toString(), "-o", "report.html");

        assertThat(status).as(report.err()).isZero();
        Path file = directory.resolve("report.html");
        assertThat(report.out()).contains("Wrote " + file + ": 1 database, 5 backups.");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
                .contains("prefers-color-scheme: dark")
                .doesNotContain("<script", "<link", "@import", "url(");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");

        List<String> archives = archives(repository);
        Matcher markers = MARKER.matcher(html);
        List<String> sizes = Stream.iterate(0, i -> i + 1).limit(1000).takeWhile(i -> markers.find())
                .map(i -> markers.group(2) + "=" + markers.group(4)).toList();
        List<String> expectedSizes = archives.stream().map(name -> name + "=" + size(repository.resolve(name)))
                .toList();
        assertThat(sizes).as("the first chart is the archives' sizes").containsSubsequence(expectedSizes);
        assertThat(html).contains("Retention: last 3").contains("the next prune removes 2 backups")
                .contains("Days without a backup: 2026-11-04 to 2026-11-05 (2 days)")
                .contains("passed (fast) 2026-11-07 03:01").contains("<td class=\"fresh\">fresh</td>");
    }

    @Test
    void a_directory_as_the_output_is_a_usage_error() {
        CommandLineHarness report = at(FIRST);

        assertThat(report.run("report", "--repo", directory.toString(), "-o", directory.toString())).isEqualTo(2);
        assertThat(report.err()).contains("is a directory");
    }

    @Test
    void a_max_age_of_zero_is_a_usage_error_as_in_check() {
        CommandLineHarness report = at(FIRST);

        assertThat(report.run("report", "--repo", directory.toString(), "--max-age", "0", "-o",
                directory.resolve("report.html").toString())).isEqualTo(2);
        assertThat(report.err()).contains("--max-age 0 makes every backup stale");
        assertThat(directory.resolve("report.html")).doesNotExist();
    }

    @Test
    void a_missing_directory_for_the_report_is_named() {
        CommandLineHarness report = at(FIRST);

        assertThat(report.run("report", "--repo", directory.toString(), "-o",
                directory.resolve("missing/report.html").toString())).isEqualTo(3);
        assertThat(report.err()).contains("the directory " + directory.resolve("missing") + " does not exist")
                .doesNotContain(".tmp");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> archives(Path repository) throws IOException {
        try (Stream<Path> files = Files.list(repository)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".lifeboat.tar"))
                    .sorted().toList();
        }
    }

    private CommandLineHarness at(Instant now) {
        return new CommandLineHarness(directory, Map.of(), Clock.fixed(now, ZoneOffset.UTC));
    }
}
