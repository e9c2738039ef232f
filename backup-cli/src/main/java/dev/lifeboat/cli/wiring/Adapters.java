package dev.lifeboat.cli.wiring;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.port.in.FindEnginesUseCase;
import dev.lifeboat.domain.service.EngineRegistry;
import dev.lifeboat.domain.spi.ArchiveCodec;
import dev.lifeboat.domain.spi.ArchiveEncryption;
import dev.lifeboat.domain.spi.BackupRepositoryProvider;
import dev.lifeboat.domain.spi.ConfigurationReader;
import dev.lifeboat.domain.spi.DatabaseEngine;
import dev.lifeboat.domain.spi.VerificationRecordFormat;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The adapters on the class path and in the plug-in jars, found with {@link ServiceLoader}: the command line never
 * names an adapter class, so a new engine or repository kind is a jar away.
 */
public final class Adapters {

    private final EngineRegistry engines;
    private final ArchiveCodec codec;
    private final List<BackupRepositoryProvider> repositoryProviders;
    private final Optional<ConfigurationReader> configurationReader;
    private final Optional<ArchiveEncryption> encryption;
    private final VerificationRecordFormat verificationRecords;
    private final Plugins plugins;

    private Adapters(EngineRegistry engines, ArchiveCodec codec, List<BackupRepositoryProvider> repositoryProviders,
                     Optional<ConfigurationReader> configurationReader, Optional<ArchiveEncryption> encryption,
                     VerificationRecordFormat verificationRecords, Plugins plugins) {
        this.engines = engines;
        this.codec = codec;
        this.repositoryProviders = repositoryProviders;
        this.configurationReader = configurationReader;
        this.encryption = encryption;
        this.verificationRecords = verificationRecords;
        this.plugins = plugins;
    }

    /** The adapters built in and those the plug-ins add. */
    public static Adapters discover(Plugins plugins) {
        List<DatabaseEngine> engines = plugins.load(DatabaseEngine.class);
        plugins.requireDistinctIds(engines, DatabaseEngine::id, "engine");
        List<BackupRepositoryProvider> repositoryProviders = plugins.load(BackupRepositoryProvider.class);
        plugins.requireDistinctIds(repositoryProviders, BackupRepositoryProvider::id, "repository kind");
        List<ArchiveCodec> codecs = plugins.loadAtMostOne(ArchiveCodec.class, "archive codec");
        if (codecs.size() != 1) {
            throw new IllegalStateException("expected one archive codec on the class path, found " + codecs.size());
        }
        List<ConfigurationReader> readers = plugins.loadAtMostOne(ConfigurationReader.class, "configuration reader");
        if (readers.size() > 1) {
            throw new IllegalStateException("expected at most one configuration reader, found " + readers.size());
        }
        List<ArchiveEncryption> encryptions = plugins.loadAtMostOne(ArchiveEncryption.class, "archive encryption");
        if (encryptions.size() > 1) {
            throw new IllegalStateException("expected at most one archive encryption, found " + encryptions.size());
        }
        List<VerificationRecordFormat> recordFormats = plugins.loadAtMostOne(VerificationRecordFormat.class,
                "verification record format");
        if (recordFormats.size() != 1) {
            throw new IllegalStateException("expected one verification record format on the class path, found "
                    + recordFormats.size());
        }
        return new Adapters(new EngineRegistry(engines), codecs.get(0), repositoryProviders,
                readers.stream().findFirst(), encryptions.stream().findFirst(), recordFormats.get(0), plugins);
    }

    /** The plug-ins the adapters were loaded with, which tell where each came from. */
    public Plugins plugins() {
        return plugins;
    }

    /** The encryption of archives to public keys, when this build has one. */
    public Optional<ArchiveEncryption> encryption() {
        return encryption;
    }

    /** The configuration file format, when this build has one. */
    public Optional<ConfigurationReader> configurationReader() {
        return configurationReader;
    }

    /** The engines, as the commands see them. */
    public FindEnginesUseCase engines() {
        return engines;
    }

    /** The engines, as the services take them. */
    EngineRegistry engineRegistry() {
        return engines;
    }

    public ArchiveCodec codec() {
        return codec;
    }

    /** How the record of a verification is kept beside its archive. */
    public VerificationRecordFormat verificationRecords() {
        return verificationRecords;
    }

    /** Every kind of repository this build can open. */
    public List<BackupRepositoryProvider> repositoryProviders() {
        return repositoryProviders;
    }

    /**
     * The kind of repository that handles a location: exactly one must.
     *
     * @throws InvalidUsageException when none does
     * @throws UnavailableException  when several do (a plug-in claiming the locations of another kind)
     */
    public BackupRepositoryProvider repositoryProvider(String location) {
        List<BackupRepositoryProvider> accepting = repositoryProviders.stream()
                .filter(provider -> provider.accepts(location)).toList();
        if (accepting.isEmpty()) {
            throw new InvalidUsageException("no repository kind handles '" + location + "' (kinds in this lifeboat: "
                    + String.join(", ", repositoryProviders.stream().map(BackupRepositoryProvider::id).toList()) + ")");
        }
        if (accepting.size() > 1) {
            throw new UnavailableException("several repository kinds handle '" + location + "': "
                    + String.join(", ", accepting.stream().map(provider -> provider.id() + " ("
                    + plugins.origin(provider) + ")").toList()) + "; a plug-in's kind must claim locations of its own");
        }
        return accepting.get(0);
    }
}
