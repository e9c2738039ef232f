package dev.lifeboat.domain.spi;

import java.util.Locale;

/**
 * The commands that pass engine options to an engine, each to one of its operations: {@link #BACKUP} to
 * {@link DatabaseEngine#backup}, {@link #RESTORE} to {@link DatabaseEngine#restore}, {@link #VERIFY} to
 * {@link DatabaseEngine#restoreToScratch} (a deep verification), {@link #EXPORT} to {@link SqlExport#export}. An
 * {@link EngineOption} names the commands that take it; other commands take none.
 */
public enum EngineCommand {

    /** {@code lifeboat backup}. */
    BACKUP,

    /** {@code lifeboat restore}. */
    RESTORE,

    /** {@code lifeboat verify} (the options reach the engine only with {@code --deep}). */
    VERIFY,

    /** {@code lifeboat export}: writing an archive as a SQL script. */
    EXPORT;

    /**
     * {@return the command's name as the user types it: {@code backup}, {@code restore}, {@code verify},
     * {@code export}} {@code lifeboat engines} and the error messages about engine options name commands so.
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
