package dev.lifeboat.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * SQLite's and zstd's native libraries taken out of the shaded jar once, into a private directory, with the system
 * properties that point the two libraries at them, as the {@code lifeboat} launcher does once per build. Only for
 * glibc Linux on x86_64 and aarch64, the platforms the launcher maps too; elsewhere the libraries extract their own.
 */
final class NativeLibraries {

    private NativeLibraries() {
    }

    /** The properties for the JVM's command line; empty where the platform has no mapping here. */
    static List<String> extract(Path jar, Path directory) {
        Optional<String> architecture = architecture();
        if (architecture.isEmpty()) {
            return List.of();
        }
        String zstdArchitecture = architecture.get().equals("x86_64") ? "amd64" : architecture.get();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Optional<? extends ZipEntry> sqlite = Optional.ofNullable(
                    zip.getEntry("org/sqlite/native/Linux/" + architecture.get() + "/libsqlitejdbc.so"));
            Optional<? extends ZipEntry> zstd = zip.stream().filter(entry -> entry.getName().startsWith(
                    "linux/" + zstdArchitecture + "/libzstd-jni-") && entry.getName().endsWith(".so")).findFirst();
            if (sqlite.isEmpty() || zstd.isEmpty()) {
                return List.of();
            }
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path sqliteLibrary = copy(zip, sqlite.get(), directory);
            Path zstdLibrary = copy(zip, zstd.get(), directory);
            return List.of("-Dorg.sqlite.lib.path=" + directory, "-Dorg.sqlite.lib.name=" + sqliteLibrary.getFileName(),
                    "-Dorg.sqlite.tmpdir=" + directory, "-DZstdNativePath=" + zstdLibrary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the native libraries of " + jar, e);
        }
    }

    private static Optional<String> architecture() {
        boolean glibcLinux = System.getProperty("os.name").equals("Linux")
                && !Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"))
                && !Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
        return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> glibcLinux ? Optional.of("x86_64") : Optional.empty();
            case "aarch64" -> glibcLinux ? Optional.of("aarch64") : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Path copy(ZipFile zip, ZipEntry entry, Path directory) throws IOException {
        Path target = directory.resolve(Path.of(entry.getName()).getFileName().toString());
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target);
        }
        return target;
    }
}
