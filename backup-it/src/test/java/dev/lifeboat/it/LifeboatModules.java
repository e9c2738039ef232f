package dev.lifeboat.it;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming convention that ties a lifeboat module to its one package root, so that the architecture rules derive
 * what they need from the module's name and a new module needs no edit to them: {@code backup-domain} is
 * {@code dev.lifeboat.domain}, {@code backup-cli} is {@code dev.lifeboat.cli}, {@code backup-adapters-x} is
 * {@code dev.lifeboat.adapter.x} (hyphens inside the name dropped).
 */
final class LifeboatModules {

    private static final String ADAPTER_MODULE_PREFIX = "backup-adapters-";
    private static final String MODULE_PREFIX = "backup-";
    /** A module's classes in a build: {@code .../backup-cli/target/classes/...}. */
    private static final Pattern MODULE_DIRECTORY = Pattern.compile("/([a-z0-9-]+)/target/(?:test-)?classes/");
    /** A module's jar: {@code .../backup-cli-0.1.0-SNAPSHOT.jar!/...} or its {@code -tests.jar}. */
    private static final Pattern MODULE_JAR = Pattern.compile("/([a-z0-9-]+?)-\\d[^/]*?\\.jar!/");

    private LifeboatModules() {
    }

    /** The package root a module's classes live under, by the naming convention. */
    static String packageRoot(String module) {
        if (module.startsWith(ADAPTER_MODULE_PREFIX)) {
            return "dev.lifeboat.adapter." + module.substring(ADAPTER_MODULE_PREFIX.length()).replace("-", "");
        }
        if (module.startsWith(MODULE_PREFIX)) {
            return "dev.lifeboat." + module.substring(MODULE_PREFIX.length()).replace("-", "");
        }
        throw new IllegalArgumentException(module + " is not named backup-..., so it has no package root");
    }

    /** The module a class or resource was loaded from, by its location (a build directory or a jar). */
    static Optional<String> moduleOf(String location) {
        Matcher jar = MODULE_JAR.matcher(location);
        if (jar.find()) {
            return Optional.of(jar.group(1));
        }
        Matcher directory = MODULE_DIRECTORY.matcher(location);
        return directory.find() ? Optional.of(directory.group(1)) : Optional.empty();
    }

    /** Whether a location is test code (a test-classes directory or a test-jar) rather than a module's main code. */
    static boolean isTestCode(String location) {
        return location.contains("/target/test-classes/") || location.contains("-tests.jar!/");
    }
}
