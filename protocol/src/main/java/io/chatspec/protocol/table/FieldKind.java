package io.chatspec.protocol.table;

/** What a client field holds, which decides how servers validate it and how the harness probes it. */
public enum FieldKind {
    /** A user or group name: a non-empty JSON string. */
    NAME,
    /** Free text (password, chat text, file name): any JSON string, empty included. */
    TEXT,
    /** A byte count: a non-negative integer, as a JSON number or a string of digits (MSG-3). */
    LENGTH
}
