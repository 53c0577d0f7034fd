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
    private long dropped;

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

    /** Text kept whole up to this many characters; past it, a prefix, the length and a SHA-256 stand for it. */
    public static final int KEEP_CHARS = 4096;
    private static final int PREFIX_CHARS = 1024;

    /**
     * {@code text}, or for long text its first KiB plus its length and SHA-256: a target that sends megabytes
     * must not make the results megabytes too, and the digest still tells two long messages apart.
     */
    public static String bounded(String text) {
        if (text == null || text.length() <= KEEP_CHARS) {
            return text;
        }
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha;
        try {
            sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(utf8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
        return text.substring(0, PREFIX_CHARS) + "... [" + utf8.length + " bytes in all, sha256 " + sha + "]";
    }

    /** Entries kept per client; a target that floods a connection gets one closing note instead of the rest. */
    public static final int MAX_ENTRIES = 5000;

    private TranscriptEntry add(Direction direction, String fullText, Message message, Frame frame) {
        String text = bounded(fullText);
        synchronized (entries) {
            if (entries.size() >= MAX_ENTRIES) {
                dropped++;
                return null;
            }
            if (entries.size() == MAX_ENTRIES - 1) {
                direction = Direction.EVENT;
                text = "transcript full after " + MAX_ENTRIES + " entries: later traffic is not kept";
                message = null;
                frame = null;
            }
            // seq is taken under the lock so one client's entries are in seq order too.
            TranscriptEntry e = new TranscriptEntry(SEQ.incrementAndGet(), Instant.now(), client, direction, text,
                    message, frame);
            entries.add(e);
            return e;
        }
    }

    /** Entries not kept because the transcript was full. */
    public long dropped() {
        synchronized (entries) {
            return dropped;
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
