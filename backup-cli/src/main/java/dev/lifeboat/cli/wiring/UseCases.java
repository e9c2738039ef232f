package dev.lifeboat.cli.wiring;

import dev.lifeboat.domain.model.IdentityFile;
import dev.lifeboat.domain.port.in.BackupHistoryUseCase;
import dev.lifeboat.domain.port.in.CheckBackupsUseCase;
import dev.lifeboat.domain.port.in.CopyBackupsUseCase;
import dev.lifeboat.domain.port.in.CreateBackupUseCase;
import dev.lifeboat.domain.port.in.ExportBackupUseCase;
import dev.lifeboat.domain.port.in.FindEnginesUseCase;
import dev.lifeboat.domain.port.in.InspectBackupUseCase;
import dev.lifeboat.domain.port.in.LastVerificationUseCase;
import dev.lifeboat.domain.port.in.ListBackupsUseCase;
import dev.lifeboat.domain.port.in.PruneBackupsUseCase;
import dev.lifeboat.domain.port.in.RestoreBackupUseCase;
import dev.lifeboat.domain.port.in.VerifyAllBackupsUseCase;
import dev.lifeboat.domain.port.in.VerifyBackupUseCase;
import dev.lifeboat.domain.service.ArchiveKeys;
import dev.lifeboat.domain.service.BackupHistoryService;
import dev.lifeboat.domain.service.CheckBackupsService;
import dev.lifeboat.domain.service.CopyBackupsService;
import dev.lifeboat.domain.service.CreateBackupService;
import dev.lifeboat.domain.service.ExportBackupService;
import dev.lifeboat.domain.service.InspectBackupService;
import dev.lifeboat.domain.service.ListBackupsService;
import dev.lifeboat.domain.service.PruneBackupsService;
import dev.lifeboat.domain.service.RestoreBackupService;
import dev.lifeboat.domain.service.VerificationRecords;
import dev.lifeboat.domain.service.VerifyBackupService;
import dev.lifeboat.domain.spi.BackupRepository;
import java.time.Clock;
import java.util.Optional;

/**
 * The composition root: builds the domain's services from the adapters found at run time and hands them out as the
 * {@code port.in} use cases, so that the commands know the use cases and never a service. A service works on the
 * repositories it is given, hence one method per use case that takes them; the identity file, when the user gave
 * one, lets a use case read encrypted archives.
 */
public final class UseCases {

    private final Adapters adapters;
    private final Clock clock;
    private final String toolVersion;

    /**
     * @param clock       what backups are dated and ages measured by
     * @param toolVersion the version written into archives and verification records
     */
    public UseCases(Adapters adapters, Clock clock, String toolVersion) {
        this.adapters = adapters;
        this.clock = clock;
        this.toolVersion = toolVersion;
    }

    /** The engines of this build, and which one handles a location. */
    public FindEnginesUseCase engines() {
        return adapters.engines();
    }

    public CreateBackupUseCase createBackup(BackupRepository repository, Optional<IdentityFile> identity) {
        return new CreateBackupService(adapters.engineRegistry(), adapters.codec(), repository, clock, toolVersion,
                keys(identity), adapters.verificationRecords());
    }

    public PruneBackupsUseCase pruneBackups(BackupRepository repository) {
        return new PruneBackupsService(adapters.codec(), repository, records(repository));
    }

    public ListBackupsUseCase listBackups(BackupRepository repository) {
        return new ListBackupsService(adapters.codec(), repository, records(repository));
    }

    public InspectBackupUseCase inspectBackup(BackupRepository repository, Optional<IdentityFile> identity) {
        return new InspectBackupService(adapters.codec(), repository, keys(identity));
    }

    /** @param scratch where a deep verification restores its scratch copy */
    public VerifyBackupUseCase verifyBackup(BackupRepository repository, BackupRepository scratch,
                                            Optional<IdentityFile> identity) {
        return verifyService(repository, scratch, identity);
    }

    public VerifyAllBackupsUseCase verifyAllBackups(BackupRepository repository, Optional<IdentityFile> identity) {
        return verifyService(repository, repository, identity);
    }

    public CheckBackupsUseCase checkBackups(BackupRepository repository) {
        return new CheckBackupsService(adapters.codec(), repository, records(repository), clock);
    }

    /** The verification records of a repository: written by verify, read by list, inspect, check and report. */
    public LastVerificationUseCase lastVerification(BackupRepository repository) {
        return records(repository);
    }

    public BackupHistoryUseCase backupHistory(BackupRepository repository) {
        return new BackupHistoryService(adapters.codec(), repository, records(repository), clock);
    }

    /** @param scratch where the archive is restored before it is exported */
    public ExportBackupUseCase exportBackup(BackupRepository repository, BackupRepository scratch,
                                            Optional<IdentityFile> identity) {
        return new ExportBackupService(adapters.engineRegistry(), adapters.codec(), repository, scratch,
                keys(identity));
    }

    /** @param safety where the backup of the data a restore replaces goes */
    public RestoreBackupUseCase restoreBackup(BackupRepository repository, BackupRepository safety,
                                              Optional<IdentityFile> identity) {
        return new RestoreBackupService(adapters.engineRegistry(), adapters.codec(), repository, safety, clock,
                toolVersion, keys(identity));
    }

    public CopyBackupsUseCase copyBackups(BackupRepository source, BackupRepository target) {
        return new CopyBackupsService(adapters.codec(), source, target, records(source));
    }

    private VerifyBackupService verifyService(BackupRepository repository, BackupRepository scratch,
                                              Optional<IdentityFile> identity) {
        return new VerifyBackupService(adapters.engineRegistry(), adapters.codec(), repository, scratch,
                keys(identity), records(repository), clock);
    }

    private VerificationRecords records(BackupRepository repository) {
        return new VerificationRecords(repository, adapters.verificationRecords(), clock, toolVersion);
    }

    private ArchiveKeys keys(Optional<IdentityFile> identity) {
        return new ArchiveKeys(adapters.encryption(), identity);
    }
}
