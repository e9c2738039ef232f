package dev.lifeboat.domain.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The domain's check of the options a user gave, against what the engine declares. */
class EngineOptionValuesTest {

    private static final DatabaseEngine SERVER = engine("Server", List.of(
            EngineOption.of("jobs", EngineOptionType.integer(1, 64), "parallel work.", EngineCommand.BACKUP,
                    EngineCommand.RESTORE).withDefault("2"),
            EngineOption.of("drop-previous", EngineOptionType.FLAG, "drops.", EngineCommand.RESTORE)));
    private static final DatabaseEngine FILE = engine("File", List.of());

    @Test
    void theValuesAreNormalizedForTheEngine() {
        assertThat(EngineOptionValues.validated(SERVER, EngineCommand.RESTORE,
                Map.of("jobs", "04", "drop-previous", "TRUE")))
                .containsExactly(Map.entry("drop-previous", "true"), Map.entry("jobs", "4"));
        assertThat(EngineOptionValues.validated(FILE, EngineCommand.BACKUP, Map.of())).isEmpty();
    }

    @Test
    void anUnknownNameIsAUsageErrorListingWhatTheEngineTakes() {
        assertThatThrownBy(() -> EngineOptionValues.validated(SERVER, EngineCommand.BACKUP, Map.of("job", "4")))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage("the Server engine has no option 'job'; it takes jobs (a whole number from 1 to 64), "
                        + "drop-previous (true or false)");
        assertThatThrownBy(() -> EngineOptionValues.validated(FILE, EngineCommand.BACKUP, Map.of("jobs", "4")))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage("the File engine takes no options, but was given jobs");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheEngineAndWhatTheOptionTakes() {
        assertThatThrownBy(() -> EngineOptionValues.validated(SERVER, EngineCommand.BACKUP, Map.of("jobs", "all")))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage("the Server engine's option jobs takes a whole number from 1 to 64, not 'all'");
    }

    @Test
    void anOptionForAnotherCommandIsAUsageError() {
        assertThatThrownBy(() -> EngineOptionValues.validated(SERVER, EngineCommand.BACKUP,
                Map.of("drop-previous", "true")))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage("the Server engine's option drop-previous is for restore, not backup");
    }

    @Test
    void aConfigurationKeepsOnlyWhatTheCommandTakesButStillRefusesUnknownNames() {
        assertThat(EngineOptionValues.applicable(SERVER, EngineCommand.BACKUP,
                Map.of("jobs", "3", "drop-previous", "true")))
                .containsExactly(Map.entry("jobs", "3"));
        assertThatThrownBy(() -> EngineOptionValues.applicable(SERVER, EngineCommand.BACKUP, Map.of("jbos", "3")))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessageStartingWith("the Server engine has no option 'jbos'");
    }

    private static DatabaseEngine engine(String name, List<EngineOption> options) {
        return new DatabaseEngine() {
            @Override
            public String id() {
                return name.toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public String displayName() {
                return name;
            }

            @Override
            public List<String> locationExamples() {
                return List.of();
            }

            @Override
            public List<EngineOption> options() {
                return options;
            }

            @Override
            public Recognition recognize(DatabaseLocation location) {
                throw new UnsupportedOperationException();
            }

            @Override
            public DatabaseSummary summarize(DatabaseLocation location) {
                throw new UnsupportedOperationException();
            }

            @Override
            public DatabaseDescription describe(DatabaseLocation location) {
                throw new UnsupportedOperationException();
            }

            @Override
            public EngineBackup backup(BackupJob job) {
                throw new UnsupportedOperationException();
            }

            @Override
            public TargetState probeTarget(DatabaseLocation target) {
                throw new UnsupportedOperationException();
            }

            @Override
            public RestoreOutcome restore(RestoreJob job) {
                throw new UnsupportedOperationException();
            }

            @Override
            public RestoreOutcome restoreToScratch(ScratchRestoreJob job) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Fingerprint fingerprint(DatabaseLocation location, Progress progress) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
