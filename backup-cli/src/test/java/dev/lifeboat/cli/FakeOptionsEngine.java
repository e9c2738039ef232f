package dev.lifeboat.cli;

import dev.lifeboat.domain.model.DatabaseDescription;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.spi.BackupJob;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.DatabaseSummary;
import dev.lifeboat.domain.spi.EngineBackup;
import dev.lifeboat.domain.spi.EngineCommand;
import dev.lifeboat.domain.spi.EngineOption;
import dev.lifeboat.domain.spi.EngineOptionType;
import dev.lifeboat.domain.spi.Progress;
import dev.lifeboat.domain.spi.Recognition;
import dev.lifeboat.domain.spi.RestoreJob;
import dev.lifeboat.domain.spi.RestoreOutcome;
import dev.lifeboat.domain.spi.ScratchRestoreJob;
import dev.lifeboat.domain.spi.TargetState;
import java.util.List;

/**
 * A third engine on the test class path (see META-INF/services) that handles no location: it declares options, one
 * sharing PostgreSQL's {@code --jobs}, so the tests see the command line offer any engine's options, not two it knows.
 * {@link #clashing} makes one that declares {@code --jobs} as another type.
 */
public final class FakeOptionsEngine implements DatabaseEngine {

    private final String id;
    private final List<EngineOption> options;

    /** The engine ServiceLoader finds. */
    public FakeOptionsEngine() {
        this("fake", List.of(
                EngineOption.of("jobs", EngineOptionType.integer(1, 8), "worker threads.", EngineCommand.BACKUP)
                        .withDefault("1").withAliases("--jobs"),
                EngineOption.of("depth", EngineOptionType.integer(1, 3), "how deep to look.", EngineCommand.BACKUP)
                        .withDefault("1").withAliases("--fake-depth")));
    }

    private FakeOptionsEngine(String id, List<EngineOption> options) {
        this.id = id;
        this.options = options;
    }

    /** An engine whose {@code --jobs} is a flag, which cannot share a flag with PostgreSQL's whole number. */
    static FakeOptionsEngine clashing() {
        return new FakeOptionsEngine("clash", List.of(EngineOption.of("jobs", EngineOptionType.FLAG,
                "run jobs.", EngineCommand.BACKUP).withAliases("--jobs")));
    }

    /** An engine that declares a flag lifeboat has for its own. */
    static FakeOptionsEngine takingLabel() {
        return new FakeOptionsEngine("labels", List.of(EngineOption.of("label", EngineOptionType.text("NAME"),
                "a label.", EngineCommand.BACKUP).withAliases("--label")));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return "Fake";
    }

    @Override
    public List<String> locationExamples() {
        return List.of("fake:NAME");
    }

    @Override
    public List<EngineOption> options() {
        return options;
    }

    @Override
    public Recognition recognize(DatabaseLocation location) {
        return Recognition.NotRecognized.INSTANCE;
    }

    @Override
    public DatabaseSummary summarize(DatabaseLocation location) {
        throw new UnsupportedOperationException("the fake engine handles no location");
    }

    @Override
    public DatabaseDescription describe(DatabaseLocation location) {
        throw new UnsupportedOperationException("the fake engine handles no location");
    }

    @Override
    public EngineBackup backup(BackupJob job) {
        throw new UnsupportedOperationException("the fake engine handles no location");
    }

    @Override
    public TargetState probeTarget(DatabaseLocation target) {
        throw new UnsupportedOperationException("the fake engine handles no location");
    }

    @Override
    public RestoreOutcome restore(RestoreJob job) {
        throw new UnsupportedOperationException("the fake engine handles no location");
    }

    @Override
    public RestoreOutcome restoreToScratch(ScratchRestoreJob job) {
        throw new UnsupportedOperationException("the fake engine handles no location");
    }

    @Override
    public Fingerprint fingerprint(DatabaseLocation location, Progress progress) {
        throw new UnsupportedOperationException("the fake engine handles no location");
    }
}
