package io.chatspec.protocol.client;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.framing.Frame;

import java.time.Instant;

/**
 * One line of a transcript. {@code seq} is global across all clients in the JVM, so transcripts of several
 * clients merge into one exact order; {@code at} is wall-clock time for people.
 *
 * @param message the parsed message, or null for raw bytes that were not a JSON object and for events
 * @param frame   the inbound frame (framing facts: newline, coalesced read), null for sent entries and events
 */
public record TranscriptEntry(long seq, Instant at, String client, Direction direction, String text,
                              Message message, Frame frame) {

    /** For received objects: was it followed by a newline? PENDING while nothing after it has arrived. */
    public Frame.Terminator terminator() {
        return frame == null ? null : frame.terminator();
    }

    @Override
    public String toString() {
        String arrow = switch (direction) {
            case SENT -> " -> ";
            case RECEIVED -> " <- ";
            case EVENT -> " -- ";
        };
        return at + " " + client + arrow + text;
    }
}
