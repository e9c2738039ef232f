package dev.lifeboat.domain.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.ExitStatus;
import dev.lifeboat.domain.error.InvalidUsageException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An engine's declaration of one option: what it accepts, how it reads a value back, what a bad declaration is. */
class EngineOptionTest {

    private static final EngineOption JOBS = EngineOption.of("jobs", EngineOptionType.integer(1, 64), "parallel work.",
            EngineCommand.BACKUP, EngineCommand.RESTORE).withDefault("2").withAliases("--jobs", "-j");
    private static final EngineOption WAIT = EngineOption.of("lock-timeout", EngineOptionType.DURATION, "waits.",
            EngineCommand.BACKUP).withDefault("30s");
    private static final EngineOption NO_OWNER = EngineOption.of("no-owner", EngineOptionType.FLAG, "no owners.",
            EngineCommand.BACKUP);
    private static final EngineOption SCRATCH = EngineOption.of("scratch", EngineOptionType.text("URL"), "where.",
            EngineCommand.VERIFY);

    @Test
    void valuesAreReadBackTypedElseTheDefault() {
        assertThat(JOBS.integer(Map.of("jobs", "7"))).isEqualTo(7);
        assertThat(JOBS.integer(Map.of())).isEqualTo(2);
        assertThat(WAIT.duration(Map.of("lock-timeout", "2m"))).isEqualTo(Duration.ofMinutes(2));
        assertThat(WAIT.duration(Map.of())).isEqualTo(Duration.ofSeconds(30));
        assertThat(NO_OWNER.flag(Map.of("no-owner", "TRUE"))).isTrue();
        assertThat(NO_OWNER.flag(Map.of())).isFalse();
        assertThat(SCRATCH.text(Map.of("scratch", " postgresql://h/db "))).contains("postgresql://h/db");
        assertThat(SCRATCH.text(Map.of())).isEmpty();
    }

    @Test
    void eachTypeHasOneSpellingOfAValue() {
        assertThat(EngineOptionType.integer(1, 64).normalize("03")).isEqualTo("3");
        assertThat(EngineOptionType.FLAG.normalize("False")).isEqualTo("false");
        assertThat(EngineOptionType.DURATION.normalize("1m")).isEqualTo("60s");
        assertThat(EngineOptionType.DURATION.normalize("250ms")).isEqualTo("250ms");
        assertThat(EngineOptionType.DURATION.normalize("PT2S")).isEqualTo("2s");
    }

    @Test
    void aValueOfTheWrongTypeIsAUsageErrorSayingWhatTheOptionTakes() {
        assertThatThrownBy(() -> JOBS.integer(Map.of("jobs", "65")))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage("the option jobs takes a whole number from 1 to 64, not '65'")
                .extracting(e -> ((InvalidUsageException) e).status()).isEqualTo(ExitStatus.USAGE);
        assertThatThrownBy(() -> NO_OWNER.flag(Map.of("no-owner", "yes")))
                .hasMessage("the option no-owner takes true or false, not 'yes'");
        assertThatThrownBy(() -> WAIT.duration(Map.of("lock-timeout", "soon")))
                .hasMessage("the option lock-timeout takes a duration such as 30s, 5m or 250ms, not 'soon'");
        assertThatThrownBy(() -> SCRATCH.text(Map.of("scratch", " ")))
                .hasMessage("the option scratch takes a non-empty URL, not ' '");
    }

    @Test
    void aDeclarationThatCannotBeOfferedIsRefusedWhenTheEngineIsBuilt() {
        assertThatThrownBy(() -> EngineOption.of("Jobs", EngineOptionType.FLAG, "x.", EngineCommand.BACKUP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kebab-case");
        assertThatThrownBy(() -> EngineOption.of("jobs", EngineOptionType.FLAG, " ", EngineCommand.BACKUP))
                .hasMessage("engine option jobs needs a help text");
        assertThatThrownBy(() -> JOBS.withDefault("many"))
                .hasMessage("engine option jobs: the default 'many' is not a whole number from 1 to 64");
        assertThatThrownBy(() -> JOBS.withAliases("jobs"))
                .hasMessage("engine option jobs: an alias is --kebab-case or -x, not 'jobs'");
        assertThatThrownBy(() -> new EngineOption("jobs", EngineOptionType.FLAG, Optional.empty(), "x.",
                java.util.Set.of(), java.util.List.of()))
                .hasMessage("engine option jobs names no command that takes it");
        assertThatThrownBy(() -> EngineOptionType.integer(5, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingAnOptionAsAnotherTypeIsTheEnginesBug() {
        assertThatThrownBy(() -> JOBS.flag(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("engine option jobs is of type integer, not flag");
    }
}
