package dev.lifeboat.adapter.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a round trip of operators, operator classes and families could get right by luck: shell operators, members
 * that belong to a family rather than a class, empty classes and families, the order of objects whose names sort
 * before what they use, and members added to the server's own families.
 */
class OperatorObjectsTest {

    private static final String OPERATORS = """
            CREATE SCHEMA zz;
            CREATE SCHEMA aa;
            CREATE FUNCTION zz.shorter(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE
                AS $$ SELECT length(a) < length(b) $$;
            CREATE FUNCTION zz.longer(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE
                AS $$ SELECT length(a) > length(b) $$;
            CREATE FUNCTION zz.same(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE
                AS $$ SELECT length(a) = length(b) $$;
            -- a pair that refers to each other: the first makes a shell of the second, which the second fills
            CREATE OPERATOR zz.<<< (LEFTARG = text, RIGHTARG = text, FUNCTION = zz.shorter,
                COMMUTATOR = OPERATOR(zz.>>>));
            CREATE OPERATOR zz.>>> (LEFTARG = text, RIGHTARG = text, FUNCTION = zz.longer,
                COMMUTATOR = OPERATOR(zz.<<<));
            -- a negator never defined stays a shell, in a schema that sorts after the operator's
            CREATE OPERATOR aa.=== (LEFTARG = text, RIGHTARG = text, FUNCTION = zz.same, NEGATOR = OPERATOR(zz.!==));
            """;

    @ParameterizedTest
    @EnumSource(Version.class)
    void shell_operators_are_made_again_by_what_refers_to_them(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = CatalogSessions.databaseWith(server, "shells", OPERATORS);
        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());

        assertThat(script.unsupported()).isEmpty();
        assertThat(definitions(script)).filteredOn(sql -> sql.startsWith("CREATE OPERATOR")).containsExactly(
                "CREATE OPERATOR \"aa\".=== (FUNCTION = zz.same, LEFTARG = text, RIGHTARG = text,"
                        + " NEGATOR = OPERATOR(zz.!==))",
                "CREATE OPERATOR \"zz\".<<< (FUNCTION = zz.shorter, LEFTARG = text, RIGHTARG = text,"
                        + " COMMUTATOR = OPERATOR(zz.>>>))",
                "CREATE OPERATOR \"zz\".>>> (FUNCTION = zz.longer, LEFTARG = text, RIGHTARG = text,"
                        + " COMMUTATOR = OPERATOR(zz.<<<))");
        // the shell's schema is created before the operator that makes the shell
        assertThat(definitions(script)).containsSubsequence("CREATE SCHEMA \"zz\"",
                "CREATE OPERATOR \"aa\".=== (FUNCTION = zz.same, LEFTARG = text, RIGHTARG = text,"
                        + " NEGATOR = OPERATOR(zz.!==))");

