package dev.lifeboat.adapter.postgres.catalog;

import java.util.Optional;

/**
 * One entry of an ACL as {@link Privileges#grantsColumn} selects it: {@code <Y|N><P|R>|privilege|role}, whether the
 * grantee may grant it on, whether the grantee is PUBLIC or a role, the privilege, and the role's name.
 *
 * @param role      the grantee, or empty for PUBLIC
 * @param privilege the privilege's name, such as {@code SELECT}
 * @param grantable whether it was granted WITH GRANT OPTION
 */
record AclEntry(Optional<String> role, String privilege, boolean grantable) {

    static AclEntry parse(String text) {
        String[] parts = text.split("\\|", 3);
        boolean toPublic = parts[0].charAt(1) == 'P';
        return new AclEntry(toPublic ? Optional.empty() : Optional.of(parts[2]), parts[1], parts[0].charAt(0) == 'Y');
    }

    /** The grantee as SQL names it: {@code PUBLIC} or the quoted role. */
    String grantee() {
        return role.map(Identifiers::quote).orElse("PUBLIC");
    }
}
