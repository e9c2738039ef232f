package dev.lifeboat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restored file is placed without ever replacing something that appeared at the target; the plain rename that
 * would replace it is used only where the file system has no hard links, never when linking failed for another
 * reason.
 */
class NewFilePlacementTest {

    private static final String DATA = "the restored database";

    @TempDir
    Path directory;

    private Path file;
    private Path target;

    @BeforeEach
    void aFinishedFile() throws IOException {
        file = Files.writeString(directory.resolve(".restore-temp"), DATA);
        target = directory.resolve("app.db");
    }

    @Test
    void on_a_file_system_with_hard_links_the_file_is_linked_into_place() throws IOException {
        boolean stillThere = new NewFilePlacement().place(file, target);

        assertThat(stillThere).isTrue();
        assertThat(target).hasContent(DATA);
        assertThat(Files.isSameFile(file, target)).as("the target is the same file, linked").isTrue();
    }

    @Test
    void a_file_that_appeared_at_the_target_is_not_replaced() throws IOException {
        Files.writeString(target, "someone else's database");

        assertThatThrownBy(() -> new NewFilePlacement().place(file, target))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(target).hasContent("someone else's database");
        assertThat(file).hasContent(DATA);
    }

    @Test
    void a_file_system_without_hard_links_gets_the_file_renamed_into_place() throws IOException {
        // link(2) on FAT answers EPERM, on some network file systems EOPNOTSUPP, elsewhere ENOSYS
        for (String reason : List.of("Operation not permitted", "Operation not supported", "Function not implemented")) {
            Path again = Files.writeString(directory.resolve(".restore-temp-" + reason.length()), DATA);
            Path placed = directory.resolve("placed-" + reason.length() + ".db");
            NewFilePlacement noHardLinks = new NewFilePlacement((link, existing) -> {
                throw new FileSystemException(link.toString(), existing.toString(), reason);
            });

            boolean stillThere = noHardLinks.place(again, placed);

            assertThat(stillThere).as(reason).isFalse();
            assertThat(placed).as(reason).hasContent(DATA);
            assertThat(again).as(reason).doesNotExist();
        }
    }

    @Test
    void a_link_the_jdk_does_not_offer_gets_the_file_renamed_into_place() throws IOException {
        NewFilePlacement noLinks = new NewFilePlacement((link, existing) -> {
            throw new UnsupportedOperationException("no links here");
        });

        assertThat(noLinks.place(file, target)).isFalse();
        assertThat(target).hasContent(DATA);
        assertThat(file).doesNotExist();
    }

    @Test
    void any_other_failure_to_link_fails_the_placement_and_places_nothing() {
        List<IOException> failures = List.of(
                new AccessDeniedException(target.toString()),
                new FileSystemException(target.toString(), file.toString(), "No space left on device"),
                new FileSystemException(target.toString(), file.toString(), "Too many links"),
                new FileSystemException(target.toString(), file.toString(), "Input/output error"),
                new FileSystemException(target.toString(), file.toString(), "Read-only file system"),
                new IOException("something else"));
        for (IOException failure : failures) {
            NewFilePlacement failing = new NewFilePlacement((link, existing) -> {
                throw failure;
            });

            assertThatThrownBy(() -> failing.place(file, target)).as(failure.toString()).isSameAs(failure);
            assertThat(target).as("nothing placed after " + failure).doesNotExist();
            assertThat(file).as("the file is still there after " + failure).hasContent(DATA);
        }
    }
}
