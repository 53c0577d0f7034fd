package io.chatspec.conformance.dsl;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh user and group names for one run: a random run tag plus a counter, so the suite can run again and again
 * against a long-lived server that keeps its accounts and groups.
 */
public final class Names {
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private final String runTag;
    private final AtomicLong counter = new AtomicLong();

    public Names(String runTag) {
        this.runTag = runTag;
    }

    public static Names random() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return new Names(sb.toString());
    }

    public String runTag() {
        return runTag;
    }

    /** {@code alice} -> {@code alice_k3f9x2_17}: readable in transcripts, unique across runs. */
    public String fresh(String base) {
        return base + "_" + runTag + "_" + counter.incrementAndGet();
    }
}
