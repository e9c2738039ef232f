package dev.lifeboat.cli.wiring;

import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.domain.error.UnavailableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What is wrong with a plug-in that cannot be loaded, as one line naming its jar: the service loader's errors say
 * which class failed, rarely which jar, and in the words of reflection.
 */
final class PluginFailures {

    private PluginFailures() {
    }

    /**
     * A failure while finding the implementations of a type, before any of them is created: a service file naming a
     * class that is missing, not an implementation, or needing a class no jar has. The jar is the one whose listed
     * class fails to load; when none does (a malformed service file), every plug-in jar that lists the type.
     */
    static UnavailableException whileFinding(Class<?> type, Throwable failure, List<Path> jars, ClassLoader loader) {
        List<Path> listing = new ArrayList<>();
        for (Path jar : jars) {
            for (String name : listedProviders(jar, type)) {
                try {
                    Class<?> provider = Class.forName(name, false, loader);
                    if (!type.isAssignableFrom(provider)) {
                        return new UnavailableException("plug-in " + jar + " is broken: it lists " + name + " as a "
                                + type.getSimpleName() + ", which it does not implement", failure);
                    }
                    if (!creatable(provider)) {
                        return new UnavailableException("plug-in " + jar + " is broken: its " + type.getSimpleName()
                                + " " + name + " needs to be a public, not abstract class with a public constructor"
                                + " without arguments, for the service loader to create it", failure);
                    }
                } catch (ClassNotFoundException e) {
                    return new UnavailableException("plug-in " + jar + " is broken: it lists the "
                            + type.getSimpleName() + " " + name + ", a class that is in no jar", failure);
                } catch (LinkageError e) {
                    return new UnavailableException("plug-in " + jar + " is broken: its " + type.getSimpleName() + " "
                            + name + " cannot be loaded: " + reason(e), failure);
                }
            }
            if (!listedProviders(jar, type).isEmpty()) {
                listing.add(jar);
            }
        }
        String which = listing.isEmpty() ? "a plug-in" : listing.size() == 1 ? "plug-in " + listing.get(0)
                : "one of the plug-ins " + listing;
        return new UnavailableException(which + " is broken: " + reason(failure), failure);
    }

    private static boolean creatable(Class<?> provider) {
        if (!Modifier.isPublic(provider.getModifiers()) || Modifier.isAbstract(provider.getModifiers())) {
            return false;
        }
        try {
            return Modifier.isPublic(provider.getConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static List<String> listedProviders(Path jar, Class<?> type) {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry("META-INF/services/" + type.getName());
            if (entry == null) {
                return List.of();
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(file.getInputStream(entry),
                    StandardCharsets.UTF_8))) {
                return lines.lines().map(line -> line.replaceFirst("#.*", "").strip())
                        .filter(line -> !line.isEmpty()).toList();
            }
        } catch (IOException e) {
            return List.of(); // read as a jar a moment ago; the failure being explained is reported all the same
        }
    }

    /** A failure of a found implementation's constructor, or of the service loader creating it. */
    static UnavailableException whileCreating(Optional<Path> jar, Class<?> type, Class<?> provider, Throwable failure) {
        return new UnavailableException(jar.map(path -> "plug-in " + path).orElse("a built-in adapter")
                + " is broken: its " + type.getSimpleName() + " " + provider.getName() + " cannot be created: "
                + reason(failure), failure);
    }

    /**
     * What went wrong, in one line: the innermost cause's message, which says it best, except where the innermost
     * cause is reflection's (an abstract class, no public no-argument constructor): then the service loader's own.
     */
    private static String reason(Throwable failure) {
        String serviceLoaderSays = null;
        Throwable root = failure;
        while (true) {
            if (root instanceof NoClassDefFoundError missing) {
                return "it needs the class " + String.valueOf(missing.getMessage()).replace('/', '.')
                        + ", which is in no jar (put the plug-in's dependencies beside it)";
            }
            if (root instanceof ServiceConfigurationError && root.getMessage() != null) {
                serviceLoaderSays = root.getMessage().replaceFirst("^[\\w.$]+: ", "");
            }
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        String message = root.getMessage();
        boolean reflection = root instanceof ReflectiveOperationException
                && !(root instanceof InvocationTargetException);
        if (serviceLoaderSays != null && (root instanceof ServiceConfigurationError || reflection || message == null
                || message.isBlank())) {
            return serviceLoaderSays;
        }
        if (message == null || message.isBlank()) {
            return "it failed without saying why (run with --verbose for the stack trace)";
        }
        return message.lines().findFirst().orElse(message);
    }
}
