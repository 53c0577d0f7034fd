package io.chatspec.server.domain;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows down password guessing, as data: it only says how long the next attempt must wait, and the edge does
 * the waiting (nothing sleeps). Failures count per connection (for its lifetime) and per account (those within
 * {@link #WINDOW}); the larger count decides. The first {@link #FREE_FAILURES} failures cost nothing, so a
 * mistyped password (and the conformance suite) is not slowed; each further one doubles the wait, from
 * {@link #FIRST_DELAY} up to {@link #MAX_DELAY}. A successful login clears the account's count.
 *
 * <p>The account count also delays its owner's correct logins while someone is guessing: the price of not
 * telling the guesser early whether a password was right. It is bounded by {@link #MAX_DELAY}.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 3;
    public static final Duration FIRST_DELAY = Duration.ofMillis(250);
    public static final Duration MAX_DELAY = Duration.ofSeconds(4);
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** More stamps than this change nothing (the delay is capped long before), so memory per account is bounded. */
    private static final int MAX_STAMPS = 32;

    private final Map<SessionId, Integer> perSession = new HashMap<>();
    private final Map<String, ArrayDeque<Long>> perUser = new HashMap<>();

    /** How long an attempt on {@code session} for {@code user} must wait before it is answered. */
    public Duration delayFor(SessionId session, String user, long nowNanos) {
        int failures = Math.max(perSession.getOrDefault(session, 0), recentFailures(user, nowNanos));
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES, 16);
        Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    public void failed(SessionId session, String user, long nowNanos) {
        perSession.merge(session, 1, Integer::sum);
        ArrayDeque<Long> stamps = perUser.computeIfAbsent(user, k -> new ArrayDeque<>());
        stamps.addLast(nowNanos);
        if (stamps.size() > MAX_STAMPS) {
            stamps.removeFirst();
        }
    }

    public void succeeded(String user) {
        perUser.remove(user);
    }

    public void forget(SessionId session) {
        perSession.remove(session);
    }

    private int recentFailures(String user, long nowNanos) {
        ArrayDeque<Long> stamps = perUser.get(user);
        if (stamps == null) {
            return 0;
        }
        while (!stamps.isEmpty() && nowNanos - stamps.peekFirst() > WINDOW.toNanos()) {
            stamps.removeFirst();
        }
        if (stamps.isEmpty()) {
            perUser.remove(user);
            return 0;
        }
        return stamps.size();
    }
}
