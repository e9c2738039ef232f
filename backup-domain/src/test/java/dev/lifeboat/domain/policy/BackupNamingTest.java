package dev.lifeboat.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InvalidUsageException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupNamingTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:58:24.987Z");

    @Test
    void names_carry_database_label_and_utc_second() {
        assertThat(BackupNaming.nameFor("chinook", Optional.of("nightly"), AT, 1).value())
                .isEqualTo("chinook_nightly_2026-11-24T10-58-24Z.lifeboat.tar");
        assertThat(BackupNaming.nameFor("chinook", Optional.empty(), AT, 1).value())
                .isEqualTo("chinook_2026-11-24T10-58-24Z.lifeboat.tar");
    }

    @Test
    void a_name_taken_in_the_same_second_gets_a_number() {
        assertThat(BackupNaming.nameFor("app", Optional.empty(), AT, 2).value())
                .isEqualTo("app_2026-11-24T10-58-24Z-2.lifeboat.tar");
    }

    @Test
    void unsafe_characters_in_a_database_name_become_dashes() {
        assertThat(BackupNaming.nameFor("my db/ü", Optional.empty(), AT, 1).value())
                .isEqualTo("my-db--_2026-11-24T10-58-24Z.lifeboat.tar");
        assertThat(BackupNaming.nameFor(".hidden", Optional.empty(), AT, 1).value())
                .startsWith("db.hidden_");
    }

    @Test
    void labels_are_checked() {
        assertThat(BackupNaming.requireValidLabel("pre-restore")).isEqualTo("pre-restore");
        assertThatThrownBy(() -> BackupNaming.requireValidLabel("../x")).isInstanceOf(InvalidUsageException.class)
                .hasMessageContaining("invalid label");
        assertThatThrownBy(() -> BackupNaming.requireValidLabel("a_b")).isInstanceOf(InvalidUsageException.class);
        assertThatThrownBy(() -> BackupNaming.requireValidLabel("")).isInstanceOf(InvalidUsageException.class);
    }

    @Test
    void an_encrypted_name_has_the_plain_stem_and_its_parts_are_read_back() {
        dev.lifeboat.domain.model.BackupName plain = BackupNaming.nameFor("my_db", Optional.of("nightly"),
                Instant.parse("2026-11-24T10:58:24Z"), 2);
        dev.lifeboat.domain.model.BackupName encrypted = plain.asEncrypted();

        assertThat(encrypted.value()).isEqualTo("my_db_nightly_2026-11-24T10-58-24Z-2.lifeboat.tar.age");
        assertThat(encrypted.encrypted()).isTrue();
        assertThat(plain.encrypted()).isFalse();
        assertThat(encrypted.twin()).isEqualTo(plain);
        assertThat(plain.twin()).isEqualTo(encrypted);
        assertThat(encrypted.sidecarName()).isEqualTo("my_db_nightly_2026-11-24T10-58-24Z-2.lifeboat.tar.age.sha256");
        assertThat(dev.lifeboat.domain.model.BackupName.isArchiveName(encrypted.sidecarName())).isFalse();
        assertThat(BackupNaming.partsOf(encrypted)).contains(new BackupNaming.NameParts("my_db_nightly",
                Instant.parse("2026-11-24T10:58:24Z")));
        assertThat(BackupNaming.partsOf(new dev.lifeboat.domain.model.BackupName("hand-made.lifeboat.tar.age")))
                .isEmpty();
    }

    @Test
    void a_name_can_be_a_databases_alone_or_with_a_label_but_not_another_databases_with_more_underscores() {
        BackupNaming.NameParts shopArchive = new BackupNaming.NameParts("shop_archive", Instant.EPOCH);
        BackupNaming.NameParts shopArchiveOld = new BackupNaming.NameParts("shop_archive_old", Instant.EPOCH);

        assertThat(BackupNaming.canBeOf(shopArchive, "shop_archive")).isTrue();
        assertThat(BackupNaming.canBeOf(shopArchive, "shop")).as("shop labelled archive").isTrue();
        assertThat(BackupNaming.canBeOf(shopArchiveOld, "shop")).as("no label holds '_'").isFalse();
        assertThat(BackupNaming.canBeOf(shopArchiveOld, "shop_archive")).isTrue();
        assertThat(BackupNaming.canBeOf(shopArchive, "sho")).isFalse();
    }

    @Test
    void a_name_agrees_with_the_manifest_it_was_made_from_and_not_with_another() {
        Instant taken = Instant.parse("2026-11-24T10:58:24.987Z");
        dev.lifeboat.domain.model.BackupName name = BackupNaming.nameFor("shop", Optional.of("nightly"), taken, 2);

        assertThat(BackupNaming.agreesWith(name, "shop", Optional.of("nightly"), taken)).isTrue();
        assertThat(BackupNaming.agreesWith(name.asEncrypted(), "shop", Optional.of("nightly"), taken)).isTrue();
        assertThat(BackupNaming.agreesWith(name, "other", Optional.of("nightly"), taken)).isFalse();
        assertThat(BackupNaming.agreesWith(name, "shop", Optional.empty(), taken)).isFalse();
        assertThat(BackupNaming.agreesWith(name, "shop", Optional.of("nightly"), taken.plusSeconds(1))).isFalse();
        assertThat(BackupNaming.agreesWith(new dev.lifeboat.domain.model.BackupName("hand-made.lifeboat.tar"),
                "shop", Optional.empty(), taken)).as("a name lifeboat did not make says nothing").isTrue();
    }
}
