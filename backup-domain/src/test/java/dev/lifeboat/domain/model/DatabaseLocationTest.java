package dev.lifeboat.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InvalidUsageException;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {

    @Test
    void a_password_in_the_url_is_taken_out_of_the_shown_location() {
        DatabaseLocation location = DatabaseLocation.parse("postgresql://app:s3cr%40t@db.example:5432/shop?sslmode=require");

        assertThat(location.spec()).isEqualTo("postgresql://app@db.example:5432/shop?sslmode=require");
        assertThat(location.toString()).doesNotContain("s3cr");
        assertThat(location.password()).hasValueSatisfying(secret -> assertThat(secret.reveal()).isEqualTo("s3cr@t"));
    }

    @Test
    void a_password_query_parameter_is_taken_out_too() {
        DatabaseLocation location = DatabaseLocation.parse("jdbc:postgresql://db/shop?user=app&password=hunter2&ssl=true");

        assertThat(location.spec()).isEqualTo("jdbc:postgresql://db/shop?user=app&ssl=true");
        assertThat(location.password().map(Secret::reveal)).contains("hunter2");
        assertThat(location).asString().doesNotContain("hunter2");
    }

    @Test
    void a_password_parameter_whose_name_is_percent_encoded_is_taken_out_as_the_driver_reads_it() {
        DatabaseLocation location = DatabaseLocation.parse(
                "postgresql://app@db/shop?pass%77ord=hunter2&sslmode=require");

        assertThat(location.spec()).isEqualTo("postgresql://app@db/shop?sslmode=require");
        assertThat(location.password().map(Secret::reveal)).contains("hunter2");
        assertThat(DatabaseLocation.parse("postgresql://app@db/shop?PASSWORD=hunter2").spec())
                .isEqualTo("postgresql://app@db/shop");
    }

    @Test
    void a_keys_passphrase_in_the_url_is_refused_without_being_repeated() {
        for (String spec : new String[] {"postgresql://app@db/shop?sslpassword=keypass123",
            "postgresql://app@db/shop?sslmode=verify-full&ssl%70assword=keypass123"}) {
            assertThatThrownBy(() -> DatabaseLocation.parse(spec)).isInstanceOf(InvalidUsageException.class)
                    .hasMessageContaining("sslpassword").hasMessageNotContaining("keypass123");
        }
    }

    @Test
    void the_record_text_never_shows_the_password() {
        DatabaseLocation location = DatabaseLocation.parse("postgres://u:topsecret@h/db");

        assertThat(location.password().orElseThrow()).asString().isEqualTo("****");
        assertThat(String.valueOf(location)).doesNotContain("topsecret");
    }

    @Test
    void an_unencoded_at_sign_or_slash_in_the_password_is_still_taken_out() {
        DatabaseLocation at = DatabaseLocation.parse("postgresql://u:p@ss@host/db");
        DatabaseLocation slash = DatabaseLocation.parse("postgresql://u:p/ss@host:5432/db?sslmode=require");

        assertThat(at.spec()).isEqualTo("postgresql://u@host/db");
        assertThat(at.password().map(Secret::reveal)).contains("p@ss");
        assertThat(slash.spec()).isEqualTo("postgresql://u@host:5432/db?sslmode=require");
        assertThat(slash.password().map(Secret::reveal)).contains("p/ss");
    }

    @Test
    void a_keyword_value_connection_string_loses_its_password() {
        DatabaseLocation location = DatabaseLocation.parse("host=db user=app password=hunter2 dbname=shop");

        assertThat(location.spec()).isEqualTo("host=db user=app dbname=shop");
        assertThat(location.password().map(Secret::reveal)).contains("hunter2");
    }

    /** As libpq reads one: spaces around '=', quoted values with escapes; no part of the password stays behind. */
    @Test
    void a_connection_string_loses_its_password_however_it_is_written() {
        DatabaseLocation spaced = DatabaseLocation.parse("host=db password = hunter2 dbname=shop");
        DatabaseLocation quoted = DatabaseLocation.parse("host=db password='hun ter\\'2' dbname='my shop'");

        assertThat(spaced.spec()).isEqualTo("host=db dbname=shop");
        assertThat(spaced.password().map(Secret::reveal)).contains("hunter2");
        assertThat(quoted.spec()).isEqualTo("host=db dbname='my shop'").doesNotContain("ter");
        assertThat(quoted.password().map(Secret::reveal)).contains("hun ter'2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatabaseLocation.parse("host=db password='open"))
                .isInstanceOf(dev.lifeboat.domain.error.InvalidUsageException.class)
                .hasMessageNotContaining("open");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatabaseLocation.parse("host=db sslpassword=x"))
                .isInstanceOf(dev.lifeboat.domain.error.InvalidUsageException.class);
    }

    @Test
    void a_blank_location_is_a_usage_error() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatabaseLocation.parse("  "))
                .isInstanceOf(dev.lifeboat.domain.error.InvalidUsageException.class);
    }

    @Test
    void a_file_path_is_kept_as_written_even_with_url_characters() {
        DatabaseLocation location = DatabaseLocation.parse("/data/what?password=x@y.db");

        assertThat(location.spec()).isEqualTo("/data/what?password=x@y.db");
        assertThat(location.password()).isEmpty();
        assertThat(location.scheme()).isEmpty();
    }

    @Test
    void the_scheme_is_lower_case_and_a_drive_letter_is_not_one() {
        assertThat(DatabaseLocation.of("SQLite:app.db").scheme()).contains("sqlite");
        assertThat(DatabaseLocation.of("jdbc:sqlite:app.db").scheme()).contains("jdbc");
        assertThat(DatabaseLocation.of("C:\\data\\app.db").scheme()).isEmpty();
    }
}
