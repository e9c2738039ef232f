package dev.lifeboat.domain.port.out;

/** What a progress count counts. */
public enum ProgressUnit {
    BYTES, PAGES, ROWS, ITEMS
}
