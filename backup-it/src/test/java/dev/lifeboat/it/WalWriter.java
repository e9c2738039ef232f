package dev.lifeboat.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes a row into a WAL database and keeps its connection open (so the row stays in the -wal file, not yet
 * checkpointed), then closes it when stdin closes, as an application between two writes would.
 */
public final class WalWriter {

    private WalWriter() {
    }

    public static void main(String[] args) throws SQLException, java.io.IOException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            statement.execute("INSERT INTO account (owner, balance) VALUES ('in the log', 1)");
            System.out.println("written");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait until the test closes our stdin or kills us
            }
        }
    }
}
