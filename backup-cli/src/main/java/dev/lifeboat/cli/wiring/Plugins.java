package dev.lifeboat.cli.wiring;

import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.domain.error.UnavailableException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The plug-in jars ({@link PluginPath}) and the one class loader that loads them, with the application's class
 * loader as its parent: adapters are found with {@link ServiceLoader} in the application and in every plug-in jar
 * alike. A plug-in that cannot be loaded is one {@link UnavailableException} naming its jar and what is wrong.
 */
public final class Plugins {

    private final List<Path> jars;
    private final ClassLoader loader;

    private Plugins(List<Path> jars, ClassLoader loader) {
        this.jars = List.copyOf(jars);
        this.loader = loader;
    }

    /** No plug-ins: only the adapters built in. */
    public static Plugins none() {
        return new Plugins(List.of(), Plugins.class.getClassLoader());
    }

    /**
     * The plug-ins of an environment.
     *
     * @throws UnavailableException when the plug-in path names a missing, unsafe or unreadable place
     */
    public static Plugins of(Environment environment) {
        List<Path> jars = new PluginPath(environment).jars();
        if (jars.isEmpty()) {
            return none();
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UnavailableException("plug-in " + jars.get(i) + " cannot be named as a URL: "
                        + e.getMessage(), e);
            }
        }
        return new Plugins(jars, new URLClassLoader("lifeboat-plugins", urls, Plugins.class.getClassLoader()));
    }

    /** The plug-in jars, in the order they are searched after the application. */
    List<Path> jars() {
        return jars;
    }

    /**
     * Every implementation of a service type, built in and from plug-ins.
     *
     * @throws UnavailableException when a plug-in's implementation cannot be loaded or created
     */
    <T> List<T> load(Class<T> type) {
        List<T> found = new ArrayList<>();
        Iterator<ServiceLoader.Provider<T>> providers = ServiceLoader.load(type, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<T> provider;
            try {
                if (!providers.hasNext()) {
                    return found;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                throw PluginFailures.whileFinding(type, e, jars, loader);
            }
            try {
                found.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                throw PluginFailures.whileCreating(jarOf(provider.type()), type, provider.type(), e);
            }
        }
    }

    /**
     * The implementations of a type lifeboat has at most one of (the archive codec, the configuration reader): a
     * plug-in may not bring a second one.
     *
     * @param what the type for people ("archive codec")
     * @throws UnavailableException when a plug-in brings one beside another
     */
    <T> List<T> loadAtMostOne(Class<T> type, String what) {
        List<T> found = load(type);
        if (found.size() > 1) {
            List<Path> from = found.stream().map(adapter -> jarOf(adapter.getClass())).flatMap(Optional::stream)
                    .toList();
            if (!from.isEmpty()) {
                throw new UnavailableException("plug-in " + from.get(from.size() - 1) + " is broken: it brings a"
                        + " second " + what + " (" + type.getSimpleName() + "), and lifeboat has one at most");
            }
        }
        return found;
    }

    /**
     * Refuses two adapters of one kind with the same id when one of them comes from a plug-in: a plug-in adds an
     * engine or a repository kind, it never replaces one silently.
     *
     * @param kind what the adapters are, for the message ("engine")
     */
    <T> void requireDistinctIds(List<T> adapters, Function<T, String> id, String kind) {
        Map<String, T> byId = new HashMap<>();
        for (T adapter : adapters) {
            T earlier = byId.putIfAbsent(id.apply(adapter), adapter);
            if (earlier == null) {
                continue;
            }
            Optional<Path> earlierJar = jarOf(earlier.getClass());
            Optional<Path> laterJar = jarOf(adapter.getClass());
            if (earlierJar.isEmpty() && laterJar.isEmpty()) {
                continue; // two built in: the application's own mistake, reported where they are used
            }
            Path plugin = laterJar.orElseGet(earlierJar::get);
            Optional<Path> other = laterJar.isPresent() ? earlierJar : laterJar;
            throw new UnavailableException("plug-in " + plugin + " is broken: its " + kind + " '" + id.apply(adapter)
                    + "' has the id of the " + other.map(jar -> "one in plug-in " + jar).orElse("built-in one")
                    + "; a plug-in adds " + kind + "s, it cannot replace one");
        }
    }

    /** Where an adapter came from: the plug-in jar, or "built in". */
    public String origin(Object adapter) {
        return jarOf(adapter.getClass()).map(Path::toString).orElse("built in");
    }

    /** The plug-in jar a class was loaded from; empty for a class of the application. */
    public Optional<Path> jarOf(Class<?> type) {
        if (type.getClassLoader() != loader || loader == Plugins.class.getClassLoader()) {
            return Optional.empty();
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("the plug-in class loader loaded " + type.getName() + " from no jar");
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("the plug-in class loader loaded " + type.getName() + " from "
                    + source.getLocation() + ", which is no file", e);
        }
    }
}
