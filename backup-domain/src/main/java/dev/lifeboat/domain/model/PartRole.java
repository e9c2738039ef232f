package dev.lifeboat.domain.model;

import java.util.Arrays;
import java.util.Optional;

/** What a part of an archive holds, which tells a restore where it goes. */
public enum PartRole {
    /** A whole database file, such as a SQLite database. */
    DATABASE_FILE("database-file"),
    /** Schema created before the data is loaded: types, tables, functions. */
    PRE_DATA("pre-data"),
    /** The rows of one table. */
    DATA("data"),
    /** Schema created after the data is loaded: indexes, constraints, triggers. */
    POST_DATA("post-data");

    private final String id;

    PartRole(String id) {
        this.id = id;
    }

    /** The name used in the manifest. */
    public String id() {
        return id;
    }

    public static Optional<PartRole> byId(String id) {
        return Arrays.stream(values()).filter(role -> role.id.equals(id)).findFirst();
    }
}
