package dev.lifeboat.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.Recognition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineRegistryTest {

    private static final DatabaseLocation LOCATION = DatabaseLocation.of("app.db");

    @Test
    void picks_the_only_engine_that_recognizes_the_location() {
        DatabaseEngine sqlite = engine("sqlite", Recognition.recognized());
        DatabaseEngine postgres = engine("postgresql", Recognition.notRecognized());

        assertThat(new EngineRegistry(List.of(sqlite, postgres)).forLocation(LOCATION, Optional.empty())).isSameAs(sqlite);
    }

    @Test
    void never_picks_silently_between_two() {
        EngineRegistry registry = new EngineRegistry(List.of(engine("a", Recognition.recognized()),
                engine("b", Recognition.recognized())));

        assertThatThrownBy(() -> registry.forLocation(LOCATION, Optional.empty()))
                .isInstanceOf(InvalidUsageException.class).hasMessageContaining("--engine").hasMessageContaining("a, b");
        assertThat(registry.forLocation(LOCATION, Optional.of("B")).id()).isEqualTo("b");
    }

    @Test
    void says_why_a_location_is_unusable() {
        EngineRegistry registry = new EngineRegistry(List.of(engine("sqlite", Recognition.unusable("no such file: app.db")),
                engine("postgresql", Recognition.notRecognized())));

        assertThatThrownBy(() -> registry.forLocation(LOCATION, Optional.empty()))
                .isInstanceOf(UnavailableException.class).hasMessage("no such file: app.db");
    }

    @Test
    void a_location_nobody_recognizes_lists_what_locations_look_like() {
        DatabaseEngine sqlite = engine("sqlite", Recognition.notRecognized());
        when(sqlite.locationExamples()).thenReturn(List.of("sqlite:app.db"));

        assertThatThrownBy(() -> new EngineRegistry(List.of(sqlite)).forLocation(LOCATION, Optional.empty()))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("sqlite:app.db");
    }

    @Test
    void unknown_engines_are_usage_errors_and_unknown_archive_engines_incompatible() {
        EngineRegistry registry = new EngineRegistry(List.of(engine("sqlite", Recognition.recognized())));

        assertThatThrownBy(() -> registry.byId("mysql")).isInstanceOf(InvalidUsageException.class)
                .hasMessageContaining("available: sqlite");
        assertThatThrownBy(() -> registry.forArchive(Fixtures.manifestOfEngine("mysql")))
                .isInstanceOf(IncompatibleException.class);
    }

    @Test
    void two_engines_with_one_id_are_a_packaging_bug() {
        assertThatThrownBy(() -> new EngineRegistry(List.of(engine("sqlite", Recognition.recognized()),
                engine("sqlite", Recognition.recognized())))).isInstanceOf(IllegalStateException.class);
    }

    private static DatabaseEngine engine(String id, Recognition recognition) {
        DatabaseEngine engine = mock(DatabaseEngine.class);
        when(engine.id()).thenReturn(id);
        when(engine.recognize(any())).thenReturn(recognition);
        return engine;
    }
}
