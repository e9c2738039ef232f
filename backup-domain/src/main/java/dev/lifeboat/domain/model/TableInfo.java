package dev.lifeboat.domain.model;

import java.util.Objects;

/**
 * A table as an engine describes it.
 *
 * @param name the table's name, qualified by its schema where the engine has schemas
 * @param rows the number of rows
 */
public record TableInfo(String name, long rows) {

    public TableInfo {
        Objects.requireNonNull(name, "name");
    }
}
