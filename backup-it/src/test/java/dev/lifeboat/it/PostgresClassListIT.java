package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.adapter.postgres.PostgresServers;
import dev.lifeboat.adapter.postgres.PostgresServers.TestServer;
import dev.lifeboat.adapter.postgres.TestSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's list of the classes a PostgreSQL backup, deep verification and restore load beyond the training runs
 * ({@link LifeboatJvm#POSTGRES_CLASSES}), which the launcher puts in its class-data sharing archive since its training
 * has no server to reach, is current: every class of lifeboat and of the driver that such runs load is in the archive.
 * With {@code -Dlifeboat.write-postgres-classes=PATH} (the list's source file) the test writes the list instead.
 */
class PostgresClassListIT {

    private static final String WRITE = "lifeboat.write-postgres-classes";

    @TempDir
    Path work;

    @Test
    void the_jar_lists_the_classes_postgresql_runs_load_beyond_training() throws Exception {
        Set<String> trained = LifeboatJvm.trainedClasses();
        assertThat(trained).as("the training runs' class lists (the archive of the end-to-end tests was made)")
                .isNotEmpty();
        TestServer server = PostgresServers.newest();
        String source = server.createDatabase("lb_it_classes");
        TestSchemas.loadEverything(server, source);
        String target = PostgresServers.uniqueName("lb_it_classes_restored");

        Set<String> loaded = new TreeSet<>();
        loaded.addAll(classesLoadedBy("backup", server.url(source)));
        loaded.addAll(classesLoadedBy("verify", "--deep", "latest"));
        loaded.addAll(classesLoadedBy("restore", "latest", server.url(target)));
        Set<String> beyondTraining = new TreeSet<>(loaded);
        beyondTraining.removeAll(trained);

        String write = System.getProperty(WRITE, "");
        if (!write.isEmpty()) {
            List<String> lines = new ArrayList<>(List.of("# The classes (and lambda and method-handle forms) that a "
                    + "PostgreSQL backup, deep verification and restore load beyond", "# the training runs (the "
                    + "end-to-end tests', much the launcher's), for the class-data sharing archive. Written by "
                    + "PostgresClassListIT."));
            lines.addAll(beyondTraining);
            Files.write(Path.of(write), lines);
        }
        Set<String> listed = new TreeSet<>(LifeboatJvm.postgresClasses());
        List<String> missing = beyondTraining.stream()
                .filter(line -> line.startsWith("dev/lifeboat/") || line.startsWith("org/postgresql/"))
                .filter(line -> !listed.contains(line)).toList();
        assertThat(missing).as("classes that PostgreSQL runs load, missing from %s in the jar; write it anew with "
                + "./mvnw -B verify -pl backup-it -Dit.test=PostgresClassListIT -Dtest=NONE "
                + "-Dsurefire.failIfNoSpecifiedTests=false -D%s=$PWD/backup-cli/src/main/resources/%s, then build "
                + "the jar again", LifeboatJvm.POSTGRES_CLASSES, WRITE, LifeboatJvm.POSTGRES_CLASSES).isEmpty();
    }

    /** The lines of the class list of one lifeboat run against the repository in the working directory. */
    private List<String> classesLoadedBy(String... args) throws Exception {
        Path classList = Files.createTempFile(work, "classes", ".lst");
        Files.delete(classList);
        LifeboatProcess.Result result = LifeboatProcess.run(work,
                Map.of("JAVA_TOOL_OPTIONS", "-XX:DumpLoadedClassList=" + classList), args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        // hidden classes of dynamic proxies are named by the run that made them; no archive can hold them
        return Files.readAllLines(classList).stream()
                .filter(line -> !line.startsWith("#") && !line.contains("$Proxy")).toList();
    }
}
