package dev.lifeboat.domain.spi;

/** What a plain SQL export holds: the schema, the data, or both. */
public enum SqlExportContent {
    /** Everything: the schema, the rows, and what follows the rows (indexes, keys, triggers, sequence values). */
    SCHEMA_AND_DATA,
    /** The schema alone, without rows. */
    SCHEMA_ONLY,
    /** The rows alone (with sequence values), for a database that has the schema already. */
    DATA_ONLY;

    /** {@return whether the export holds definitions} */
    public boolean schema() {
        return this != DATA_ONLY;
    }

    /** {@return whether the export holds rows} */
    public boolean data() {
        return this != SCHEMA_ONLY;
    }
}
