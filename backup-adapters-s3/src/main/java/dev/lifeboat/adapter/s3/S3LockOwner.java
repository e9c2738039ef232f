package dev.lifeboat.adapter.s3;

import java.util.Objects;

/**
 * A process that takes an S3 repository's lock: this one, or in tests a process of a simulated other host.
 *
 * @param hostId   the id of its host ({@link LocalHost#id()}): a pid only means something on the host that gave it
 * @param hostName its host's name, for people
 * @param pid      its process id
 */
record S3LockOwner(String hostId, String hostName, long pid) {

    S3LockOwner {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(hostName, "hostName");
    }

    static S3LockOwner thisProcess() {
        return new S3LockOwner(LocalHost.id(), LocalHost.name(), ProcessHandle.current().pid());
    }
}
