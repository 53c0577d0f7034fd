package io.chatspec.load.gatling;

import io.chatspec.load.delivery.DeliveryFields;
import io.chatspec.load.delivery.DeliveryInbox;
import io.chatspec.load.delivery.DeliveryText;
import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.protocol.Commands;
import io.chatspec.protocol.Message;
import io.gatling.core.stats.StatsEngine;

/**
 * Turns what a receiving user gets into Gatling requests of that user: {@code deliver private_chat} and
 * {@code deliver group_chat} (send to arrival; a duplicate is KO), {@code fanout first-to-last} when the last
 * recipient of a group message has it, and {@code deliver friend_login} etc. for notifications whose trigger was
 * timed by another user of this injector.
 */
final class SessionDeliverySink implements ChatConnection.DeliverySink {
    // constant request names: no concatenation per delivery
    private static final String DELIVER_PRIVATE = "deliver " + Commands.PRIVATE_CHAT;
    private static final String DELIVER_GROUP = "deliver " + Commands.GROUP_CHAT;
    private final StatsEngine stats;
    private final LoadMetrics metrics;
    private final String scenario;
    private final scala.collection.immutable.List<String> groups;

    SessionDeliverySink(StatsEngine stats, LoadMetrics metrics, String scenario,
                        scala.collection.immutable.List<String> groups) {
        this.stats = stats;
        this.metrics = metrics;
        this.scenario = scenario;
        this.groups = groups;
    }

    @Override
    public void delivered(ChatConnection receiver, Message m, long now) {
        DeliveryText t = DeliveryText.decode(m.text("text"));
        boolean group = Commands.GROUP_CHAT.equals(m.cmd());
        String sender = group ? m.text("user") : m.text("user_from");
        if (t == null || sender == null || (group && m.text("group") == null)) {
            metrics.deliveries().foreign.increment();
            return;
        }
        delivered(receiver, new DeliveryFields(group, sender, group ? m.text("group") : null, t.seq(),
                t.sentMicros()), now);
    }

    @Override
    public void delivered(ChatConnection receiver, DeliveryFields d, long now) {
        String stream = d.stream();
        DeliveryInbox.Outcome outcome = receiver.deliveries().accept(stream, d.seq());
        String request = d.group() ? DELIVER_GROUP : DELIVER_PRIVATE;
        switch (outcome) {
            case DUPLICATE -> {
                metrics.deliveries().duplicates.increment();
                ChatAction.Reporting.report(stats, metrics, scenario, groups, request, d.sentMicros(), now,
                        "duplicate delivery of " + stream + " #" + d.seq());
                return;
            }
            case OUT_OF_ORDER -> metrics.deliveries().outOfOrder.increment();
            case FIRST -> { }
        }
        metrics.deliveries().delivered.increment();
        ChatAction.Reporting.report(stats, metrics, scenario, groups, request, d.sentMicros(), now, null);
        if (d.group()) {
            long spread = metrics.fanout().arrived(stream + "#" + d.seq(), now);
            if (spread >= 0) {
                ChatAction.Reporting.report(stats, metrics, scenario, groups, "fanout first-to-last", now - spread, now,
                        null);
            }
        }
    }

    @Override
    public void notified(ChatConnection receiver, Message m, long now) {
        String subject = Commands.ADD_FRIEND_REPLY.equals(m.cmd()) ? m.text("result") : m.text("friend");
        Long sent = metrics.notificationClock().remove(m.cmd() + "/" + subject);
        if (sent != null) {
            ChatAction.Reporting.report(stats, metrics, scenario, groups, "deliver " + m.cmd(), sent, now, null);
        }
    }
}
