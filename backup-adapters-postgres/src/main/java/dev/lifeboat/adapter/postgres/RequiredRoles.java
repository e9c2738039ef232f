package dev.lifeboat.adapter.postgres;

import dev.lifeboat.adapter.postgres.catalog.Identifiers;
import dev.lifeboat.adapter.postgres.catalog.StatementKind;
import dev.lifeboat.domain.error.IncompatibleException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The roles a backup's statements name: roles are the server's, not the database's, so a restore checks that the
 * target server has every one it needs before it loads anything. Recorded in the manifest's source properties as
 * {@code "alice" (owner), "bob" (owner, privileges), "web" (definition)}: whether the role owns objects, holds
 * privileges, or is named by a definition (a policy, a user mapping, a setting), since {@code --no-owner} and
 * {@code --no-privileges} make the first two unnecessary.
 *
 * @param roles each role with what needs it
 */
record RequiredRoles(Map<String, Set<Use>> roles) {

    /** The manifest property that holds them. */
    static final String PROPERTY = "roles";

    /** Why a role is needed. */
    enum Use {
        OWNER("owner"), PRIVILEGES("privileges"), DEFINITION("definition");

        private final String word;

        Use(String word) {
            this.word = word;
        }

        static Use of(StatementKind kind) {
            return switch (kind) {
                case OWNER -> OWNER;
                case PRIVILEGE -> PRIVILEGES;
                case DEFINITION, COMMENT -> DEFINITION;
            };
        }
    }

    RequiredRoles {
        roles = Map.copyOf(roles);
    }

    static RequiredRoles of(Map<String, Set<StatementKind>> statementRoles) {
        Map<String, Set<Use>> roles = new LinkedHashMap<>();
        statementRoles.forEach((role, kinds) -> kinds.forEach(kind ->
                roles.computeIfAbsent(role, r -> EnumSet.noneOf(Use.class)).add(Use.of(kind))));
        return new RequiredRoles(roles);
    }

    /** These roles and another's, each needed for what either needs it. */
    RequiredRoles and(RequiredRoles other) {
        Map<String, Set<Use>> merged = new LinkedHashMap<>();
        for (RequiredRoles each : List.of(this, other)) {
            each.roles.forEach((role, uses) -> merged.computeIfAbsent(role, r -> EnumSet.noneOf(Use.class))
                    .addAll(uses));
        }
        return new RequiredRoles(merged);
    }

    /** The roles a restore with these options needs. */
    List<String> needed(boolean owners, boolean privileges) {
        List<String> needed = new ArrayList<>();
        roles.forEach((role, uses) -> {
            if (uses.contains(Use.DEFINITION) || owners && uses.contains(Use.OWNER)
                    || privileges && uses.contains(Use.PRIVILEGES)) {
                needed.add(role);
            }
        });
        needed.sort(null);
        return needed;
    }

    /** The property's text, roles sorted by name. */
    String format() {
        List<String> entries = new ArrayList<>();
        roles.keySet().stream().sorted().forEach(role -> entries.add(Identifiers.quote(role) + " ("
                + String.join(", ", roles.get(role).stream().map(use -> use.word).toList()) + ")"));
        return String.join(", ", entries);
    }

    /** Reads the property back; empty for an archive made before lifeboat recorded roles. */
    static Optional<RequiredRoles> parse(Map<String, String> properties) {
        String text = properties.get(PROPERTY);
        if (text == null) {
            return Optional.empty();
        }
        Map<String, Set<Use>> roles = new LinkedHashMap<>();
        int at = 0;
        while (at < text.length()) {
            if (text.charAt(at) != '"') {
                throw damaged(text);
            }
            StringBuilder name = new StringBuilder();
            at++;
            while (true) {
                if (at >= text.length()) {
                    throw damaged(text);
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    if (at < text.length() && text.charAt(at) == '"') {
                        name.append('"');
                        at++;
                    } else {
                        break;
                    }
                } else {
                    name.append(c);
                }
            }
            int close = text.indexOf(')', at);
            if (!text.startsWith(" (", at) || close < 0) {
                throw damaged(text);
            }
            Set<Use> uses = EnumSet.noneOf(Use.class);
            for (String word : text.substring(at + 2, close).split(", ")) {
                uses.add(Arrays.stream(Use.values()).filter(use -> use.word.equals(word)).findFirst()
                        .orElseThrow(() -> damaged(text)));
            }
            roles.put(name.toString(), uses);
            at = close + 1;
            if (text.startsWith(", ", at)) {
                at += 2;
            } else if (at != text.length()) {
                throw damaged(text);
            }
        }
        return Optional.of(new RequiredRoles(roles));
    }

    /**
     * How a missing role is described to the user: its name and what still needs it in a restore with these options
     * (its ownership is no reason under {@code --no-owner}, its privileges none under {@code --no-privileges}).
     */
    String describe(String role, boolean owners, boolean privileges) {
        return role + " (" + String.join(", ", roles.getOrDefault(role, Set.of()).stream()
                .filter(use -> use == Use.DEFINITION || owners && use == Use.OWNER
                        || privileges && use == Use.PRIVILEGES)
                .map(use -> use.word).toList()) + ")";
    }

    boolean neededByDefinitions(String role) {
        return roles.getOrDefault(role, Set.of()).contains(Use.DEFINITION);
    }

    private static IncompatibleException damaged(String text) {
        return new IncompatibleException("the manifest's list of roles is damaged: " + text);
    }
}
