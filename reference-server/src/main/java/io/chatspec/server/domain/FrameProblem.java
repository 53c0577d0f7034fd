package io.chatspec.server.domain;

/** Input that never became a command. */
public enum FrameProblem {
    /** Not JSON, or JSON that is not an object. */
    NOT_AN_OBJECT,
    /** Longer than the configured maximum message size. */
    TOO_LARGE
}
