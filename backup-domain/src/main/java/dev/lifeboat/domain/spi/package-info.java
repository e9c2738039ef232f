/**
 * The service provider interface of lifeboat: everything a module implements to add a database engine, a kind of
 * repository, an archive format, an encryption or a configuration format, and nothing else. Every type in this
 * package is API; the domain's services ({@code dev.lifeboat.domain.service}) use these ports and never see an
 * implementation. Implementations are found at run time with {@link java.util.ServiceLoader}: a module lists its
 * class in {@code META-INF/services/<the interface's full name>} and gives it a public no-argument constructor, and
 * the command line (or a program using the library) picks it up from the class path or the plug-in directory.
 * docs/adding-an-engine.md walks through an engine step by step; docs/library.md shows the dependency lines.
 *
 * <h2>An engine author implements</h2>
 * <ul>
 *   <li>{@link dev.lifeboat.domain.spi.DatabaseEngine}: recognizes its locations, summarizes and describes a
 *       database, backs it up, restores it (for real, and into scratch space for a deep verification), computes its
 *       fingerprint, and optionally writes a plain SQL script ({@link dev.lifeboat.domain.spi.SqlExport}).</li>
 *   <li>Its jobs arrive as records: {@link dev.lifeboat.domain.spi.BackupJob},
 *       {@link dev.lifeboat.domain.spi.RestoreJob}, {@link dev.lifeboat.domain.spi.ScratchRestoreJob},
 *       {@link dev.lifeboat.domain.spi.SqlExportJob}; it answers with
 *       {@link dev.lifeboat.domain.spi.Recognition}, {@link dev.lifeboat.domain.spi.DatabaseSummary},
 *       {@link dev.lifeboat.domain.spi.EngineBackup}, {@link dev.lifeboat.domain.spi.TargetState} and
 *       {@link dev.lifeboat.domain.spi.RestoreOutcome}.</li>
 *   <li>It writes a backup as named parts of raw bytes to a {@link dev.lifeboat.domain.spi.PartSink} and reads them
 *       back from a {@link dev.lifeboat.domain.spi.PartSource}, which checks every part's size and SHA-256 as it is
 *       read; tar, compression, encryption and checksums are never the engine's business. It reports how far it has
 *       come to {@link dev.lifeboat.domain.spi.Progress} and keeps temporary files in
 *       {@link dev.lifeboat.domain.spi.ScratchSpace}.</li>
 *   <li>The fingerprint helpers make a fingerprint comparable across engines and independent of row order:
 *       {@link dev.lifeboat.domain.spi.CanonicalRow} encodes a row's values, {@link dev.lifeboat.domain.spi.RowHashSum}
 *       sums the rows' hashes into a table's {@link dev.lifeboat.domain.model.TableFingerprint}, and
 *       {@link dev.lifeboat.domain.spi.Sha256} hashes what else the fingerprint covers (the schema).</li>
 * </ul>
 *
 * <h2>A repository author implements</h2>
 * <ul>
 *   <li>{@link dev.lifeboat.domain.spi.BackupRepositoryProvider}: accepts locations of its kind and opens a
 *       {@link dev.lifeboat.domain.spi.BackupRepository}, with the settings it declares
 *       ({@link dev.lifeboat.domain.model.RepositorySetting}).</li>
 *   <li>The repository hands out a {@link dev.lifeboat.domain.spi.RepositoryLock}, writes a
 *       {@link dev.lifeboat.domain.spi.NewArchive} that is invisible until committed, lists and finds
 *       {@link dev.lifeboat.domain.spi.StoredArchive}s, keeps verification records beside them, and gives scratch
 *       space on its own file system.</li>
 * </ul>
 *
 * <h2>The other ports</h2>
 * <ul>
 *   <li>{@link dev.lifeboat.domain.spi.ArchiveCodec}, with its {@link dev.lifeboat.domain.spi.ArchiveWriter} and
 *       {@link dev.lifeboat.domain.spi.ArchiveReader}: the archive format (docs/archive-format.md).</li>
 *   <li>{@link dev.lifeboat.domain.spi.ArchiveEncryption}: whole archives encrypted to public keys.</li>
 *   <li>{@link dev.lifeboat.domain.spi.ConfigurationReader}: the configuration file, read into
 *       {@link dev.lifeboat.domain.config.Configuration}.</li>
 *   <li>{@link dev.lifeboat.domain.spi.VerificationRecordFormat}: the record of an archive's last verification, as
 *       a document kept beside it.</li>
 * </ul>
 *
 * <h2>Types from other packages that belong to the SPI</h2>
 * The signatures here use these, and an implementation may use them freely; the rest of the domain (services,
 * policies, {@code port.in}) is for the command line and for programs using the library, not for implementations.
 * <ul>
 *   <li>From {@code dev.lifeboat.domain.model}: {@link dev.lifeboat.domain.model.DatabaseLocation},
 *       {@link dev.lifeboat.domain.model.DatabaseDescription} (with {@code TableInfo} and {@code SchemaVersion}),
 *       {@link dev.lifeboat.domain.model.Fingerprint}, {@link dev.lifeboat.domain.model.TableFingerprint},
 *       {@link dev.lifeboat.domain.model.Manifest} (with {@code SourceInfo}), {@link dev.lifeboat.domain.model.PartInfo},
 *       {@link dev.lifeboat.domain.model.PartRole}, {@link dev.lifeboat.domain.model.PartNames},
 *       {@link dev.lifeboat.domain.model.VerificationCheck}, {@link dev.lifeboat.domain.model.CompressionSettings},
 *       {@link dev.lifeboat.domain.model.BackupName}, {@link dev.lifeboat.domain.model.ArchiveInfo},
 *       {@link dev.lifeboat.domain.model.LockHolder}, {@link dev.lifeboat.domain.model.RepositorySetting},
 *       {@link dev.lifeboat.domain.model.RepositorySettings}, {@link dev.lifeboat.domain.model.Recipient},
 *       {@link dev.lifeboat.domain.model.IdentityFile}, {@link dev.lifeboat.domain.model.VerificationRecord}.</li>
 *   <li>From {@code dev.lifeboat.domain.error}: {@link dev.lifeboat.domain.error.LifeboatException} and its
 *       subtypes, each one exit status ({@link dev.lifeboat.domain.error.ExitStatus}).</li>
 *   <li>From {@code dev.lifeboat.domain.config}: {@link dev.lifeboat.domain.config.Configuration} and the records
 *       it holds, for a configuration reader only.</li>
 * </ul>
 *
 * <h2>The rules every implementation keeps</h2>
 * <ul>
 *   <li><b>Exceptions are exit codes.</b> A failure the user can act on is thrown as a subtype of
 *       {@link dev.lifeboat.domain.error.LifeboatException}, whose class is the exit status:
 *       {@link dev.lifeboat.domain.error.InvalidUsageException} (2, the user's input),
 *       {@link dev.lifeboat.domain.error.UnavailableException} (3, unreachable, unreadable, not authenticated),
 *       {@link dev.lifeboat.domain.error.LockedException} (4), {@link dev.lifeboat.domain.error.InsufficientSpaceException}
 *       (5), {@link dev.lifeboat.domain.error.VerificationFailedException} (6, damaged or not matching),
 *       {@link dev.lifeboat.domain.error.RefusedException} (7), {@link dev.lifeboat.domain.error.IncompatibleException}
 *       (8). Its message is one line that says what failed and what to do, and never holds a secret (a password, a
 *       key, an identity). A library's own exception (SQLException, IOException) never escapes: it is translated,
 *       and anything else that escapes is a bug (exit 1).</li>
 *   <li><b>Thread safety</b> is stated on each type: {@link dev.lifeboat.domain.spi.PartSink#open} and
 *       {@link dev.lifeboat.domain.spi.PartSource#open} may be called from several threads, so may
 *       {@link dev.lifeboat.domain.spi.ScratchSpace#newFile} and {@link dev.lifeboat.domain.spi.Progress};
 *       {@link dev.lifeboat.domain.spi.CanonicalRow} and {@link dev.lifeboat.domain.spi.RowHashSum} are one per
 *       worker. An engine, a provider or a codec keeps no state between calls: one instance, found once, serves
 *       every database and every archive of a run.</li>
 *   <li><b>Nothing left behind.</b> A failed or interrupted operation removes what it created (temporary files,
 *       scratch databases, half-written archives) and leaves a restore's target exactly as it was; what a crash
 *       leaves is recognizable and removed by a later run ({@link dev.lifeboat.domain.spi.BackupRepository#removeLeftovers}).
 *       Files are created readable by their owner only.</li>
 *   <li><b>Memory stays flat.</b> Archives, parts and tables are streamed, never held whole.</li>
 *   <li><b>No null</b> is passed or returned: absence is an empty {@link java.util.Optional} or collection.</li>
 * </ul>
 *
 * <h2>Contract tests</h2>
 * backup-domain's test-jar ({@code <type>test-jar</type>}, package {@code dev.lifeboat.domain.contract}) holds the
 * tests that hold every implementation to these promises; a module extends the one for what it implements and
 * supplies a few factory methods: {@code DatabaseEngineContract} for an engine, {@code BackupRepositoryContract} for
 * a repository, {@code ArchiveCodecContract} for an archive codec.
 */
package dev.lifeboat.domain.spi;
