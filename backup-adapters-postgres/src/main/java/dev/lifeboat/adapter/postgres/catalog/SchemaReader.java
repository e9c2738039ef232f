package dev.lifeboat.adapter.postgres.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a database's schema from its catalogs, as SQL statements that recreate it without pg_dump.
 *
 * <p>The connection must be inside the backup's transaction (REPEATABLE READ, the session settings of
 * design.md section 7) and must hold ACCESS SHARE locks on {@link #relationsToLock()} before {@link #read()}: the
 * pg_get_*def functions read the current catalogs, not the snapshot. The statements are fully schema-qualified only
 * when the session's search_path is empty, as the backup session sets it.
 */
public final class SchemaReader {

    private final Connection connection;
    private final SchemaOptions options;

    public SchemaReader(Connection connection, SchemaOptions options) {
        this.connection = connection;
        this.options = options;
    }

    /**
     * The tables and partitioned tables of the user's schemas and the extensions' configuration tables, to lock
     * before {@link #read}. Materialized views are not listed: LOCK TABLE refuses them on every supported server version.
     */
    public List<QualifiedName> relationsToLock() throws SQLException {
        Catalog catalog = new Catalog(connection);
        List<QualifiedName> relations = new ArrayList<>();
        for (Catalog.Row row : catalog.rows("SELECT n.nspname, c.relname FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND "
                + Catalog.USER_SCHEMA + " AND " + Catalog.notExtensionMember("pg_class", "c.oid"))) {
            relations.add(new QualifiedName(row.text("nspname"), row.text("relname")));
        }
        relations.addAll(ExtensionsReader.configurationTables(catalog));
        relations.sort(null);
        return relations;
    }

    /** The whole schema. */
    public SchemaScript read() throws SQLException {
        Catalog catalog = new Catalog(connection);
        ScriptBuilder script = new ScriptBuilder();
        ReadContext context = new ReadContext(catalog, options, new Comments(catalog), script);
        SchemasReader.read(context);
        ExtensionsReader.read(context);
        AccessMethodsReader.read(context);
        CollationsReader.read(context);
        Map<Long, List<Column>> columns = ColumnsReader.read(catalog);
        TypesReader.read(context, columns);
        FunctionsReader.read(context);
        BaseTypes.breakCycles(context);
        LanguagesReader.read(context);
        TransformsReader.read(context);
        TextSearchReader.read(context);
        OperatorsReader.read(context);
        OperatorClassesReader.read(context);
        CastsReader.read(context);
        ConversionsReader.read(context);
        Map<String, SequencesReader.IdentitySequence> identities = SequencesReader.read(context);
        TablesReader.read(context, columns, identities);
        ViewsReader.read(context, columns);
        ConstraintsReader.read(context);
        IndexesReader.read(context);
        PartitionIndexNames.read(context);
        PartitionConstraintNames.read(context);
        IndexSettingsReader.read(context);
        StatisticsReader.read(context);
        TriggersReader.read(context);
        RulesReader.read(context);
        PoliciesReader.read(context);
        ForeignDataWrappersReader.read(context);
        UserMappingsReader.read(context);
        ForeignTablesReader.read(context, columns);
        EventTriggersReader.read(context);
        PublicationsReader.read(context);
        SubscriptionsReader.read(context);
        SecurityLabelsReader.read(context);
        DefaultPrivilegesReader.read(context);
        DatabaseStateReader.read(context);
        BuiltInPrivilegesReader.read(context);
        Exclusion exclusion = Exclusion.of(catalog, script);
        script.remove(exclusion.excluded());
        List<PreDataObject> preData = DependencyOrder.sort(catalog, script);
        List<SchemaStatement> statements = new ArrayList<>();
        preData.forEach(object -> statements.addAll(object.statements()));
        script.afterPreData().forEach(owned -> statements.add(owned.statement()));
        for (StatementPhase phase : StatementPhase.values()) {
            if (phase == StatementPhase.REFRESH) {
                statements.addAll(refreshes(preData, script));
            }
            if (phase == StatementPhase.INDEXES) {
                IndexBuildOrder.largestFirst(catalog, script.postData(phase))
                        .forEach(owned -> statements.add(owned.statement()));
            } else if (phase != StatementPhase.PRE_DATA) {
                script.postData(phase).forEach(owned -> statements.add(owned.statement()));
            }
        }
        List<TableData> tables = new ArrayList<>(script.tables().values());
        tables.sort((a, b) -> a.table().compareTo(b.table()));
        return new SchemaScript(statements, tables, exclusion.unsupported(), exclusion.dependents(),
                SchemaDescription.of(catalog, exclusion::excludes));
    }

    /**
     * The canonical description alone: what {@link SchemaScript#description()} holds, without building statements.
     * Equal for a database and its restore, whatever their server versions and object ids.
     */
    public String describe() throws SQLException {
        return SchemaDescription.of(new Catalog(connection), ref -> false);
    }

    private static List<SchemaStatement> refreshes(List<PreDataObject> preData, ScriptBuilder script) {
        Map<ObjectRef, Boolean> populated = new HashMap<>();
        script.populatedMaterializedViews().forEach(ref -> populated.put(ref, true));
        List<SchemaStatement> statements = new ArrayList<>();
        for (PreDataObject object : preData) {
            if (populated.containsKey(object.ref())) {
                statements.add(new SchemaStatement(StatementPhase.REFRESH, StatementKind.DEFINITION,
                        "MATERIALIZED VIEW " + object.name(), "REFRESH MATERIALIZED VIEW " + object.name().quoted()));
            }
        }
        return statements;
    }
}
