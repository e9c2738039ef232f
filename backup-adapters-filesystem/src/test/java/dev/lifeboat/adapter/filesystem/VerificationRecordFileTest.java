package dev.lifeboat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.spi.BackupRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verification record as a file beside its archive, as a user sees it with ls and cat. */
class VerificationRecordFileTest {

    private static final BackupName NAME = new BackupName("app_2026-11-24T10-58-24Z.lifeboat.tar");

    @TempDir
    Path directory;

    private BackupRepository repository;

    @BeforeEach
    void placeAnArchive() throws IOException {
        Files.writeString(directory.resolve(NAME.value()), "archive bytes");
        repository = new FileSystemRepositoryProvider().open(directory.toString(), false);
    }

    @Test
    void the_record_is_a_private_file_named_after_the_archive_and_no_temporary_file_stays() throws IOException {
        repository.recordVerification(NAME, "first\n");
        repository.recordVerification(NAME, "second\n");

        Path record = directory.resolve("app_2026-11-24T10-58-24Z.lifeboat.tar.verified");
        assertThat(record).hasContent("second");
        assertThat(Permissions.of(record)).isEqualTo("rw-------");
        assertThat(Permissions.namesIn(directory)).containsExactlyInAnyOrder(NAME.value(), record.getFileName()
                .toString());
    }

    /** A link planted at the record's name is replaced, never followed: the file it points to is untouched. */
    @Test
    void a_link_at_the_records_name_is_replaced_not_followed() throws IOException {
        Path elsewhere = Files.writeString(directory.resolve("elsewhere.txt"), "keep me");
        Files.createSymbolicLink(directory.resolve(NAME.verificationRecordName()), elsewhere);

        assertThatThrownBy(() -> repository.find(NAME).orElseThrow().verificationRecord())
                .isInstanceOf(UnavailableException.class).hasMessageContaining("not a regular file");
        repository.recordVerification(NAME, "record\n");

        assertThat(elsewhere).hasContent("keep me");
        assertThat(directory.resolve(NAME.verificationRecordName())).isRegularFile().hasContent("record");
    }

    /** Something the record cannot replace (a directory at its name) is a one-line failure the caller can report. */
    @Test
    void a_record_that_cannot_be_written_fails_with_the_path() throws IOException {
        Files.createDirectory(directory.resolve(NAME.verificationRecordName()));

        assertThatThrownBy(() -> repository.recordVerification(NAME, "record\n"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining(NAME.verificationRecordName());
        assertThat(Permissions.tempFilesIn(directory)).isEmpty();
    }
}
