package io.chatspec.server.limits;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The guard's figures at one moment; {@link #toString()} is the {@code limits:} log line, in {@code key=value}
 * form so that scripts (the abuse test among them) can read it.
 *
 * @param connections      chat connections open now
 * @param peakConnections  the most open at once
 * @param buffered         bytes held against the budget now
 * @param peakBuffered     the most held at once
 * @param budget           the budget
 * @param peakHeap         the most heap in use (garbage included), sampled every sweep
 * @param peakLiveHeap     the most heap left in use right after a garbage collection: what was really kept
 * @param shed             connections closed by the server, per reason (refusals over the limit included)
 * @param shedBytes        what those connections held when closed, per reason
 */
public record GuardSnapshot(int connections, long peakConnections, long buffered, long peakBuffered, long budget,
                            long peakHeap, long peakLiveHeap, Map<ShedReason, Long> shed, Map<ShedReason, Long> shedBytes) {

    public long shedTotal() {
        return shed.values().stream().mapToLong(Long::longValue).sum();
    }

    public long shedBytesTotal() {
        return shedBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        return "limits: connections=" + connections + " peakConnections=" + peakConnections
                + " bufferedBytes=" + buffered + " peakBufferedBytes=" + peakBuffered + " budgetBytes=" + budget
                + " peakHeapBytes=" + peakHeap + " peakHeapAfterGcBytes=" + peakLiveHeap + " shed=" + shedTotal() + " shedBytes=" + shedBytesTotal() + " "
                + shed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
