package dev.lifeboat.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RetentionTest {

    @Test
    void keep_last_keeps_the_newest_n() {
        assertThat(kept(policy().last(2), "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z",
                "2026-01-04T00:00:00Z")).containsExactly("2026-01-04T00:00:00Z", "2026-01-03T00:00:00Z");
    }

    @Test
    void daily_keeps_the_newest_of_each_day_for_the_last_n_days_that_have_backups() {
        List<String> kept = kept(policy().daily(2),
                "2026-03-01T08:00:00Z", "2026-03-01T20:00:00Z",
                "2026-03-03T01:00:00Z", "2026-03-03T22:59:59Z", "2026-03-03T12:00:00Z",
                "2026-03-06T00:00:00Z");

        assertThat(kept).containsExactly("2026-03-06T00:00:00Z", "2026-03-03T22:59:59Z");
    }

    @Test
    void days_end_at_midnight_utc() {
        assertThat(kept(policy().daily(2), "2026-11-24T23:59:59Z", "2026-11-25T00:00:00Z", "2026-11-25T00:00:01Z"))
                .containsExactly("2026-11-25T00:00:01Z", "2026-11-24T23:59:59Z");
    }

    @Test
    void hourly_buckets_are_clock_hours() {
        assertThat(kept(policy().hourly(3), "2026-05-05T10:00:00Z", "2026-05-05T10:59:00Z", "2026-05-05T11:00:00Z",
                "2026-05-05T11:30:00Z", "2026-05-05T13:15:00Z"))
                .containsExactly("2026-05-05T13:15:00Z", "2026-05-05T11:30:00Z", "2026-05-05T10:59:00Z");
    }

    @Test
    void monthly_buckets_follow_month_ends_including_a_leap_day() {
        List<String> kept = kept(policy().monthly(3),
                "2024-01-31T23:00:00Z", "2024-02-01T00:00:00Z", "2024-02-29T12:00:00Z",
                "2024-03-01T00:00:00Z", "2024-03-31T23:59:59Z", "2023-12-31T23:59:59Z");

        assertThat(kept).containsExactly("2024-03-31T23:59:59Z", "2024-02-29T12:00:00Z", "2024-01-31T23:00:00Z");
    }

    @Test
    void a_leap_day_is_a_day_of_its_own() {
        assertThat(kept(policy().daily(3), "2024-02-28T10:00:00Z", "2024-02-29T10:00:00Z", "2024-02-29T11:00:00Z",
                "2024-03-01T10:00:00Z")).containsExactly("2024-03-01T10:00:00Z", "2024-02-29T11:00:00Z",
                "2024-02-28T10:00:00Z");
    }

    @Test
    void weekly_buckets_are_iso_weeks_across_the_turn_of_the_year() {
        // 2020-12-28 (Monday) to 2021-01-03 (Sunday) is 2020-W53; 2021-01-04 starts 2021-W01
        Map<String, List<String>> reasons = reasons(policy().weekly(3),
                "2020-12-27T12:00:00Z", "2020-12-28T00:00:00Z", "2021-01-01T12:00:00Z", "2021-01-03T23:00:00Z",
                "2021-01-04T00:00:00Z");

        assertThat(reasons).containsEntry("2021-01-04T00:00:00Z", List.of("newest of its group", "weekly 2021-W01"))
                .containsEntry("2021-01-03T23:00:00Z", List.of("weekly 2020-W53"))
                .containsEntry("2020-12-27T12:00:00Z", List.of("weekly 2020-W52"))
                .containsEntry("2021-01-01T12:00:00Z", List.of())
                .containsEntry("2020-12-28T00:00:00Z", List.of());
    }

    @Test
    void a_year_that_starts_mid_week_belongs_to_the_previous_iso_year_until_monday() {
        // 2027-01-01 is a Friday, in 2026-W53
        assertThat(reasons(policy().weekly(1), "2027-01-01T00:00:00Z")).containsEntry("2027-01-01T00:00:00Z",
                List.of("newest of its group", "weekly 2026-W53"));
    }

    @Test
    void yearly_keeps_the_newest_of_each_year() {
        assertThat(kept(policy().yearly(2), "2024-06-01T00:00:00Z", "2024-12-31T23:59:59Z", "2025-01-01T00:00:00Z",
                "2025-07-01T00:00:00Z", "2023-05-05T00:00:00Z"))
                .containsExactly("2025-07-01T00:00:00Z", "2024-12-31T23:59:59Z");
    }

    @Test
    void within_counts_back_from_the_newest_backup_not_from_now() {
        assertThat(kept(policy().within("30d"), "2020-01-01T00:00:00Z", "2020-01-20T00:00:00Z", "2020-02-01T00:00:00Z"))
                .containsExactly("2020-02-01T00:00:00Z", "2020-01-20T00:00:00Z");
    }

    @Test
    void within_months_count_on_the_calendar() {
        // one month before March 31 is February 29 in a leap year
        assertThat(kept(policy().within("1m"), "2024-02-28T23:59:59Z", "2024-02-29T00:00:00Z", "2024-03-31T00:00:00Z"))
                .containsExactly("2024-03-31T00:00:00Z", "2024-02-29T00:00:00Z");
    }

    @Test
    void rules_combine_and_every_reason_is_given() {
        Map<String, List<String>> reasons = reasons(policy().last(1).daily(2).monthly(2),
                "2026-01-15T10:00:00Z", "2026-02-10T10:00:00Z", "2026-02-11T09:00:00Z", "2026-02-11T10:00:00Z");

        assertThat(reasons).containsEntry("2026-02-11T10:00:00Z",
                        List.of("newest of its group", "last 1", "daily 2026-02-11", "monthly 2026-02"))
                .containsEntry("2026-02-10T10:00:00Z", List.of("daily 2026-02-10"))
                .containsEntry("2026-01-15T10:00:00Z", List.of("monthly 2026-01"))
                .containsEntry("2026-02-11T09:00:00Z", List.of());
    }

    @Test
    void the_newest_is_kept_whatever_the_rules_say() {
        assertThat(kept(RetentionPolicy.none(), "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"))
                .containsExactly("2026-01-02T00:00:00Z");
        assertThat(Retention.apply(policy().last(3).build(), List.of())).isEmpty();
    }

    @Test
    void an_empty_policy_is_recognized_and_described() {
        assertThat(RetentionPolicy.none().isEmpty()).isTrue();
        assertThat(policy().daily(7).within("2w").build().describe()).isEqualTo("daily 7, within 2w");
        assertThat(policy().daily(7).build().isEmpty()).isFalse();
    }

    @Test
    void a_span_of_zero_keeps_nothing_so_a_policy_of_it_alone_is_empty() {
        assertThat(policy().within("0d").build().isEmpty()).isTrue();
        assertThat(policy().within("0y0m0w0d0h").build().isEmpty()).isTrue();
        assertThat(policy().within("1h").build().isEmpty()).isFalse();
        assertThat(policy().daily(7).within("0d").build().describe()).isEqualTo("daily 7");
    }

    @Test
    void spans_read_as_restic_writes_them() {
        assertThat(RetentionSpan.parse("30d")).isEqualTo(new RetentionSpan(0, 0, 0, 30, 0));
        assertThat(RetentionSpan.parse("1y6m2w3d12h")).isEqualTo(new RetentionSpan(1, 6, 2, 3, 12));
        assertThat(RetentionSpan.parse("12h").before(Instant.parse("2026-01-01T06:00:00Z")))
                .isEqualTo(Instant.parse("2025-12-31T18:00:00Z"));
        assertThatThrownBy(() -> RetentionSpan.parse("30 days")).isInstanceOf(InvalidUsageException.class);
        assertThatThrownBy(() -> RetentionSpan.parse("")).isInstanceOf(InvalidUsageException.class);
        assertThatThrownBy(() -> RetentionSpan.parse("99999999999d")).isInstanceOf(InvalidUsageException.class);
    }

    @Test
    void negative_counts_are_usage_errors() {
        assertThatThrownBy(() -> policy().last(-1).build()).isInstanceOf(InvalidUsageException.class);
    }

    /** Encrypted archives carry whole seconds: a second one in the same second is "-2", and it is the newer. */
    @Test
    void of_two_archives_of_the_same_second_the_later_attempt_is_the_newest() {
        Instant second = Instant.parse("2026-01-01T03:00:00Z");
        List<Retention.Candidate> sameSecond = List.of(
                new Retention.Candidate("shop_2026-01-01T03-00-00Z.lifeboat.tar.age", second),
                new Retention.Candidate("shop_2026-01-01T03-00-00Z-2.lifeboat.tar.age", second),
                new Retention.Candidate("shop_2026-01-01T03-00-00Z-10.lifeboat.tar.age", second),
                new Retention.Candidate("shop_2026-01-01T03-00-00Z-9.lifeboat.tar.age", second));

        List<RetentionDecision> decisions = Retention.apply(policy().daily(7).build(), sameSecond);

        assertThat(decisions).extracting(RetentionDecision::name).containsExactly(
                "shop_2026-01-01T03-00-00Z-10.lifeboat.tar.age", "shop_2026-01-01T03-00-00Z-9.lifeboat.tar.age",
                "shop_2026-01-01T03-00-00Z-2.lifeboat.tar.age", "shop_2026-01-01T03-00-00Z.lifeboat.tar.age");
        assertThat(decisions.get(0).reasons()).contains("newest of its group");
        assertThat(decisions.subList(1, 4)).noneMatch(RetentionDecision::kept);
        assertThat(BackupNaming.attemptOf("shop_2026-01-01T03-00-00Z.lifeboat.tar")).isEqualTo(1);
        assertThat(BackupNaming.attemptOf("shop_nightly_2026-01-01T03-00-00Z-3.lifeboat.tar")).isEqualTo(3);
    }

    private static List<String> kept(Builder policy, String... times) {
        return kept(policy.build(), times);
    }

    private static List<String> kept(RetentionPolicy policy, String... times) {
        return Retention.apply(policy, candidates(times)).stream().filter(RetentionDecision::kept)
                .map(decision -> decision.createdAt().toString()).toList();
    }

    private static Map<String, List<String>> reasons(Builder policy, String... times) {
        return Retention.apply(policy.build(), candidates(times)).stream()
                .collect(Collectors.toMap(decision -> decision.createdAt().toString(), RetentionDecision::reasons,
                        (a, b) -> a, TreeMap::new));
    }

    private static List<Retention.Candidate> candidates(String... times) {
        return Arrays.stream(times).map(time -> new Retention.Candidate("backup-" + time, Instant.parse(time))).toList();
    }

    private static Builder policy() {
        return new Builder();
    }

    private static final class Builder {
        private int last;
        private int hourly;
        private int daily;
        private int weekly;
        private int monthly;
        private int yearly;
        private Optional<RetentionSpan> within = Optional.empty();

        Builder last(int n) {
            last = n;
            return this;
        }

        Builder hourly(int n) {
            hourly = n;
            return this;
        }

        Builder daily(int n) {
            daily = n;
            return this;
        }

        Builder weekly(int n) {
            weekly = n;
            return this;
        }

        Builder monthly(int n) {
            monthly = n;
            return this;
        }

        Builder yearly(int n) {
            yearly = n;
            return this;
        }

        Builder within(String span) {
            within = Optional.of(RetentionSpan.parse(span));
            return this;
        }

        RetentionPolicy build() {
            return new RetentionPolicy(last, hourly, daily, weekly, monthly, yearly, within);
        }
    }
}
