package dev.lifeboat.domain.port.in;

/** Removes the backups a retention policy does not keep. */
public interface PruneBackupsUseCase {

    PruneReport prune(PruneCommand command);
}
