package dev.lifeboat.it;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Looks for a password everywhere lifeboat could leave it: the command lines of every process on the machine while a
 * run goes on, and every file under a directory, with each archive member decompressed.
 */
final class SecurityPasswordSearch {

    private SecurityPasswordSearch() {
    }

    /** What {@code ps -eo args} showed, sampled again and again while a run was alive. */
    record Samples(int count, List<String> linesWithPassword) {
    }

    /** Samples {@code ps -eo args} until the run ends, and keeps every line that holds the password. */
    static Samples sampleWhileRunning(PostgresStartedRun run, String password) throws Exception {
        int count = 0;
        List<String> found = new ArrayList<>();
        while (run.isAlive()) {
            Process ps = new ProcessBuilder("ps", "-eo", "args").redirectErrorStream(true).start();
            String listing = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ps.waitFor();
            if (run.isAlive()) {
                count++;
            }
            listing.lines().filter(line -> line.contains(password)).forEach(found::add);
        }
        return new Samples(count, found);
    }

    /** The files under a directory, or archive members within them, that hold the password, with where. */
    static List<String> filesHolding(Path directory, String password) throws IOException {
        List<String> holding = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path file : paths.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (holds(bytes, password)) {
                    holding.add(file.toString());
                }
                if (file.getFileName().toString().endsWith(".lifeboat.tar")) {
                    for (Map.Entry<String, byte[]> member : ArchiveSurgery.members(file).entrySet()) {
                        if (holds(decompressed(member.getKey(), member.getValue()), password)) {
                            holding.add(file + " member " + member.getKey());
                        }
                    }
                }
            }
        }
        return holding;
    }

    static boolean holds(byte[] bytes, String password) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(password);
    }

    private static byte[] decompressed(String name, byte[] stored) {
        try (InputStream in = name.endsWith(".zst") ? new ZstdInputStream(new ByteArrayInputStream(stored))
                : name.endsWith(".gz") ? new GZIPInputStream(new ByteArrayInputStream(stored))
                : new ByteArrayInputStream(stored)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
