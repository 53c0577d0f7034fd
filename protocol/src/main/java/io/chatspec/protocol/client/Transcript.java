package io.chatspec.protocol.client;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.framing.Frame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** Every message a client sent and received, and its connection events, with timestamps. Thread-safe. */
public final class Transcript {
    private static final AtomicLong SEQ = new AtomicLong();

    private final String client;
    private final List<TranscriptEntry> entries = new ArrayList<>();

    public Transcript(String client) {
        this.client = client;
    }

    public String client() {
        return client;
    }

    TranscriptEntry sent(String text, Message message) {
        return add(Direction.SENT, text, message, null);
    }

    TranscriptEntry received(String text, Message message, Frame frame) {
        return add(Direction.RECEIVED, text, message, frame);
    }

    TranscriptEntry event(String text) {
        return add(Direction.EVENT, text, null, null);
    }

    private TranscriptEntry add(Direction direction, String text, Message message, Frame frame) {
        synchronized (entries) {
            // seq is taken under the lock so one client's entries are in seq order too.
            TranscriptEntry e = new TranscriptEntry(SEQ.incrementAndGet(), Instant.now(), client, direction, text,
                    message, frame);
            entries.add(e);
            return e;
        }
    }

    public List<TranscriptEntry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** Several clients' transcripts as one timeline, in the exact order the entries were recorded. */
    public static List<TranscriptEntry> merge(Collection<Transcript> transcripts) {
        return transcripts.stream()
                .flatMap(t -> t.entries().stream())
                .sorted(Comparator.comparingLong(TranscriptEntry::seq))
                .collect(Collectors.toList());
    }

    public static String render(List<TranscriptEntry> entries) {
        return entries.stream().map(TranscriptEntry::toString).collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return render(entries());
    }
}
