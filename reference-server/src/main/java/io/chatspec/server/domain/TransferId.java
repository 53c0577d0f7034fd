package io.chatspec.server.domain;

/** One accepted {@code send_file}, from port allocation to the end of the relay. */
public record TransferId(long value) {
    @Override
    public String toString() {
        return "t" + value;
    }
}
