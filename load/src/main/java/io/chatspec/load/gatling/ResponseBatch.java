package io.chatspec.load.gatling;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.stats.StatsEngine;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.ThreadExecutorMap;
import scala.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hands Gatling the responses an event loop logged over the last 20 ms together, instead of one at a time. Every
 * response still reaches Gatling as itself, with its own start and end times, so the report and the assertions are
 * unchanged. What changes is the hand-off: each {@code logResponse} passes the response to Gatling's stats actors,
 * and an idle actor is started on a pool thread; one at a time, nearly every response woke a parked thread (a futex
 * wake, then two context switches), a cost the profile of the injector's event loops put beside the socket writes.
 * In a burst the actor is still busy with the first when the rest arrive. Handing over after every pass of the loop
 * still left 9 % of the loops' samples in waking that thread; after 1 ms, 5 %; 5 ms cost 7 % less CPU per message
 * than 1 ms over two runs each. Even at 5 ms the injector made 13,000-15,000 futex calls and 12,000 context
 * switches a second at 30,000-38,000 msgs/s (perf stat), preempting the server on a shared machine; 20 ms cut them
 * to 3,300-5,800 and 4,700-7,000 (docs/BENCHMARKS.md), and Gatling's pool threads from 8 % to 5 % of a core (issue 11). Nothing reads the
 * responses sooner: the console prints every 5 s and the report after the run.
 *
 * <p>A user's own responses are flushed before its session moves on ({@link #flushCurrent}), so Gatling never sees
 * a user end before that user's last responses. Off an event loop a response goes to Gatling at once.
 */
final class ResponseBatch implements Runnable {
    private static final FastThreadLocal<ResponseBatch> CURRENT = new FastThreadLocal<>();
    private static final long FLUSH_AFTER_MICROS = 20_000;

    private record Response(StatsEngine stats, String scenario, scala.collection.immutable.List<String> groups,
                            String request, long startMillis, long endMillis, String failure) {
        void log() {
            stats.logResponse(scenario, groups, request, startMillis, endMillis,
                    failure == null ? OK$.MODULE$ : KO$.MODULE$, Option.empty(),
                    failure == null ? Option.empty() : Option.apply(failure));
        }
    }

    private final EventExecutor loop;
    private List<Response> pending = new ArrayList<>();
    private List<Response> spare = new ArrayList<>();

    private ResponseBatch(EventExecutor loop) {
        this.loop = loop;
    }

    static void log(StatsEngine stats, String scenario, scala.collection.immutable.List<String> groups,
                    String request, long startMillis, long endMillis, String failure) {
        Response r = new Response(stats, scenario, groups, request, startMillis, endMillis, failure);
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null) {
            r.log();
            return;
        }
        ResponseBatch batch = CURRENT.get();
        if (batch == null || batch.loop != loop) {
            batch = new ResponseBatch(loop);
            CURRENT.set(batch);
        }
        if (batch.pending.isEmpty()) {
            loop.schedule(batch, FLUSH_AFTER_MICROS, TimeUnit.MICROSECONDS);
        }
        batch.pending.add(r);
    }

    /** Hands over what this thread's loop has batched so far; a no-op off an event loop or with nothing batched. */
    static void flushCurrent() {
        if (ThreadExecutorMap.currentExecutor() == null) {
            return;
        }
        ResponseBatch batch = CURRENT.getIfExists();
        if (batch != null) {
            batch.run();
        }
    }

    @Override
    public void run() {
        if (pending.isEmpty()) {
            return; // flushed early by a user moving on
        }
        List<Response> out = pending;
        pending = spare;
        for (Response r : out) {
            r.log();
        }
        out.clear();
        spare = out;
    }
}
