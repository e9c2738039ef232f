package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.fingerprint.Sha256;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine: its name, shown to a user who finds a repository locked, and a short id that tells its process ids
 * from those of another machine sharing the bucket.
 *
 * <p>The same computation as the filesystem adapter's {@code LocalHost}, so both adapters give a host the same id. It
 * is a copy because two adapters never see each other; it belongs in the domain (a {@code model.Host}) once a third
 * user appears.
 */
final class LocalHost {

    /** Linux names the pid namespace of a process here, as {@code pid:[4026531836]}. */
    private static final Path PID_NAMESPACE = Path.of("/proc/self/ns/pid");

    private static final String THIS_PID_NAMESPACE = pidNamespace();
    private static final String NAME = lookUpName();
    private static final String ID = idOf(NAME, THIS_PID_NAMESPACE);

    private LocalHost() {
    }

    static String name() {
        return NAME;
    }

    /**
     * Eight hex digits that tell the process ids of this machine from those of another sharing the repository, where
     * the same pid means a different process. Containers may share a host name yet have their own pid numbering, so
     * the pid namespace counts too where the OS tells it.
     */
    static String id() {
        return ID;
    }

    /**
     * The id this machine has when it goes by another name (the {@code host-name} setting): as {@link #id()}, from
     * that name and this process's pid namespace.
     */
    static String idAs(String hostName) {
        return idOf(hostName, THIS_PID_NAMESPACE);
    }

    static String idOf(String hostName, String pidNamespace) {
        return Sha256.hex(hostName + "\n" + pidNamespace).substring(0, 8);
    }

    private static String lookUpName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // a host without a resolvable name still runs backups; the pid and start time identify the holder
            return "unknown-host";
        }
    }

    private static String pidNamespace() {
        try {
            return Files.readSymbolicLink(PID_NAMESPACE).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux: the host name alone tells machines apart
            return "";
        }
    }
}
