package dev.lifeboat.adapter.sqlite;

/**
 * Something in the database file that the page reader does not decode exactly as SQLite would (a UTF-16 database,
 * a WITHOUT ROWID table, a record older than an ALTER TABLE ADD COLUMN, a page that is not what it should be): the
 * table, or the database, is handed to SQLite instead. The message says what it was.
 */
final class PageFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    PageFormatException(String message) {
        super(message, null, false, false);
    }
}
