package dev.lifeboat.domain.service;

import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.Manifest;
import dev.lifeboat.domain.port.in.FindEnginesUseCase;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.Recognition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The engines available, and which one handles a location. No match is an error and two matches are an error:
 * the registry never picks silently.
 */
public final class EngineRegistry implements FindEnginesUseCase {

    private final List<DatabaseEngine> engines;

    public EngineRegistry(List<DatabaseEngine> engines) {
        List<DatabaseEngine> sorted = new ArrayList<>(engines);
        sorted.sort(Comparator.comparing(DatabaseEngine::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
                throw new IllegalStateException("two engines share the id '" + sorted.get(i).id() + "': "
                        + sorted.get(i - 1).getClass().getName() + " and " + sorted.get(i).getClass().getName());
            }
        }
        this.engines = List.copyOf(sorted);
    }

    /** The engines, sorted by id. */
    @Override
    public List<DatabaseEngine> engines() {
        return engines;
    }

    public DatabaseEngine byId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return engines.stream().filter(engine -> engine.id().equals(wanted)).findFirst()
                .orElseThrow(() -> new InvalidUsageException("unknown engine '" + id + "'; available: " + ids()));
    }

    /**
     * The engine that wrote an archive, which is the one that restores it.
     *
     * @throws IncompatibleException when this build has no such engine
     */
    public DatabaseEngine forArchive(Manifest manifest) {
        String wanted = manifest.engineId();
        return engines.stream().filter(engine -> engine.id().equals(wanted)).findFirst()
                .orElseThrow(() -> new IncompatibleException("the archive was written by the engine '" + wanted
                        + "', which this lifeboat does not have (available: " + ids() + ")"));
    }

    /**
     * The engine for a location: the one named, or else the only one that recognizes it.
     *
     * @throws UnavailableException  when no engine can use the location, with each engine's reason
     * @throws InvalidUsageException when several engines recognize it and none was named
     */
    @Override
    public DatabaseEngine forLocation(DatabaseLocation location, Optional<String> engineId) {
        if (engineId.isPresent()) {
            return byId(engineId.get());
        }
        List<DatabaseEngine> recognizing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (DatabaseEngine engine : engines) {
            Recognition recognition = engine.recognize(location);
            if (recognition instanceof Recognition.Recognized) {
                recognizing.add(engine);
            } else if (recognition instanceof Recognition.Unusable unusable) {
                problems.add(unusable.problem());
            }
        }
        if (recognizing.size() == 1) {
            return recognizing.get(0);
        }
        if (recognizing.size() > 1) {
            throw new InvalidUsageException("several engines accept '" + location + "' ("
                    + recognizing.stream().map(DatabaseEngine::id).collect(Collectors.joining(", "))
                    + "): choose one with --engine");
        }
        if (!problems.isEmpty()) {
            throw new UnavailableException(String.join("; ", problems));
        }
        throw new UnavailableException("no engine recognizes '" + location + "'; locations look like: "
                + engines.stream().flatMap(engine -> engine.locationExamples().stream())
                        .collect(Collectors.joining(", ")));
    }

    private String ids() {
        return engines.stream().map(DatabaseEngine::id).collect(Collectors.joining(", "));
    }
}
