package dev.lifeboat.domain.model;

/** The outcome of one verification check. */
public enum CheckStatus {
    PASSED, WARNING, FAILED
}
