package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.model.HostIdentity;

/** This machine's id as lifeboat writes it into the names of its temporary files, for tests that plant such names. */
public final class SecurityHostId {

    private SecurityHostId() {
    }

    public static String value() {
        return HostIdentity.local().id();
    }

    /** How the names of a process's temporary files begin: {@code .lifeboat-tmp-<pid>.<host id>-}. */
    public static String tempPrefix(long pid) {
        return TempFiles.PREFIX + pid + "." + HostIdentity.local().id() + "-";
    }
}
