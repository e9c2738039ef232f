package dev.lifeboat.adapter.postgres.catalog;

/**
 * When a trigger, rule or event trigger fires, as its catalog's one-letter code says ({@code tgenabled},
 * {@code ev_enabled}, {@code evtenabled}), and the words that set it ({@code ALTER TABLE t DISABLE TRIGGER x}).
 */
enum FiringState {
    /** 'O': in the origin and local sessions; the state a new one starts in. */
    ORIGIN("ENABLE"),
    /** 'D': never. */
    DISABLED("DISABLE"),
    /** 'R': only in sessions of a replica (session_replication_role = replica). */
    REPLICA("ENABLE REPLICA"),
    /** 'A': always. */
    ALWAYS("ENABLE ALWAYS");

    private final String words;

    FiringState(String words) {
        this.words = words;
    }

    static FiringState of(String code) {
        return switch (code) {
            case "D" -> DISABLED;
            case "R" -> REPLICA;
            case "A" -> ALWAYS;
            default -> ORIGIN;
        };
    }

    /** The words that set this state, before {@code TRIGGER name} or {@code RULE name}, or alone for an event trigger. */
    String words() {
        return words;
    }

    /** Whether a new trigger or rule is already in this state, so that nothing needs to set it. */
    boolean isInitial() {
        return this == ORIGIN;
    }
}
