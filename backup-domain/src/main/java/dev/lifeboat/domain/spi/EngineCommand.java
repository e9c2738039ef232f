package dev.lifeboat.domain.spi;

import java.util.Locale;

/**
 * The commands that pass engine options to an engine, each to one of its operations: {@link #BACKUP} to
 * {@link DatabaseEngine#backup}, {@link #RESTORE} to {@link DatabaseEngine#restore}, {@link #VERIFY} to
 * {@link DatabaseEngine#restoreToScratch} (a deep verification). An {@link EngineOption} names the commands that take
 * it; other commands (such as {@code export}, whose choices are fields of {@link SqlExportJob}) take none.
 */
public enum EngineCommand {

    /** {@code lifeboat backup}. */
    BACKUP,

    /** {@code lifeboat restore}. */
    RESTORE,

    /** {@code lifeboat verify} (the options reach the engine only with {@code --deep}). */
    VERIFY;

    /** The command's name as the user types it: {@code backup}, {@code restore}, {@code verify}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
