package dev.lifeboat.cli.settings;

import dev.lifeboat.cli.output.Environment;
import java.util.Optional;

/**
 * Variables as a script that sourced its {@code .env} files would see them: the environment first, then
 * {@code .env.local}, then {@code .env} in the working directory, each value with where it came from.
 */
public final class SettingVariables {

    static final String ENVIRONMENT = "environment";

    private final Environment environment;
    private DotEnv files;

    public SettingVariables(Environment environment) {
        this.environment = environment;
    }

    /**
     * A variable's value and origin.
     *
     * @param origin {@value #ENVIRONMENT}, or a file and line such as {@code .env:3}
     */
    public record Sourced(String value, String origin) {
    }

    public Optional<Sourced> get(String name) {
        Optional<String> set = environment.variable(name);
        if (set.isPresent()) {
            return Optional.of(new Sourced(set.get(), ENVIRONMENT));
        }
        if (files == null) {
            files = DotEnv.in(environment.workingDirectory());
        }
        return files.get(name).map(entry -> new Sourced(entry.value(), entry.origin()));
    }
}
