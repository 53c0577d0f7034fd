package io.chatspec.server.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides, from a snapshot of what every connection holds, which to pause, resume and close. Pure: the
 * {@link ConnectionGuard} takes the snapshot and carries the plan out, so each rule here is testable on numbers.
 *
 * <ul>
 *   <li>Always: an unfinished message older than the message deadline, or a queue of server messages that has
 *       not shrunk for the read deadline, closes its connection.</li>
 *   <li>From {@link #PRESSURE} of the budget: reading stops on every connection holding a sizeable unfinished
 *       message (its bytes stay in the kernel, not in the heap), and the biggest holders whose message has been
 *       unfinished, or whose queue has not shrunk, for {@link #PRESSURE_GRACE} are closed until the holdings are
 *       back under {@link #RELIEF}.</li>
 *   <li>At the budget: the biggest holders are closed, however young, until under {@link #FULL_RELIEF}.</li>
 *   <li>Below {@link #RESUME}: paused connections read again.</li>
 * </ul>
 * Connections holding less than {@link #SIGNIFICANT} bytes are never paused or shed for the budget: a chatting
 * client holds a few hundred bytes at most, so the canary of a flood is never among the victims.
 */
public final class ShedPolicy {
    static final double PRESSURE = 0.75;
    static final double RELIEF = 0.60;
    static final double FULL_RELIEF = 0.90;
    static final double RESUME = 0.50;
    static final long SIGNIFICANT = 4 * 1024;
    static final Duration PRESSURE_GRACE = Duration.ofSeconds(1);

    private final long limit;
    private final long messageDeadlineNanos;
    private final long readDeadlineNanos;

    public ShedPolicy(long limit, Duration messageDeadline, Duration readDeadline) {
        this.limit = limit;
        this.messageDeadlineNanos = messageDeadline.toNanos();
        this.readDeadlineNanos = readDeadline.toNanos();
    }

    /**
     * What one connection holds now.
     *
     * @param unfinishedNanos how long its current message has been unfinished, or -1 when none is
     * @param stalledNanos    how long its queue of server messages has not shrunk, or -1 when it is empty
     */
    public record View(long id, long inbound, long outbound, long unfinishedNanos, long stalledNanos,
                       boolean paused) {
        long held() {
            return inbound + outbound;
        }
    }

    public record Shed(long id, ShedReason reason, long bytes) {
    }

    public record Plan(List<Long> pause, List<Long> resume, List<Shed> close) {
        public boolean isEmpty() {
            return pause.isEmpty() && resume.isEmpty() && close.isEmpty();
        }
    }

    public Plan decide(List<View> views, long used) {
        List<Long> pause = new ArrayList<>();
        List<Long> resume = new ArrayList<>();
        List<Shed> close = new ArrayList<>();
        List<View> open = new ArrayList<>(views.size());
        long projected = used;
        for (View v : views) {
            if (v.unfinishedNanos() >= messageDeadlineNanos) {
                close.add(new Shed(v.id(), ShedReason.MESSAGE_DEADLINE, v.held()));
                projected -= v.held();
            } else if (v.stalledNanos() >= readDeadlineNanos) {
                close.add(new Shed(v.id(), ShedReason.NOT_READING, v.held()));
                projected -= v.held();
            } else {
                open.add(v);
            }
        }
        if (projected >= limit * PRESSURE) {
            List<View> big = open.stream().filter(v -> v.held() >= SIGNIFICANT)
                    .sorted(Comparator.comparingLong(View::held).reversed()).toList();
            List<View> kept = new ArrayList<>(big.size());
            long grace = PRESSURE_GRACE.toNanos();
            for (View v : big) {
                boolean offender = v.unfinishedNanos() >= grace || v.stalledNanos() >= grace;
                if (offender && projected >= limit * RELIEF) {
                    close.add(new Shed(v.id(), v.stalledNanos() >= grace && v.unfinishedNanos() < grace
                            ? ShedReason.NOT_READING : ShedReason.OVER_BUDGET, v.held()));
                    projected -= v.held();
                } else {
                    kept.add(v);
                }
            }
            boolean full = projected >= limit;
            for (View v : kept) {
                if (full && projected >= limit * FULL_RELIEF) {
                    close.add(new Shed(v.id(), ShedReason.OVER_BUDGET, v.held()));
                    projected -= v.held();
                } else if (v.unfinishedNanos() >= 0 && v.inbound() >= SIGNIFICANT && !v.paused()) {
                    pause.add(v.id());
                }
            }
        } else if (projected < limit * RESUME) {
            for (View v : open) {
                if (v.paused()) {
                    resume.add(v.id());
                }
            }
        }
        return new Plan(pause, resume, close);
    }
}
