package dev.lifeboat.adapter.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What PostgreSQL 18 changed about columns: NOT NULL constraints are described by every fact a user can set (name,
 * NO INHERIT, NOT VALID, whether a child defines its own), a NOT VALID one is added after the rows, and a virtual
 * generated column is made VIRTUAL and never copied.
 */
class NotNullAndVirtualColumnsTest {

    /** Default names, inherited, merged with a child's own, on a table without children. */
    private static final String BASE = """
            CREATE TABLE public.p (a integer NOT NULL, b integer NOT NULL);
            CREATE TABLE public.c (b integer NOT NULL) INHERITS (public.p);
            CREATE TABLE public.d () INHERITS (public.p);
            CREATE TABLE public.q (a integer NOT NULL);
            """;

    private static TestServer server;
    private static String baseDescription;

    @BeforeAll
    static void describeTheBase() throws Exception {
        server = PostgresServers.newest();
        baseDescription = CatalogSessions.describe(server, CatalogSessions.databaseWith(server, "notnull", BASE));
    }

    @Test
    void default_names_written_out_describe_the_same() throws Exception {
        String named = CatalogSessions.databaseWith(server, "notnull_named", """
                CREATE TABLE public.p (a integer CONSTRAINT p_a_not_null NOT NULL, b integer NOT NULL);
                CREATE TABLE public.c (b integer CONSTRAINT c_b_not_null NOT NULL) INHERITS (public.p);
                CREATE TABLE public.d () INHERITS (public.p);
                CREATE TABLE public.q (a integer CONSTRAINT q_a_not_null NOT NULL);
                """);

        assertThat(CatalogSessions.describe(server, named)).isEqualTo(baseDescription);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // a name of the user's, which the children inherit
        """
        CREATE TABLE public.p (a integer CONSTRAINT a_required NOT NULL, b integer NOT NULL);
        CREATE TABLE public.c (b integer NOT NULL) INHERITS (public.p);
        CREATE TABLE public.d () INHERITS (public.p);
        CREATE TABLE public.q (a integer NOT NULL);
        """,
        // NOT VALID in the parent; the children, made after it, have valid copies
        """
        CREATE TABLE public.p (a integer, b integer NOT NULL);
        ALTER TABLE public.p ADD CONSTRAINT p_a_not_null NOT NULL a NOT VALID;
        CREATE TABLE public.c (b integer NOT NULL) INHERITS (public.p);
        CREATE TABLE public.d () INHERITS (public.p);
        CREATE TABLE public.q (a integer NOT NULL);
        """,
        // the child's own column whose NOT NULL is its parent's alone
        """
        CREATE TABLE public.p (a integer NOT NULL, b integer NOT NULL);
        CREATE TABLE public.c (b integer) INHERITS (public.p);
        CREATE TABLE public.d () INHERITS (public.p);
        CREATE TABLE public.q (a integer NOT NULL);
        """,
        // an inherited NOT NULL the child makes its own too
        """
        CREATE TABLE public.p (a integer NOT NULL, b integer NOT NULL);
        CREATE TABLE public.c (b integer NOT NULL) INHERITS (public.p);
        CREATE TABLE public.d () INHERITS (public.p);
        ALTER TABLE public.d ALTER COLUMN a SET NOT NULL;
        CREATE TABLE public.q (a integer NOT NULL);
        """,
        // NO INHERIT
        """
        CREATE TABLE public.p (a integer NOT NULL, b integer NOT NULL);
        CREATE TABLE public.c (b integer NOT NULL) INHERITS (public.p);
        CREATE TABLE public.d () INHERITS (public.p);
        CREATE TABLE public.q (a integer NOT NULL NO INHERIT);
        """
    })
    void a_not_null_constraint_that_differs_changes_the_description(String variant) throws Exception {
        String changed = CatalogSessions.databaseWith(server, "notnull_changed", variant);

        assertThat(CatalogSessions.describe(server, changed)).isNotEqualTo(baseDescription);
    }

    @Test
    void a_not_valid_not_null_is_added_after_the_rows_that_break_it() throws Exception {
        String database = CatalogSessions.databaseWith(server, "notnull_later", """
                CREATE TABLE public.accounts (id integer, email text);
                INSERT INTO public.accounts VALUES (1, NULL);
                ALTER TABLE public.accounts ADD CONSTRAINT email_present NOT NULL email NOT VALID;
                COMMENT ON CONSTRAINT email_present ON public.accounts IS 'not for old accounts';
                """);

        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());

        List<SchemaStatement> statements = script.statements();
        assertThat(statements).filteredOn(statement -> statement.sql().startsWith("CREATE TABLE"))
                .extracting(SchemaStatement::sql).containsExactly("CREATE TABLE \"public\".\"accounts\" (\"id\" integer, "
                        + "\"email\" text)");
        assertThat(statements).filteredOn(statement -> statement.sql().contains("email_present"))
                .extracting(SchemaStatement::phase, SchemaStatement::sql)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(StatementPhase.POST_DATA, "ALTER TABLE \"public\".\"accounts\" "
                                + "ADD CONSTRAINT \"email_present\" NOT NULL \"email\" NOT VALID"),
                        org.assertj.core.groups.Tuple.tuple(StatementPhase.POST_DATA, "COMMENT ON CONSTRAINT "
                                + "\"email_present\" ON \"public\".\"accounts\" IS 'not for old accounts'"));
    }

    @Test
    void a_virtual_column_is_made_virtual_and_never_copied() throws Exception {
        String database = CatalogSessions.databaseWith(server, "virtual", """
                CREATE TABLE public.prices (id integer, net numeric, gross numeric GENERATED ALWAYS AS (net * 1.2),
                    taxed numeric GENERATED ALWAYS AS (net * 0.2) STORED);
                """);

        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());

        assertThat(script.statements()).extracting(SchemaStatement::sql).contains("CREATE TABLE \"public\".\"prices\" ("
                + "\"id\" integer, \"net\" numeric, \"gross\" numeric GENERATED ALWAYS AS ((net * 1.2)) VIRTUAL, "
                + "\"taxed\" numeric GENERATED ALWAYS AS ((net * 0.2)) STORED)");
        assertThat(script.tables()).containsExactly(
                new TableData(new QualifiedName("public", "prices"), List.of("id", "net")));
    }
}
