package dev.lifeboat.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * Keeps moving money between accounts of a SQLite database until killed, one transfer per transaction, so the
 * sum of all balances never changes. Prints "moved N" after every 100 transfers.
 */
public final class MoneyMover {

    private MoneyMover() {
    }

    public static void main(String[] args) throws SQLException {
        Random random = new Random();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             Statement settings = connection.createStatement()) {
            settings.execute("PRAGMA busy_timeout = 60000");
            int accounts;
            try (var count = settings.executeQuery("SELECT count(*) FROM account")) {
                accounts = count.getInt(1);
            }
            connection.setAutoCommit(false);
            try (PreparedStatement debit = connection.prepareStatement("UPDATE account SET balance = balance - ? WHERE id = ?");
                 PreparedStatement credit = connection.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?")) {
                System.out.println("moving");
                System.out.flush();
                for (long moved = 1; ; moved++) {
                    int amount = 1 + random.nextInt(50);
                    debit.setInt(1, amount);
                    debit.setInt(2, 1 + random.nextInt(accounts));
                    debit.executeUpdate();
                    credit.setInt(1, amount);
                    credit.setInt(2, 1 + random.nextInt(accounts));
                    credit.executeUpdate();
                    connection.commit();
                    if (moved % 100 == 0) {
                        System.out.println("moved " + moved);
                        System.out.flush();
                    }
                }
            }
        }
    }
}
