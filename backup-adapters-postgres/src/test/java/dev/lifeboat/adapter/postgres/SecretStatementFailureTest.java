package dev.lifeboat.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import dev.lifeboat.adapter.postgres.catalog.StatementKind;
import dev.lifeboat.adapter.postgres.catalog.StatementPhase;
import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.LockedException;
import dev.lifeboat.domain.error.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A statement that holds a secret and fails, whatever the failure: the message names the object and the SQLSTATE,
 * and nothing of what the server said, which may echo any part of the secret (a password of two letters, pieces of a
 * URI connection string); the driver's exception, which holds the server's words too, is no cause of it.
 */
class SecretStatementFailureTest {

    private static final String PASSWORD = "Zq";
    private static final String CONNECTION = "postgresql://replicator:" + PASSWORD + "@publisher.invalid:5433/shop";

    @ParameterizedTest(name = "SQLSTATE {0}")
    @CsvSource({"08006, UnavailableException", "57P01, UnavailableException", "55P03, LockedException",
            "42704, IncompatibleException", "42601, IncompatibleException", "XX000, IncompatibleException"})
    void shows_the_object_and_the_sqlstate_and_nothing_the_server_said(String state, String kind) {
        SchemaStatement subscription = new SchemaStatement(StatementPhase.POST_DATA, StatementKind.DEFINITION,
                "SUBSCRIPTION orders", "CREATE SUBSCRIPTION \"orders\" CONNECTION '" + CONNECTION
                + "' PUBLICATION \"shop\" WITH (connect = false)", List.of(), true);
        PSQLException refused = new PSQLException(new ServerErrorMessage("SERROR\0C" + state
                + "\0Mcould not connect to \"" + CONNECTION + "\": password \"" + PASSWORD + "\" refused for"
                + " replicator:" + PASSWORD + "@publisher.invalid\0Dconnection string: user=replicator password="
                + PASSWORD + " host=publisher.invalid port=5433\0HThe URI postgresql://replicator:" + PASSWORD
                + "@ is wrong\0"));

        LifeboatException failure = RestoreStatementFailures.of(subscription, refused);

        assertThat(failure.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(failure).hasMessageContaining("restoring SUBSCRIPTION orders failed with SQLSTATE " + state)
                .hasNoCause();
        assertThat(shown(failure)).noneMatch(text -> text.contains(PASSWORD) || text.contains("replicator")
                || text.contains("publisher.invalid") || text.contains("postgresql://"));
    }

    @ParameterizedTest(name = "SQLSTATE {0}")
    @CsvSource({"08006", "42704"})
    void a_statement_without_secrets_is_shown_with_the_server_s_words(String state) {
        SchemaStatement index = new SchemaStatement(StatementPhase.INDEXES, StatementKind.DEFINITION,
                "INDEX public.orders_idx", "CREATE INDEX orders_idx ON public.orders (id)");
        PSQLException refused = new PSQLException(new ServerErrorMessage("SERROR\0C" + state
                + "\0Mrelation \"public.orders\" does not exist\0"));

        LifeboatException failure = RestoreStatementFailures.of(index, refused);

        assertThat(failure).hasMessageContaining("INDEX public.orders_idx")
                .hasMessageContaining("relation \"public.orders\" does not exist").hasCause(refused);
        assertThat(failure).isInstanceOfAny(UnavailableException.class, IncompatibleException.class,
                LockedException.class);
    }

    private static List<String> shown(Throwable failure) {
        List<String> texts = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            texts.add(String.valueOf(cause.getMessage()));
            texts.add(cause.toString());
        }
        return texts;
    }
}