        String copy = server.createDatabase("shells_copy");
        CatalogSessions.apply(server, copy, script);
        String links = "SELECT o.oprname || ' shell ' || (o.oprcode = 0) || ' commutator '"
                + " || COALESCE(c.oprname, '-') || ' negator ' || COALESCE(g.oprname, '-')"
                + " FROM pg_operator o LEFT JOIN pg_operator c ON c.oid = o.oprcom"
                + " LEFT JOIN pg_operator g ON g.oid = o.oprnegate"
                + " WHERE o.oprnamespace IN ('aa'::regnamespace, 'zz'::regnamespace) ORDER BY 1";
        assertThat(server.column(copy, links)).containsExactly(
                "!== shell true commutator - negator ===",
                "<<< shell false commutator >>> negator -",
                "=== shell false commutator - negator !==",
                ">>> shell false commutator <<< negator -")
                .isEqualTo(server.column(database, links));
        SchemaRoundTripTest.assertSameDescription(CatalogSessions.describe(server, copy), script.description());
    }

    @Test
    void a_postfix_operator_of_postgresql_13_restores() throws Exception {
        TestServer server = PostgresServers.server(Version.PG13);
        String database = CatalogSessions.databaseWith(server, "postfix", """
                CREATE FUNCTION public.factorial_of(n bigint) RETURNS numeric LANGUAGE sql IMMUTABLE
                    AS $$ SELECT factorial(n) $$;
                CREATE OPERATOR public.!!! (LEFTARG = bigint, FUNCTION = public.factorial_of);
                COMMENT ON OPERATOR public.!!!(bigint, NONE) IS 'factorial';
                """);
        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());

        assertThat(definitions(script)).contains(
                "CREATE OPERATOR \"public\".!!! (FUNCTION = public.factorial_of, LEFTARG = bigint)");
        assertThat(script.statements()).extracting(SchemaStatement::sql)
                .contains("COMMENT ON OPERATOR \"public\".!!!(bigint, NONE) IS 'factorial'");
        String copy = server.createDatabase("postfix_copy");
        CatalogSessions.apply(server, copy, script);
        assertThat(server.column(copy, "SELECT (5 OPERATOR(public.!!!))::text")).containsExactly("120");
        SchemaRoundTripTest.assertSameDescription(CatalogSessions.describe(server, copy), script.description());
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void family_members_stay_with_the_class_or_family_they_belong_to(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = CatalogSessions.databaseWith(server, "families", """
                CREATE SCHEMA aa;
                CREATE SCHEMA zz;
                CREATE FUNCTION zz.rev_cmp(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE
                    AS $$ SELECT btint4cmp(b, a) $$;
                CREATE FUNCTION zz.rev_cmp(a integer, b bigint) RETURNS integer LANGUAGE sql IMMUTABLE
                    AS $$ SELECT btint8cmp(b, a::bigint) $$;
                CREATE OPERATOR FAMILY aa.reversed USING btree;
                CREATE OPERATOR CLASS aa.reversed_int4 FOR TYPE integer USING btree FAMILY aa.reversed AS
                    OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <,
                    FUNCTION 1 zz.rev_cmp(integer, integer);
                ALTER OPERATOR FAMILY aa.reversed USING btree ADD
                    OPERATOR 3 =(integer, bigint), FUNCTION 1 zz.rev_cmp(integer, bigint);
                CREATE OPERATOR CLASS aa.nothing_of_its_own FOR TYPE integer USING btree FAMILY aa.reversed AS
                    STORAGE integer;
                CREATE OPERATOR FAMILY aa.empty USING hash;
                CREATE TABLE aa.numbers (n integer);
                INSERT INTO aa.numbers SELECT generate_series(1, 20);
                CREATE INDEX numbers_reversed ON aa.numbers (n aa.reversed_int4);
                """);
        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());

        assertThat(script.unsupported()).isEmpty();
        List<String> definitions = definitions(script);
        assertThat(definitions).contains(
                "CREATE OPERATOR FAMILY \"aa\".\"reversed\" USING \"btree\"",
                "ALTER OPERATOR FAMILY \"aa\".\"reversed\" USING \"btree\" ADD OPERATOR 3 pg_catalog.=(integer, bigint),"
                        + " FUNCTION 1 (integer, bigint) zz.rev_cmp(integer, bigint)",
                "CREATE OPERATOR CLASS \"aa\".\"nothing_of_its_own\" FOR TYPE integer USING \"btree\" FAMILY aa.reversed"
                        + " AS STORAGE integer",
                "CREATE OPERATOR FAMILY \"aa\".\"empty\" USING \"hash\"");
        assertThat(definitions).noneMatch(sql -> sql.startsWith("ALTER OPERATOR FAMILY \"aa\".\"empty\""));
        assertThat(definitions).filteredOn(sql -> sql.startsWith("CREATE OPERATOR CLASS \"aa\".\"reversed_int4\""))
                .singleElement().satisfies(sql -> assertThat(sql)
                        .contains("OPERATOR 1 pg_catalog.>(integer, integer)",
                                "FUNCTION 1 (integer, integer) zz.rev_cmp(integer, integer)")
                        .doesNotContain("bigint"));
        // each comes after the function it names, although "aa" sorts before "zz"
        assertThat(position(definitions, "CREATE OR REPLACE FUNCTION zz.rev_cmp(a integer, b bigint)"))
                .isLessThan(position(definitions, "ALTER OPERATOR FAMILY \"aa\".\"reversed\""));
        assertThat(position(definitions, "CREATE OR REPLACE FUNCTION zz.rev_cmp(a integer, b integer)"))
                .isLessThan(position(definitions, "CREATE OPERATOR CLASS \"aa\".\"reversed_int4\""));
        assertThat(position(definitions, "ALTER OPERATOR FAMILY \"aa\".\"reversed\""))
                .isLessThan(position(definitions, "CREATE OPERATOR CLASS \"aa\".\"reversed_int4\""));

        String copy = server.createDatabase("families_copy");
        CatalogSessions.apply(server, copy, script);
        String members = "SELECT pg_describe_object(d.classid, d.objid, 0) || ' -> '"
                + " || pg_describe_object(d.refclassid, d.refobjid, 0) || ' ' || d.deptype::text FROM pg_depend d"
                + " WHERE d.classid IN ('pg_amop'::regclass, 'pg_amproc'::regclass)"
                + " AND d.refclassid IN ('pg_opclass'::regclass, 'pg_opfamily'::regclass) ORDER BY 1";
        assertThat(server.column(copy, members)).hasSize(8).isEqualTo(server.column(database, members))
                .contains("operator 3 (integer, bigint) of operator family aa.reversed for access method btree:"
                        + " =(integer,bigint) -> operator family aa.reversed for access method btree a");
        assertThat(server.column(copy, "SELECT pg_get_indexdef('aa.numbers_reversed'::regclass)"))
                .containsExactly("CREATE INDEX numbers_reversed ON aa.numbers USING btree (n aa.reversed_int4)");
        SchemaRoundTripTest.assertSameDescription(CatalogSessions.describe(server, copy), script.description());
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void a_member_added_to_a_family_of_the_server_is_reported(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = CatalogSessions.databaseWith(server, "system_family", """
                CREATE FUNCTION public.int4_text_cmp(a integer, b text) RETURNS integer LANGUAGE sql IMMUTABLE
                    AS $$ SELECT btint4cmp(a, b::integer) $$;
                ALTER OPERATOR FAMILY pg_catalog.integer_ops USING btree ADD
                    FUNCTION 1 (integer, text) public.int4_text_cmp(integer, text);
                """);
        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());

        assertThat(script.unsupported()).containsExactly("function member FUNCTION 1 (integer, text)"
                + " public.int4_text_cmp(integer, text) of operator family pg_catalog.integer_ops");
    }

    private static List<String> definitions(SchemaScript script) {
        return script.statements().stream().filter(statement -> statement.kind() == StatementKind.DEFINITION)
                .map(SchemaStatement::sql).toList();
    }

    /** The index of the first statement that starts with {@code prefix}; fails when none does. */
    private static int position(List<String> statements, String prefix) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no statement starts with " + prefix);
    }
}
