package dev.lifeboat.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * How the command line is put together: one composition root in {@code dev.lifeboat.cli.wiring} builds the domain's
 * services, and everything else in the command line knows them only as the {@code port.in} use cases. Same classes
 * as {@link ArchitectureTest} (every module's main code, no test-jars); failOnEmptyShould stays on.
 */
@AnalyzeClasses(packages = "dev.lifeboat",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class CommandLineArchitectureTest {

    @ArchTest
    static final ArchRule only_the_wiring_sees_the_services = noClasses()
            .that().resideInAPackage("dev.lifeboat.cli..")
            .and().resideOutsideOfPackage("dev.lifeboat.cli.wiring..")
            .should().dependOnClassesThat().resideInAPackage("dev.lifeboat.domain.service..")
            .because("the commands depend on the port.in use cases; the wiring composes the services behind them");
}
