package dev.lifeboat.it;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.OnionArchitecture;
import com.tngtech.archunit.library.GeneralCodingRules;
import dev.lifeboat.domain.spi.DatabaseEngine;
import java.util.List;
import java.util.Optional;

/**
 * The hexagonal architecture, as executable rules over every lifeboat module's main classes. docs/architecture.md
 * describes the same picture in words. The rules name no adapter: any package {@code dev.lifeboat.adapter.X} is an
 * adapter, an adapter with a class implementing {@link DatabaseEngine} is an engine adapter, and a module's package
 * root follows from its name ({@link LifeboatModules}), so a new adapter module needs no edit here;
 * {@link ReactorModulesTest} makes sure every module of the build is on this module's class path, where these rules
 * see it. failOnEmptyShould stays on (ArchUnit's default), so a rule that matches no class fails instead of passing
 * while testing nothing.
 */
@AnalyzeClasses(packages = "dev.lifeboat",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /** Test helpers shipped in test-jars (the engine contract, the PostgreSQL test servers) are not main code. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String DOMAIN = "dev.lifeboat.domain..";
    private static final String CLI = "dev.lifeboat.cli..";
    private static final String ADAPTER_PREFIX = "dev.lifeboat.adapter.";
    private static final String ADAPTERS = "dev.lifeboat.adapter..";
    private static final String ARCHIVE = "dev.lifeboat.adapter.archive..";
    private static final String SQLITE = "dev.lifeboat.adapter.sqlite..";
    private static final String POSTGRES = "dev.lifeboat.adapter.postgres..";
    private static final String CONFIG = "dev.lifeboat.adapter.config..";
    private static final String S3 = "dev.lifeboat.adapter.s3..";
    private static final String AGE = "dev.lifeboat.adapter.age..";

    /**
     * The onion: the domain sees no adapter, adapters never see each other. ArchUnit's onion needs each adapter by
     * name, so the names are those of the {@code dev.lifeboat.adapter.X} packages found, plus the command line.
     */
    @ArchTest
    static void hexagon(JavaClasses classes) {
        List<String> adapters = adapterNames(classes);
        assertThat(adapters).as("adapter packages found under " + ADAPTER_PREFIX).isNotEmpty();
        OnionArchitecture onion = onionArchitecture()
                .domainModels("dev.lifeboat.domain.model..", "dev.lifeboat.domain.error..",
                        "dev.lifeboat.domain.policy..", "dev.lifeboat.domain.config..")
                .domainServices("dev.lifeboat.domain.port..", "dev.lifeboat.domain.spi..")
                .applicationServices("dev.lifeboat.domain.service..");
        for (String adapter : adapters) {
            onion = onion.adapter(adapter, ADAPTER_PREFIX + adapter + "..");
        }
        onion.adapter("cli", CLI)
                .because("the domain sees no adapter, and adapters (the command line among them) never see each other")
                .check(classes);
    }

    @ArchTest
    static final ArchRule adapters_never_depend_on_each_other = slices().matching("dev.lifeboat.adapter.(*)..")
            .namingSlices("adapter $1")
            .should().notDependOnEachOther()
            .because("an adapter is replaceable alone; what two adapters share belongs in the domain's ports");

    @ArchTest
    static final ArchRule domain_depends_on_the_jdk_only = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .because("the domain is pure Java: a library or framework type there means a port is missing");

    @ArchTest
    static final ArchRule domain_uses_no_jdbc_and_no_logging = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "java.util.logging..",
                    "java.net.http..");

    @ArchTest
    static final ArchRule the_cli_finds_adapters_at_run_time = noClasses().that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
            .because("adapters are runtime dependencies of the command line, found with ServiceLoader");

    @ArchTest
    static final ArchRule picocli_only_in_the_cli = noClasses().that().resideOutsideOfPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage("picocli..");

    /** An adapter package tree {@code dev.lifeboat.adapter.X} that holds a class implementing the engine port. */
    private static final DescribedPredicate<JavaClass> IN_AN_ENGINE_ADAPTER = new DescribedPredicate<>(
            "reside in an engine adapter (a " + ADAPTER_PREFIX + "X package with a class implementing DatabaseEngine)") {
        @Override
        public boolean test(JavaClass javaClass) {
            return adapterRoot(javaClass.getPackage())
                    .map(root -> root.getClassesInPackageTree().stream()
                            .anyMatch(c -> !c.isInterface() && c.isAssignableTo(DatabaseEngine.class)))
                    .orElse(false);
        }
    };

    @ArchTest
    static final ArchRule jdbc_only_in_engine_adapters = noClasses().that(not(IN_AN_ENGINE_ADAPTER))
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .because("talking to a database is an engine's job; any engine adapter may use JDBC");

    @ArchTest
    static final ArchRule the_sqlite_driver_only_in_the_sqlite_engine = noClasses().that().resideOutsideOfPackage(SQLITE)
            .should().dependOnClassesThat().resideInAPackage("org.sqlite..");

    @ArchTest
    static final ArchRule the_postgres_driver_only_in_the_postgres_engine = noClasses()
            .that().resideOutsideOfPackage(POSTGRES)
            .should().dependOnClassesThat().resideInAPackage("org.postgresql..");

    @ArchTest
    static final ArchRule archive_libraries_only_in_the_archive_module = noClasses().that().resideOutsideOfPackage(ARCHIVE)
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.commons.compress..", "com.github.luben.zstd..");

    @ArchTest
    static final ArchRule jackson_only_in_the_archive_configuration_and_command_line_modules = noClasses()
            .that().resideOutsideOfPackages(ARCHIVE, CONFIG, CLI)
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("JSON and TOML are file and output formats: the archive's manifest, the configuration file and "
                    + "the command line's --json");

    @ArchTest
    static final ArchRule the_aws_sdk_only_in_the_s3_repository = noClasses().that().resideOutsideOfPackage(S3)
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

    @ArchTest
    static final ArchRule jagged_only_in_the_age_adapter = noClasses().that().resideOutsideOfPackage(AGE)
            .should().dependOnClassesThat().resideInAPackage("com.exceptionfactory.jagged..")
            .because("the age format is the encryption adapter's: the domain sees recipients and identity files only");

    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("dev.lifeboat.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_generic_exceptions = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    @ArchTest
    static final ArchRule no_java_util_logging = noClasses()
            .that(not(simpleName("DriverLogging").and(resideInAPackage(CLI))))
            .should(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
            .because("lifeboat reports through return values and errors; DriverLogging only silences a driver's own");

    @ArchTest
    static final ArchRule standard_streams_only_in_the_cli = noClasses().that().resideOutsideOfPackage(CLI)
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("only the command line talks to the user; libraries report through return values and errors");

    @ArchTest
    static final ArchRule each_module_has_one_package_root = classes().should(liveUnderTheirModulesPackageRoot())
            .because("two jars never share a package");

    private static ArchCondition<JavaClass> liveUnderTheirModulesPackageRoot() {
        return new ArchCondition<>("live under their module's package root (backup-adapters-x: dev.lifeboat.adapter.x, "
                + "backup-y: dev.lifeboat.y)") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                String source = javaClass.getSource().map(s -> s.getUri().toString()).orElse("");
                Optional<String> module = LifeboatModules.moduleOf(source);
                if (module.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(javaClass,
                            javaClass.getName() + " comes from no lifeboat module: " + source));
                    return;
                }
                String root = LifeboatModules.packageRoot(module.get());
                boolean inside = javaClass.getPackageName().equals(root)
                        || javaClass.getPackageName().startsWith(root + ".");
                events.add(new SimpleConditionEvent(javaClass, inside, javaClass.getName() + " from " + module.get()
                        + (inside ? " is" : " is not") + " under " + root));
            }
        };
    }

    /** The X of every package {@code dev.lifeboat.adapter.X...} among the classes, sorted. */
    private static List<String> adapterNames(JavaClasses classes) {
        return classes.stream()
                .map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(ADAPTER_PREFIX))
                .map(name -> name.substring(ADAPTER_PREFIX.length()).split("\\.")[0])
                .distinct()
                .sorted()
                .toList();
    }

    /** The package {@code dev.lifeboat.adapter.X} a package lies in, if it lies in an adapter. */
    private static Optional<JavaPackage> adapterRoot(JavaPackage javaPackage) {
        JavaPackage current = javaPackage;
        while (current.getName().startsWith(ADAPTER_PREFIX)) {
            if (current.getName().indexOf('.', ADAPTER_PREFIX.length()) < 0) {
                return Optional.of(current);
            }
            current = current.getParent().orElseThrow();
        }
        return Optional.empty();
    }
}
