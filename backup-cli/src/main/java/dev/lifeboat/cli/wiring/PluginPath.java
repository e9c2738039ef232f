package dev.lifeboat.cli.wiring;

import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.cli.settings.ConfigurationFinder;
import dev.lifeboat.domain.error.UnavailableException;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * Where the plug-in jars are: {@code $LIFEBOAT_PLUGIN_PATH}, a list of directories and jars separated by the
 * platform's path separator ({@code :}), else the directory {@code plugins} in the user's lifeboat configuration
 * directory ({@code $XDG_CONFIG_HOME/lifeboat/plugins}, by default {@code ~/.config/lifeboat/plugins}). Every
 * {@code *.jar} directly in a directory is a plug-in jar; a plug-in brings its own dependencies as further jars there.
 *
 * <p>A place named by the variable must exist; the default directory is used only when it is there. A plug-in is code
 * lifeboat runs, so, as ssh does with its keys, a directory or jar that others than its owner may write is refused;
 * so is a jar that cannot be read as one.
 */
final class PluginPath {

    static final String VARIABLE = "LIFEBOAT_PLUGIN_PATH";

    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private final Environment environment;

    PluginPath(Environment environment) {
        this.environment = environment;
    }

    /**
     * The plug-in jars, in the order the path names them (a directory's jars by name); empty when there are none.
     *
     * @throws UnavailableException when a named place is missing, or a directory or jar is writable by others or
     *                              is not a readable jar
     */
    List<Path> jars() {
        List<Path> jars = new ArrayList<>();
        Optional<String> named = environment.variable(VARIABLE);
        if (named.isPresent()) {
            for (String entry : named.get().split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path place = environment.workingDirectory().resolve(entry.strip()).normalize();
                if (!Files.exists(place)) {
                    throw new UnavailableException("no plug-in directory or jar at " + place + " (named by " + VARIABLE
                            + ")");
                }
                jars.addAll(Files.isDirectory(place) ? jarsIn(place) : List.of(checkedJar(place)));
            }
        } else {
            Optional<Path> directory = defaultDirectory().filter(Files::isDirectory);
            if (directory.isPresent()) {
                jars.addAll(jarsIn(directory.get()));
            }
        }
        return jars;
    }

    /** The directory used when {@code $LIFEBOAT_PLUGIN_PATH} is not set, whether or not it exists. */
    Optional<Path> defaultDirectory() {
        return ConfigurationFinder.userDirectory(environment)
                .map(directory -> environment.workingDirectory().resolve(directory).resolve("plugins").normalize());
    }

    private List<Path> jarsIn(Path directory) {
        refuseIfWritableByOthers(directory, "plug-in directory");
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.jar")) {
            entries.forEach(jars::add);
        } catch (IOException e) {
            throw new UnavailableException("cannot read the plug-in directory " + directory + ": " + e.getMessage(), e);
        }
        jars.sort(null);
        return jars.stream().map(this::checkedJar).toList();
    }

    private Path checkedJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new UnavailableException("plug-in " + jar + " is neither a directory nor a jar file");
        }
        refuseIfWritableByOthers(jar, "plug-in");
        try (JarFile ignored = new JarFile(jar.toFile())) {
            return jar;
        } catch (IOException | SecurityException e) {
            throw new UnavailableException("plug-in " + jar + " cannot be read as a jar: " + e.getMessage(), e);
        }
    }

    private static void refuseIfWritableByOthers(Path place, String what) {
        PosixFileAttributeView view = Files.getFileAttributeView(place, PosixFileAttributeView.class);
        if (view == null) {
            return; // a file system without POSIX permissions (Windows) has its own access control lists
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new UnavailableException("cannot read the permissions of the " + what + " " + place + ": "
                    + e.getMessage(), e);
        }
        if (permissions.stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
            throw new UnavailableException("refusing the " + what + " " + place + ": others than its owner may write "
                    + "it, and a plug-in is code lifeboat runs (chmod go-w " + place + ")");
        }
    }
}
