package dev.lifeboat.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Map;

/**
 * The hexagonal architecture, as executable rules over every lifeboat module's main classes. docs/architecture.md
 * describes the same picture in words. failOnEmptyShould stays on (ArchUnit's default), so a rule that matches no
 * class fails instead of passing while testing nothing.
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
    private static final String ARCHIVE = "dev.lifeboat.adapter.archive..";
    private static final String SQLITE = "dev.lifeboat.adapter.sqlite..";
    private static final String POSTGRES = "dev.lifeboat.adapter.postgres..";
    private static final String CONFIG = "dev.lifeboat.adapter.config..";
    private static final String S3 = "dev.lifeboat.adapter.s3..";
    private static final String AGE = "dev.lifeboat.adapter.age..";

    @ArchTest
    static final ArchRule hexagon = onionArchitecture()
            .domainModels("dev.lifeboat.domain.model..", "dev.lifeboat.domain.error..",
                    "dev.lifeboat.domain.policy..", "dev.lifeboat.domain.config..")
            .domainServices("dev.lifeboat.domain.port..", "dev.lifeboat.domain.spi..")
            .applicationServices("dev.lifeboat.domain.service..")
            .adapter("archive", ARCHIVE)
            .adapter("filesystem", "dev.lifeboat.adapter.filesystem..")
            .adapter("s3", S3)
            .adapter("age", AGE)
            .adapter("sqlite", SQLITE)
            .adapter("postgres", POSTGRES)
            .adapter("config", CONFIG)
            .adapter("cli", CLI)
            .because("the domain sees no adapter, and adapters (the command line among them) never see each other");

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
            .should().dependOnClassesThat().resideInAPackage("dev.lifeboat.adapter..")
            .because("adapters are runtime dependencies of the command line, found with ServiceLoader");

    @ArchTest
    static final ArchRule picocli_only_in_the_cli = noClasses().that().resideOutsideOfPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage("picocli..");

    @ArchTest
    static final ArchRule jdbc_only_in_engine_modules = noClasses().that().resideOutsideOfPackages(SQLITE, POSTGRES)
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..",
                    "org.postgresql..");

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
    static final ArchRule jackson_only_in_the_archive_and_configuration_modules = noClasses()
            .that().resideOutsideOfPackages(ARCHIVE, CONFIG)
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("JSON and TOML are file formats: the archive's manifest and the configuration file");

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
            .that().doNotHaveFullyQualifiedName("dev.lifeboat.cli.DriverLogging")
            .should(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
            .because("lifeboat reports through return values and errors; DriverLogging only silences a driver's own");

    @ArchTest
    static final ArchRule standard_streams_only_in_the_cli = noClasses().that().resideOutsideOfPackage(CLI)
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("only the command line talks to the user; libraries report through return values and errors");

    @ArchTest
    static final ArchRule each_module_has_one_package_root = classes().should(liveUnderTheirModulesPackageRoot())
            .because("two jars never share a package");

    private static final Map<String, String> MODULE_ROOTS = Map.of(
            "backup-domain", "dev.lifeboat.domain",
            "backup-adapters-archive", "dev.lifeboat.adapter.archive",
            "backup-adapters-filesystem", "dev.lifeboat.adapter.filesystem",
            "backup-adapters-s3", "dev.lifeboat.adapter.s3",
            "backup-adapters-age", "dev.lifeboat.adapter.age",
            "backup-adapters-sqlite", "dev.lifeboat.adapter.sqlite",
            "backup-adapters-postgres", "dev.lifeboat.adapter.postgres",
            "backup-adapters-config", "dev.lifeboat.adapter.config",
            "backup-cli", "dev.lifeboat.cli");

    private static ArchCondition<JavaClass> liveUnderTheirModulesPackageRoot() {
        return new ArchCondition<>("live under their module's package root") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                String source = javaClass.getSource().map(s -> s.getUri().toString()).orElse("");
                for (Map.Entry<String, String> module : MODULE_ROOTS.entrySet()) {
                    if (source.contains("/" + module.getKey() + "/") || source.contains("/" + module.getKey() + "-")) {
                        boolean inside = javaClass.getPackageName().equals(module.getValue())
                                || javaClass.getPackageName().startsWith(module.getValue() + ".");
                        events.add(new SimpleConditionEvent(javaClass, inside, javaClass.getName() + " from "
                                + module.getKey() + (inside ? " is" : " is not") + " under " + module.getValue()));
                        return;
                    }
                }
                events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " comes from no known module: " + source));
            }
        };
    }
}
