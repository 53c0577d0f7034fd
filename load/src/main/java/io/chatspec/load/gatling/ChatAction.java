package io.chatspec.load.gatling;

import io.chatspec.load.metrics.LoadMetrics;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/** Base of the chat actions: reporting a request to Gatling (and to the HdrHistogram log) and moving on. */
abstract class ChatAction extends JavaExitableAction {
    protected final ChatComponents components;

    ChatAction(String name, ChatComponents components, Action next) {
        super(name, components.core().statsEngine(), components.core().clock(), next);
        this.components = components;
    }

    /** Logs one request: OK when {@code failure} is null, else KO with that message. */
    protected void report(Session s, String request, long startMicros, long endMicros, String failure) {
        Reporting.report(statsEngine(), components.metrics(), s.scenario(), s.groups(), request, startMicros,
                endMicros, failure);
    }

    /** Continues the user's scenario; a failure marks the session failed, as Gatling's own checks do. */
    protected void proceed(Session s, String failure) {
        ResponseBatch.flushCurrent();
        next().$bang(failure == null ? s : s.markAsFailed());
    }

    /** Records a request's outcome and moves the user on: how every request ends. */
    protected void complete(Session s, String request, long startMicros, long endMicros, String failure) {
        report(s, request, startMicros, endMicros, failure);
        proceed(s, failure);
    }

    /** Shared by actions and by the delivery sink, which reports on behalf of the receiving user. */
    static final class Reporting {
        private Reporting() {
        }

        static void report(io.gatling.core.stats.StatsEngine stats, LoadMetrics metrics, String scenario,
                           scala.collection.immutable.List<String> groups, String request, long startMicros,
                           long endMicros, String failure) {
            ResponseBatch.log(stats, scenario, groups, request, startMicros / 1000, endMicros / 1000, failure);
            metrics.record(request, startMicros, endMicros, failure == null);
        }
    }
}
