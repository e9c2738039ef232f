package dev.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeboat.domain.spi.DatabaseEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a plug-in jar in a test: Java sources compiled with the JDK's compiler against the SPI (and any jars given),
 * plus service files, written as a jar with owner-only permissions as a user would install it.
 */
public final class PluginJar {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> serviceFiles = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>();

    /** A class, by its fully qualified name. */
    public PluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** A service file: {@code META-INF/services/TYPE} listing the given lines. */
    public PluginJar service(Class<?> type, String... lines) {
        serviceFiles.put(type.getName(), String.join("\n", lines) + "\n");
        return this;
    }

    /** A jar the sources are compiled against but that is not put into this one (a dependency of the plug-in). */
    public PluginJar compiledAgainst(Path jar) {
        classPath.add(jar);
        return this;
    }

    /** An engine that lists itself: id, display name, and a constructor body run when lifeboat creates it. */
    public static PluginJar engine(String className, String id, String constructorBody) {
        return engine(className, id, constructorBody, "");
    }

    /** The same with the constructor's parameters, for an engine lifeboat cannot create. */
    public static PluginJar engine(String className, String id, String constructorBody, String constructorParameters) {
        int dot = className.lastIndexOf('.');
        String code = """
                package %s;

                import dev.lifeboat.domain.model.*;
                import dev.lifeboat.domain.spi.*;
                import java.util.List;

                public final class %s implements DatabaseEngine {
                    public %s(%s) { %s }
                    public String id() { return "%s"; }
                    public String displayName() { return "Test engine %s"; }
                    public List<String> locationExamples() { return List.of("%s:/some/where"); }
                    public Recognition recognize(DatabaseLocation location) {
                        return location.scheme().filter("%s"::equals).isPresent()
                                ? Recognition.recognized() : Recognition.notRecognized();
                    }
                    public DatabaseSummary summarize(DatabaseLocation location) { throw unreachable(); }
                    public DatabaseDescription describe(DatabaseLocation location) { throw unreachable(); }
                    public EngineBackup backup(BackupJob job) { throw unsupported(); }
                    public TargetState probeTarget(DatabaseLocation target) { throw unsupported(); }
                    public RestoreOutcome restore(RestoreJob job) { throw unsupported(); }
                    public RestoreOutcome restoreToScratch(ScratchRestoreJob job) { throw unsupported(); }
                    public Fingerprint fingerprint(DatabaseLocation location, Progress progress) { throw unsupported(); }
                    private static RuntimeException unreachable() {
                        return new dev.lifeboat.domain.error.UnavailableException("the test engine %s reaches no"
                                + " database");
                    }
                    private static UnsupportedOperationException unsupported() {
                        return new UnsupportedOperationException("a test engine");
                    }
                }
                """.formatted(className.substring(0, dot), className.substring(dot + 1), className.substring(dot + 1),
                constructorParameters, constructorBody, id, id, id, id, id);
        return new PluginJar().source(className, code).service(DatabaseEngine.class, className);
    }

    /** Compiles the sources and writes the jar (mode 0600). */
    public Path writeTo(Path jar) throws IOException {
        Path work = Files.createTempDirectory(jar.getParent(), ".plugin-build");
        try {
            Path sourceDirectory = Files.createDirectories(work.resolve("src"));
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    String.join(java.io.File.pathSeparator, classPathEntries())));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = sourceDirectory.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            if (!sources.isEmpty()) {
                JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
                assertThat(compiler).as("the JDK's compiler (tests run on a JDK)").isNotNull();
                assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new))).as("javac status")
                        .isZero();
            }
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
                for (Map.Entry<String, String> service : serviceFiles.entrySet()) {
                    put(out, "META-INF/services/" + service.getKey(),
                            service.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-------"));
            return jar;
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private List<String> classPathEntries() {
        List<String> entries = new ArrayList<>();
        try {
            entries.add(Path.of(DatabaseEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        classPath.forEach(path -> entries.add(path.toString()));
        return entries;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream entry = out;
        entry.write(bytes);
        out.closeEntry();
    }
}
