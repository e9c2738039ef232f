package dev.lifeboat.domain.spi;

/** What a progress count counts. */
public enum ProgressUnit {
    BYTES, PAGES, ROWS, ITEMS
}
