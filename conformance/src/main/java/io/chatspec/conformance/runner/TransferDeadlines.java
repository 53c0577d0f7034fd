package io.chatspec.conformance.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each case's transfers time out on the target: a {@code send_file} at T is due at T + the transfer timeout.
 * A server that crashes when such a timer fires dies seconds after the case that started the transfer has ended,
 * under whatever case runs then; these deadlines let the runner charge the case that left the transfer pending.
 * Completed transfers keep their deadline too: a server that fires a stale timer crashes just the same.
 */
final class TransferDeadlines {
    private final Duration transferTimeout;
    private final Map<String, List<Instant>> byCase = new ConcurrentHashMap<>();

    TransferDeadlines(Duration transferTimeout) {
        this.transferTimeout = transferTimeout;
    }

    void sendFile(String caseId, Instant sentAt) {
        byCase.computeIfAbsent(caseId, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(sentAt.plus(transferTimeout));
    }

    /** Forget a case's deadlines: the target was restarted, or the case runs again. */
    void clear(String caseId) {
        byCase.remove(caseId);
    }

    /** A restarted target has forgotten every pending transfer. */
    void clearAll() {
        byCase.clear();
    }

    Optional<Instant> latest(String caseId) {
        List<Instant> l = byCase.get(caseId);
        if (l == null) {
            return Optional.empty();
        }
        synchronized (l) {
            return l.stream().max(Instant::compareTo);
        }
    }

    /** Cases with a deadline between {@code from - grace} and {@code to}: the target died around their timeout. */
    Set<String> dueBetween(Instant from, Instant to, Duration grace) {
        Set<String> out = new LinkedHashSet<>();
        Instant lo = from.minus(grace);
        byCase.forEach((id, l) -> {
            synchronized (l) {
                if (l.stream().anyMatch(d -> !d.isBefore(lo) && !d.isAfter(to))) {
                    out.add(id);
                }
            }
        });
        return out;
    }
}
