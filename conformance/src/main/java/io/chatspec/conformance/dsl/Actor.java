package io.chatspec.conformance.dsl;

import io.chatspec.protocol.Commands;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.Results;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.client.ExpectationFailedException;

import java.time.Duration;

/**
 * One named participant of a scenario (alice, bob...): a user name unique to this run, a password and the
 * connection currently used for it. Methods read like the arrows of a sequence diagram.
 */
public final class Actor {
    private final Scenario scenario;
    private final String role;
    private final String user;
    private final String password;
    private ChatClient client;
    private boolean loggedIn;

    Actor(Scenario scenario, String role, String user, String password, ChatClient client) {
        this.scenario = scenario;
        this.role = role;
        this.user = user;
        this.password = password;
        this.client = client;
    }

    public String role() {
        return role;
    }

    /** The user name this actor registers and logs in with. */
    public String name() {
        return user;
    }

    public String password() {
        return password;
    }

    public ChatClient client() {
        return client;
    }

    public boolean loggedIn() {
        return loggedIn;
    }

    void markLoggedIn(boolean b) {
        loggedIn = b;
    }

    /** Records that a login the case checked itself succeeded (so later helpers know the actor is online). */
    public void markOnline() {
        loggedIn = true;
    }

    /** Sends one message in one write. */
    public Actor sends(Message m) {
        scenario.commandSent(m);
        client.send(m);
        return this;
    }

    /** Sends bytes exactly as given (framing and bad-input cases). */
    public Actor sendsRaw(String text) {
        client.sendRaw(text);
        return this;
    }

    public Actor sendsRaw(byte[] bytes) {
        client.sendRaw(bytes);
        return this;
    }

    /** Waits up to the reply timeout for a matching message and returns it. */
    public Message receives(Expect e) {
        return receives(e, scenario.env().settings().replyTimeout());
    }

    public Message receives(Expect e, Duration timeout) {
        Message m;
        try {
            m = client.expect(e, e.toString(), timeout);
        } catch (ExpectationFailedException x) {
            return scenario.unmet(this, e, timeout, x);
        }
        scenario.tolerate(e.deviations(m));
        scenario.consumed(client, m);
        return m;
    }

    /** Sends a command and waits for its {@code <cmd>_reply} whatever the result: for observing, not judging. */
    public Message asks(Message command) {
        sends(command);
        return receives(Expect.cmd(Commands.replyOf(command.cmd())));
    }

    /** Nothing at all arrives for this actor in the quiet window. */
    public Silence nothing() {
        return new Silence(this, null);
    }

    /** No message matching {@code e} arrives in the quiet window (others may). */
    public Silence nothing(Expect e) {
        return new Silence(this, e);
    }

    public void receivesNothing() {
        scenario.quiet(nothing());
    }

    // --- common commands with this actor as the acting user ---

    public Actor register() {
        return sends(Messages.register(user, password));
    }

    public Actor login() {
        return sends(Messages.login(user, password));
    }

    public Actor adds(Actor friend) {
        return sends(Messages.add(user, friend.name()));
    }

    public Actor createsGroup(String group) {
        return sends(Messages.createGroup(user, group));
    }

    public Actor joins(String group) {
        return sends(Messages.addGroup(user, group));
    }

    public Message chats(Actor to, String text) {
        Message m = Messages.privateChat(user, to.name(), text);
        sends(m);
        return m;
    }

    public Message posts(String group, String text) {
        Message m = Messages.groupChat(user, group, text);
        sends(m);
        return m;
    }

    public Actor asksMembers(String group) {
        return sends(Messages.getGroupMember(group));
    }

    /** Sends {@code offline} and waits until the server has processed it (see {@link #sync()}). */
    public Actor goesOffline() {
        sends(Messages.offline(user));
        loggedIn = false;
        return sync();
    }

    /**
     * A barrier: {@code offline} has no reply, so a later step on another connection could overtake it. Replies
     * come in command order (MSG-7), so once a harmless {@code get_group_member} is answered, everything sent
     * before it was processed. Best effort: a server that closed the connection (OFF-9) needs no barrier.
     */
    public Actor sync() {
        String probe = scenario.freshName("sync");
        client.send(Messages.getGroupMember(probe));
        try {
            client.expect(m -> Commands.GET_GROUP_MEMBER_REPLY.equals(m.cmd()) || Commands.ERROR.equals(m.cmd()),
                    "a reply to the sync probe", scenario.env().settings().replyTimeout());
        } catch (ExpectationFailedException ignored) {
            // closed or silent: the verdict comes from the case's own expectations
        }
        return this;
    }

    /** Logs in on the current connection and requires success (setup step). */
    public Actor loggedInNow() {
        scenario.given(() -> {
            login();
            receives(Expect.reply(Commands.LOGIN_REPLY, Results.SUCCESS));
        });
        loggedIn = true;
        return this;
    }

    /** Closes the TCP connection abruptly, without {@code offline}. */
    public Actor drops() {
        client.close();
        loggedIn = false;
        return this;
    }

    /** Replaces the connection with a fresh one (not logged in); the old one is closed abruptly. */
    public Actor reconnects() {
        ChatClient old = client;
        client = scenario.connect(role);
        old.close();
        loggedIn = false;
        return this;
    }

    /** A second connection for the same user, as another actor (session takeover cases). */
    public Actor secondConnection(String role2) {
        return scenario.adopt(new Actor(scenario, role2, user, password, scenario.connect(role2)));
    }

    @Override
    public String toString() {
        return role + "(" + user + ")";
    }
}
