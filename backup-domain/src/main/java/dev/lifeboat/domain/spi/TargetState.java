package dev.lifeboat.domain.spi;

/** What a restore would find at its target. */
public enum TargetState {
    /** Nothing there: the restore creates it. */
    ABSENT,
    /** There, but holding no user data: the restore may replace it without asking. */
    EMPTY,
    /** There, with data: replacing it needs the user's explicit overwrite. */
    OCCUPIED
}
