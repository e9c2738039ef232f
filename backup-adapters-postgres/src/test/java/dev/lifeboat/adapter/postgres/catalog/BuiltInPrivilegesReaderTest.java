package dev.lifeboat.adapter.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.PostgresServers.Version;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BuiltInPrivilegesReaderTest {

    @ParameterizedTest
    @EnumSource(Version.class)
    void a_new_database_has_no_privileges_of_built_in_objects_to_carry(Version version) throws Exception {
        TestServer server = PostgresServers.server(version);
        String database = CatalogSessions.databaseWith(server, "builtin_fresh",
                "CREATE EXTENSION pg_buffercache; CREATE EXTENSION pg_stat_statements; CREATE EXTENSION pg_trgm;");

        SchemaScript script = CatalogSessions.read(server, database, SchemaOptions.all());

        assertThat(script.statements()).filteredOn(statement -> statement.kind() == StatementKind.PRIVILEGE)
                .extracting(SchemaStatement::sql).noneMatch(sql -> !sql.contains("SCHEMA \"public\""));
    }

    @Test
    void the_statements_take_the_initial_acl_to_the_current_one() {
        List<SchemaStatement> statements = BuiltInPrivilegesReader.delta("FUNCTION f()", "",
                List.of("NR|EXECUTE|postgres", "NP|EXECUTE|", "YR|EXECUTE|auditor"),
                List.of("NR|EXECUTE|postgres", "NR|EXECUTE|auditor", "YR|EXECUTE|operator"));

        assertThat(statements).extracting(SchemaStatement::sql).containsExactly(
                "REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC",
                "REVOKE GRANT OPTION FOR EXECUTE ON FUNCTION f() FROM \"auditor\"",
                "GRANT EXECUTE ON FUNCTION f() TO \"operator\" WITH GRANT OPTION");
        assertThat(statements).allMatch(statement -> statement.kind() == StatementKind.PRIVILEGE);
        assertThat(statements.get(2).roles()).containsExactly("operator");
    }
}
