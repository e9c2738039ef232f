package dev.lifeboat.adapter.postgres.catalog;

/** The first tie-break of the pre-data order: among objects free to go next, lower ranks go first. */
enum ObjectRank {
    SCHEMA, EXTENSION, TYPE, FUNCTION, LANGUAGE, TRANSFORM, AGGREGATE, TEXT_SEARCH_PARSER, TEXT_SEARCH_TEMPLATE,
    TEXT_SEARCH_DICTIONARY, TEXT_SEARCH_CONFIGURATION, SEQUENCE, TABLE, VIEW, MATERIALIZED_VIEW
}
