package dev.lifeboat.adapter.postgres.catalog;

/** The first tie-break of the pre-data order: among objects free to go next, lower ranks go first. */
enum ObjectRank {
    SCHEMA, EXTENSION, TYPE, FUNCTION, AGGREGATE, SEQUENCE, TABLE, VIEW, MATERIALIZED_VIEW,
    FOREIGN_DATA_WRAPPER, FOREIGN_SERVER, USER_MAPPING
}
