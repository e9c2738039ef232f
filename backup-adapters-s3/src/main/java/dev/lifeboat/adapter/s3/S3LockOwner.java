package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.HostIdentity;
import java.util.Objects;
import java.util.Optional;

/**
 * A process that takes an S3 repository's lock: this one, or in tests a process of a simulated other host.
 *
 * @param hostId   the id of its host ({@link HostIdentity#id()}): a pid only means something on the host that gave it
 * @param hostName its host's name, for people
 * @param pid      its process id
 */
record S3LockOwner(String hostId, String hostName, long pid) {

    S3LockOwner {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(hostName, "hostName");
    }

    /** This process, on this host as it names itself. */
    static S3LockOwner thisProcess() {
        return thisProcess(Optional.empty());
    }

    /**
     * This process, on this host under the name given, if one is: the {@code host-name} setting, which names both
     * the host and its id where host names are not unique.
     */
    static S3LockOwner thisProcess(Optional<String> hostName) {
        HostIdentity host = hostName.map(S3LockOwner::thisHostAs).orElseGet(HostIdentity::local);
        return new S3LockOwner(host.id(), host.name(), ProcessHandle.current().pid());
    }

    /**
     * This host when it goes by another name (the {@code host-name} setting): that name with this process's pid
     * namespace, so its id is computed as {@link HostIdentity#id()} is.
     */
    static HostIdentity thisHostAs(String hostName) {
        return new HostIdentity(hostName, HostIdentity.local().pidNamespace());
    }
}
