package dev.lifeboat.domain.port.in;

import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.DatabaseEngine;
import java.util.List;
import java.util.Optional;

/** The database engines this build has, and which one handles a location; never a silent pick among several. */
public interface FindEnginesUseCase {

    /** The engines, sorted by id. */
    List<DatabaseEngine> engines();

    /**
     * The engine for a location: the one named, or else the only one that recognizes it.
     *
     * @throws dev.lifeboat.domain.error.UnavailableException  when no engine can use the location
     * @throws dev.lifeboat.domain.error.InvalidUsageException when several engines recognize it and none was named
     */
    DatabaseEngine forLocation(DatabaseLocation location, Optional<String> engineId);
}
