package dev.lifeboat.adapter.filesystem;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of this machine, shown to a user who finds a repository locked. */
final class LocalHost {

    private static final String NAME = lookUp();

    private LocalHost() {
    }

    static String name() {
        return NAME;
    }

    private static String lookUp() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // a host without a resolvable name still runs backups; the pid and start time identify the holder
            return "unknown-host";
        }
    }
}
