package dev.lifeboat.domain.spi;

/** What a progress count counts. */
public enum ProgressUnit {
    /** Bytes read or written. */
    BYTES,
    /** Database pages copied. */
    PAGES,
    /** Table rows. */
    ROWS,
    /** Things of any other kind: tables, schema statements. */
    ITEMS
}
