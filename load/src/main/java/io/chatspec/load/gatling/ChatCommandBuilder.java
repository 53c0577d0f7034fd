package io.chatspec.load.gatling;

import io.chatspec.protocol.Message;
import io.gatling.javaapi.core.ActionBuilder;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A command with a reply, for the Java DSL. By default the reply must be the command's {@code *_reply} with
 * {@code result} {@code success}; {@link #expect} accepts other results (e.g. {@code already_friend} when two
 * users race to befriend each other), {@link #check} adds any test on the reply.
 */
public final class ChatCommandBuilder implements ActionBuilder {
    private final String request;
    private final CommandAction.MessageFactory factory;
    private final Set<String> replyCmds;
    private final List<String> results;
    private final Function<Message, String> extraCheck;
    private final String notificationKey;
    private final El notificationSubject;
    private final boolean timed;

    ChatCommandBuilder(String request, CommandAction.MessageFactory factory, Set<String> replyCmds,
                       List<String> results, Function<Message, String> extraCheck, String notificationKey,
                       El notificationSubject) {
        this(request, factory, replyCmds, results, extraCheck, notificationKey, notificationSubject, false);
    }

    private ChatCommandBuilder(String request, CommandAction.MessageFactory factory, Set<String> replyCmds,
                               List<String> results, Function<Message, String> extraCheck,
                               String notificationKey, El notificationSubject, boolean timed) {
        this.timed = timed;
        this.request = request;
        this.factory = factory;
        this.replyCmds = replyCmds;
        this.results = results;
        this.extraCheck = extraCheck;
        this.notificationKey = notificationKey;
        this.notificationSubject = notificationSubject;
    }

    /** Reply {@code result} values that count as OK (replacing the default). Null stands for "no result field". */
    public ChatCommandBuilder expect(String... okResults) {
        return new ChatCommandBuilder(request, factory, replyCmds, java.util.Arrays.asList(okResults), extraCheck,
                notificationKey, notificationSubject, timed);
    }

    /** An additional check: returns null when the reply is fine, else the KO message. */
    public ChatCommandBuilder check(Function<Message, String> check) {
        Function<Message, String> before = extraCheck;
        return new ChatCommandBuilder(request, factory, replyCmds, results, m -> {
            String first = before.apply(m);
            return first != null ? first : check.apply(m);
        }, notificationKey, notificationSubject, timed);
    }

    /** Gatling request name instead of the command name (to tell apart, say, a first and a second login). */
    public ChatCommandBuilder named(String name) {
        return new ChatCommandBuilder(name, factory, replyCmds, results, extraCheck, notificationKey,
                notificationSubject, timed);
    }

    /**
     * Times the notification this command triggers at another user of this injector ({@code login} ->
     * {@code deliver friend_login}, {@code add} -> {@code deliver add_friend_reply}); only for scenarios where
     * somebody is there to receive it, as an entry waits in memory until it is received.
     */
    public ChatCommandBuilder timeNotifications() {
        if (notificationKey == null) {
            throw new IllegalStateException(request + " triggers no notification to time");
        }
        return new ChatCommandBuilder(request, factory, replyCmds, results, extraCheck, notificationKey,
                notificationSubject, true);
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        CommandAction.ReplyCheck check = reply -> {
            if (!replyCmds.contains(reply.cmd())) {
                return "unexpected reply " + reply.raw();
            }
            if (!results.contains(reply.result())) {
                return reply.cmd() + " result " + reply.result() + ", expected " + results;
            }
            return extraCheck.apply(reply);
        };
        return new ScalaActionBuilder((components, next) -> new CommandAction(request, factory, replyCmds, check,
                timed ? notificationKey : null, notificationSubject, components, next));
    }
}
