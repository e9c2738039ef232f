package dev.lifeboat.domain.model;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A machine as the repositories it shares with other machines see it: its host name, shown to a user who finds a
 * repository locked, and a short {@link #id() id} that tells the process ids of this machine from those of another,
 * where the same pid means a different process. Every repository kind computes the id the same way, so a host has
 * one id whichever repository it writes to.
 *
 * @param name         the host name
 * @param pidNamespace the pid namespace its processes are numbered in, as Linux names it ({@code pid:[4026531836]});
 *                     empty where the OS does not tell it
 */
public record HostIdentity(String name, String pidNamespace) {

    public HostIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pidNamespace, "pidNamespace");
    }

    /** This machine as it names itself, and the pid namespace of this process; looked up once per process. */
    public static HostIdentity local() {
        return Local.IDENTITY;
    }

    /**
     * Eight hex digits of the SHA-256 of the name and the pid namespace (a line each). Containers may share a host
     * name yet have their own pid numbering, so the pid namespace counts too where the OS tells it.
     */
    public String id() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((name + "\n" + pidNamespace).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            // every Java runtime has SHA-256 (domain.spi.Sha256 cannot be used: it depends on this package)
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
    }

    /** Looked up on first use only, so that a {@code HostIdentity} built from values never asks the network. */
    private static final class Local {

        /** Linux names the pid namespace of a process here. */
        private static final Path PID_NAMESPACE = Path.of("/proc/self/ns/pid");

        static final HostIdentity IDENTITY = new HostIdentity(lookUpName(), pidNamespace());

        private Local() {
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
}
