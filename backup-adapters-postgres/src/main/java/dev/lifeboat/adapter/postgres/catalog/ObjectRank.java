package dev.lifeboat.adapter.postgres.catalog;

/** The first tie-break of the pre-data order: among objects free to go next, lower ranks go first. */
enum ObjectRank {
    SCHEMA, EXTENSION, ACCESS_METHOD, COLLATION, TYPE, FUNCTION, AGGREGATE, OPERATOR, OPERATOR_FAMILY, OPERATOR_CLASS,
    CAST, CONVERSION, SEQUENCE, TABLE, VIEW, MATERIALIZED_VIEW
}
