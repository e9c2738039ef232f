package dev.lifeboat.cli.command;

import dev.lifeboat.domain.config.Notification;
import dev.lifeboat.domain.model.CompressionSettings;
import dev.lifeboat.domain.model.DatabaseLocation;
import dev.lifeboat.domain.model.IdentityFile;
import dev.lifeboat.domain.model.Recipient;
import dev.lifeboat.domain.policy.RetentionPolicy;
import dev.lifeboat.domain.spi.BackupRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One database to back up, with every setting decided: from the command line, the environment, the configuration
 * file or the defaults.
 *
 * @param name          what the user called it: a configured name or the location as given
 * @param location      where the database is (with its password, when it has one)
 * @param engine        the engine, when named
 * @param label         the archive label
 * @param engineOptions engine options
 * @param repository    where the archive goes
 * @param compression   how parts are compressed
 * @param lockTimeout   how long to wait for the repository
 * @param retention     what to keep after the backup (an empty policy: prune nothing)
 * @param notification  where to send the result, if anywhere
 * @param recipients    the public keys the archive is encrypted to; none for an unencrypted archive
 * @param identity      the identity file that lets --verify read an encrypted archive, when one is given
 */
record BackupTarget(String name, DatabaseLocation location, Optional<String> engine, Optional<String> label,
                    Map<String, String> engineOptions, BackupRepository repository, CompressionSettings compression,
                    Duration lockTimeout, RetentionPolicy retention, Optional<Notification> notification,
                    List<Recipient> recipients, Optional<IdentityFile> identity) {
}
