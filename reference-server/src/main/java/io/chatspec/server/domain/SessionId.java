package io.chatspec.server.domain;

/** One client connection. Numbered by the edge; the domain only compares them. */
public record SessionId(long value) {
    @Override
    public String toString() {
        return "s" + value;
    }
}
