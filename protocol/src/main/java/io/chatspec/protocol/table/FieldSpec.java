package io.chatspec.protocol.table;

/** One field of a client command, as spelled in the seed. */
public record FieldSpec(String name, FieldKind kind) {
}
