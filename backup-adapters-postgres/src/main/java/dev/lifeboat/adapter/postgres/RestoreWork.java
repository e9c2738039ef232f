package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.QualifiedName;
import dev.lifeboat.adapter.postgres.catalog.SchemaStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One item of a restore's parallel load: a table's rows, or an index or key built on them. */
sealed interface RestoreWork {

    /** The bytes of the table the work reads or writes, to start the work on the largest tables first. */
    long tableBytes();

    /** Loading the rows of one table from its part. */
    record Load(DataScript.Entry entry, long tableBytes) implements RestoreWork {
    }

    /** Building one index or key: its definition, then the comments, owner and privileges that follow it. */
    record Build(List<SchemaStatement> statements, long tableBytes) implements RestoreWork {

        public Build {
            statements = List.copyOf(statements);
        }
    }

    /**
     * Every table's load and the builds of phase INDEXES, as pg_restore schedules them: a build as soon as its table's
     * rows are in, beside the loads of other tables, rather than after the last load; a build whose one table
     * {@link IndexTarget} cannot tell (one on a partitioned table builds on every partition), after every load. Of
     * what may run, the work on the largest table goes first: a load by the size of its part, a build by its table's
     * (it reads the table whole), a build without a table first once every load is done; otherwise in the order given,
     * the backup's.
     *
     * @param entries   the tables' rows, from data.psql
     * @param partBytes the raw size of each part, by name
     * @param builds    the objects of phase INDEXES: each definition with the statements that follow it
     */
    static DependencyQueue<RestoreWork> schedule(List<DataScript.Entry> entries, Map<String, Long> partBytes,
                                                 List<List<SchemaStatement>> builds) {
        DependencyQueue<RestoreWork> queue = new DependencyQueue<>(
                Comparator.comparingLong(RestoreWork::tableBytes).reversed());
        Map<QualifiedName, RestoreWork> loads = new HashMap<>();
        List<RestoreWork> everyLoad = new ArrayList<>();
        for (DataScript.Entry entry : entries) {
            RestoreWork load = new Load(entry, partBytes.getOrDefault(entry.partName(), 0L));
            loads.put(entry.table(), load);
            everyLoad.add(load);
            queue.add(load, List.of());
        }
        for (List<SchemaStatement> build : builds) {
            Optional<RestoreWork> load = IndexTarget.of(build.get(0).sql())
                    .flatMap(table -> Optional.ofNullable(loads.get(table)));
            queue.add(new Build(build, load.map(RestoreWork::tableBytes).orElse(Long.MAX_VALUE)),
                    load.map(List::of).orElse(everyLoad));
        }
        return queue;
    }
}
