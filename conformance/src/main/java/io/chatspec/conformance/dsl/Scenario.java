package io.chatspec.conformance.dsl;

import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.protocol.Commands;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.Results;
import io.chatspec.protocol.client.Aliases;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.client.ClientOptions;
import io.chatspec.protocol.client.ExpectationFailedException;
import io.chatspec.protocol.client.Transcript;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stage of one case: creates actors on fresh connections, tracks which rules are being checked, turns unmet
 * expectations into FAIL (or, during setup, SKIPPED), and collects tolerated deviations and INFO observations.
 */
public final class Scenario implements AutoCloseable {
    /** Unconsumed messages quoted in a finding; the transcript has them all. */
    private static final int SHOWN_MESSAGES = 20;

    private final CaseEnv env;
    private final List<Actor> actors = new ArrayList<>();
    private final List<ChatClient> clients = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> checkedRules = new LinkedHashSet<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private List<String> currentRules = List.of();
    private int setupDepth;
    private boolean judgeSegments;
    private boolean setupDrained;
    private boolean namesAsSent;
    private final Set<String> consumed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * One relay transfer at a time per run (keyed by the run's {@link Names}): a server with one fixed relay port
     * cannot tell overlapping transfers apart, which only FILE-16 may judge, so cases with a single transfer must not
     * overlap either, whatever {@code --parallel} says.
     */
    private static final java.util.Map<Names, java.util.concurrent.Semaphore> RELAY_TURNS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private java.util.concurrent.Semaphore relayTurn;

    private java.util.function.Consumer<io.chatspec.protocol.Message> commandWatcher = m -> { };

    public Scenario(CaseEnv env) {
        this.env = env;
    }

    /** Lets the runner see each command a case sends (it charges a case for the transfers it leaves pending). */
    public void watchCommands(java.util.function.Consumer<io.chatspec.protocol.Message> watcher) {
        commandWatcher = watcher;
    }

    void commandSent(io.chatspec.protocol.Message m) {
        commandWatcher.accept(m);
    }

    public CaseEnv env() {
        return env;
    }

    public Duration replyTimeout() {
        return env.settings().replyTimeout();
    }

    public Duration quietWindow() {
        return env.settings().quietWindow();
    }

    public Duration transferTimeout() {
        return env.settings().transferTimeout();
    }

    // --- actors and setup helpers ---

    /** A new connection for a fresh, not yet registered user. */
    public Actor client(String role) {
        return adopt(new Actor(this, role, env.names().fresh(role), "pw-" + role, connect(role)));
    }

    /** A fresh user, registered on its own connection but never logged in. */
    public Actor registered(String role) {
        Actor a = client(role);
        given(() -> {
            a.register();
            a.receives(Expect.reply(Commands.REGISTER_REPLY, Results.SUCCESS));
        });
        return a;
    }

    /** A fresh user, registered and logged in on its connection. */
    public Actor user(String role) {
        return registered(role).loggedInNow();
    }

    public List<Actor> users(String... roles) {
        return Arrays.stream(roles).map(this::user).toList();
    }

    /** Makes {@code a} and {@code b} friends ({@code a} adds {@code b}); consumes the notice at {@code b}. */
    public void friends(Actor a, Actor b) {
        given(() -> {
            a.adds(b);
            a.receives(Expect.msg(Commands.ADD_REPLY).with("result", Results.SUCCESS).with("friend", b.name()));
            if (b.loggedIn()) {
                b.receives(Expect.msg(Commands.ADD_FRIEND_REPLY).with("result", a.name()));
            }
        });
    }

    /** A fresh group created by {@code creator} and joined by {@code members}; returns its name. */
    public String group(Actor creator, Actor... members) {
        String g = env.names().fresh("group");
        given(() -> {
            creator.createsGroup(g);
            creator.receives(Expect.msg(Commands.CREATE_GROUP_REPLY).with("result", Results.SUCCESS).with("group", g));
            for (Actor m : members) {
                m.joins(g);
                m.receives(Expect.msg(Commands.ADD_GROUP_REPLY).with("result", Results.SUCCESS).with("group", g));
            }
        });
        return g;
    }

    /**
     * Stops the target ({@code how}) and starts it again; every connection of the case is dead afterwards, so
     * actors {@link Actor#reconnects()} before they go on. SKIPs the case where the harness cannot restart it.
     */
    public void restartsTarget(Restarter.How how) {
        if (!env.restarter().available()) {
            throw new CaseSkipped("needs a target the harness starts itself (--start) to stop it with " + how);
        }
        env.restarter().stopAndStart(how);
        findings.add(Finding.info(null, "target stopped with " + how + " and started again"));
    }

    public String freshName(String base) {
        return env.names().fresh(base);
    }

    /** Runs setup steps: an unmet expectation here SKIPs the case instead of failing it. */
    public void given(Runnable steps) {
        setupDepth++;
        try {
            steps.run();
        } finally {
            setupDepth--;
        }
    }

    Actor adopt(Actor a) {
        actors.add(a);
        return a;
    }

    /**
     * This case judges names exactly as the target sends and reads them (MSG-1): {@code --alias} is not applied to
     * the connections it opens from now on.
     */
    public void judgesNamesAsSent() {
        namesAsSent = true;
    }

    ChatClient connect(String role) {
        ClientOptions options = ClientOptions.defaults().withMaxFrameBytes(env.settings().clientFrameLimit())
                .withAliases(namesAsSent ? Aliases.NONE : env.settings().aliases());
        try {
            ChatClient c = ChatClient.connect(role, env.address(), options);
            clients.add(c);
            return c;
        } catch (UncheckedIOException e) {
            throw new TargetUnreachable("cannot connect to " + env.address() + ": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Waits until no other case of this run has a relay transfer going, and keeps the relay to this case until it
     * ends: call before {@code send_file} that starts a transfer.
     */
    public void takeRelayTurn() {
        if (relayTurn == null) {
            java.util.concurrent.Semaphore turn = RELAY_TURNS.computeIfAbsent(env.names(),
                    n -> new java.util.concurrent.Semaphore(1, true));
            turn.acquireUninterruptibly();
            relayTurn = turn;
        }
    }

    /** Something to close at the end of the case (relay sockets). */
    public <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    // --- judging ---

    /** The rules the following steps check: an unmet expectation FAILs these rules. */
    public Scenario checks(String... rules) {
        if (!setupDrained) {
            setupDrained = true;
            drainSetupLeftovers();
        }
        currentRules = List.of(rules);
        checkedRules.addAll(currentRules);
        return this;
    }

    /**
     * End of setup: messages no setup step consumed (for example what a server sends after {@code login_reply},
     * LOGIN-9) are recorded as an INFO note and removed, so they cannot break a later "receives nothing" check.
     */
    private void drainSetupLeftovers() {
        List<String> seen = new ArrayList<>();
        for (ChatClient c : clients) {
            List<Message> left = c.drain();
            if (!left.isEmpty()) {
                seen.add(c.name() + ": " + render(left));
            }
        }
        if (!seen.isEmpty()) {
            findings.add(Finding.info(null, "after setup: unconsumed messages " + String.join("; ", seen)));
        }
    }

    /**
     * A check that is not a message expectation; unmet, it FAILs the step's first rule and stops the case (what
     * follows usually reads what was checked here).
     */
    public void require(boolean condition, String message, String expected, String observed) {
        require(firstRule(), condition, message, expected, observed);
    }

    /** As {@link #require(boolean, String, String, String)}, judged under {@code rule}. */
    public void require(String rule, boolean condition, String message, String expected, String observed) {
        if (!condition) {
            throw failure(rule, message, expected, observed);
        }
    }

    /**
     * A check nothing later depends on: unmet, it FAILs {@code rule} and the case goes on, so later rules are still
     * judged from what arrives (soft assertion).
     */
    public void verify(String rule, boolean condition, String message, String expected, String observed) {
        if (!condition) {
            recordFailure(rule, message, expected, observed);
        }
    }

    /**
     * Checks the silences together: the quiet window is waited once. A broken silence FAILs its own rule and the
     * others are still checked: an extra message changes nothing the next steps rely on.
     */
    public void quiet(Silence... silences) {
        Duration window = quietWindow();
        boolean first = true;
        for (Silence s : silences) {
            try {
                s.actor().client().expectNone(s.breaks(), s.describe(), first ? window : Duration.ZERO);
            } catch (ExpectationFailedException x) {
                recordFailure(s.rule() != null ? s.rule() : firstRule(), s.describe() + " within "
                        + window.toMillis() + " ms", s.describe(),
                        x.observed().stream().map(Message::raw).collect(Collectors.joining("\n")));
            }
            first = false;
        }
    }

    /**
     * Whether a message matching {@code p} reaches {@code a} within {@code wait}; it stays in the inbox for an
     * expectation to judge. For steps whose order depends on the target (a port message that some servers send
     * only after the sender connected).
     */
    public boolean arrives(Actor a, java.util.function.Predicate<Message> p, Duration wait) {
        try {
            a.client().expectNone(p, "", wait);
            return false;
        } catch (ExpectationFailedException x) {
            return !x.observed().isEmpty() && x.observed().stream().anyMatch(p);
        }
    }

    /**
     * Ends the case as INFO: {@code rule} cannot be judged on this target for a reason the spec allows (see
     * {@link CaseCannotRun}). Rules judged so far keep their verdicts.
     */
    public RuntimeException cannotRun(String rule, String reason) {
        findings.add(Finding.info(rule, "not judged: " + reason));
        return new CaseCannotRun(rule, reason);
    }

    /** Waits the quiet window once, then takes everything that arrived for each actor: for INFO observations. */
    public java.util.Map<Actor, List<Message>> observe(Actor... who) {
        if (who.length > 0) {
            who[0].client().expectNone(m -> false, "", quietWindow());
        }
        java.util.Map<Actor, List<Message>> out = new java.util.LinkedHashMap<>();
        for (Actor a : who) {
            out.put(a, a.client().drain());
        }
        return out;
    }

    /** Transcript sequence number of the first message {@code a} received matching {@code p}; -1 if none. */
    public long receivedSeq(Actor a, java.util.function.Predicate<Message> p) {
        return a.client().transcript().entries().stream()
                .filter(e -> e.direction() == io.chatspec.protocol.client.Direction.RECEIVED && e.message() != null
                        && p.test(e.message()))
                .mapToLong(io.chatspec.protocol.client.TranscriptEntry::seq).findFirst().orElse(-1);
    }

    /** The {@code cmd}s {@code a} received so far, in arrival order. */
    public List<String> receivedCmds(Actor a) {
        return a.client().transcript().entries().stream()
                .filter(e -> e.direction() == io.chatspec.protocol.client.Direction.RECEIVED && e.message() != null)
                .map(e -> String.valueOf(e.message().cmd())).toList();
    }

    public static String render(List<Message> ms) {
        return ms.isEmpty() ? "nothing" : ms.stream().map(Message::raw).collect(Collectors.joining(" "));
    }

    /**
     * Judge FRAME-4 in this case. Two messages in one read only prove server-side coalescing when the case never
     * has two messages due on one connection at once; elsewhere the OS may have merged separate segments.
     */
    public void judgeSegmentation() {
        judgeSegments = true;
    }

    /** Marks {@code m}, received by {@code client}, as one an expectation waited for. */
    void consumed(ChatClient client, Message m) {
        consumed.add(client.name() + "\u0000" + m.raw());
    }

    /** Was {@code m}, received by the client named {@code client}, consumed by an expectation of this case? */
    public boolean wasConsumed(String client, Message m) {
        return consumed.contains(client + "\u0000" + m.raw());
    }

    public boolean segmentationJudged() {
        return judgeSegments;
    }

    /** Records what the server did where the spec is silent (INFO). */
    public void record(String rule, String observation) {
        checkedRules.add(rule);
        findings.add(Finding.info(rule, observation));
    }

    void tolerate(List<Finding> deviations) {
        findings.addAll(deviations);
    }

    /**
     * An expectation was not met. During setup the case is SKIPPED. Otherwise exactly one rule FAILs: a name a typo
     * away from the expected one is MSG-1's; a message the spec does not define arriving instead is MSG-1's; a
     * message of the right {@code cmd} with a wrong field is the field's rule or the expectation's. When that message
     * carries the expected result, the state the case relies on came about, so it is returned and the case goes on;
     * otherwise the case stops.
     */
    Message unmet(Actor a, Expect e, Duration timeout, ExpectationFailedException x) {
        String what = a.role() + " did not receive " + e + " within " + timeout.toMillis() + " ms";
        String observed = observed(x, a.client());
        java.util.Optional<String> typo = Misspelling.hint(e, x.observed());
        if (setupDepth > 0) {
            throw new PrerequisiteFailure("prerequisite failed: " + what + "; observed " + observed
                    + typo.map(h -> "; " + h).orElse(""));
        }
        if (typo.isPresent()) {
            throw failure("MSG-1", what + ": " + typo.get(), e.toString(), observed);
        }
        String rule = e.rule() != null ? e.rule() : firstRule();
        Message sameCmd = x.observed().stream().filter(m -> e.expectedCmd() != null && e.expectedCmd().equals(m.cmd()))
                .findFirst().orElse(null);
        if (sameCmd != null) {
            Expect.Mismatch mismatch = e.mismatch(sameCmd);
            String own = mismatch.rule() != null ? mismatch.rule() : rule;
            String wantResult = e.expectedText("result");
            if (e.stops() || wantResult != null && !wantResult.equals(sameCmd.asText("result"))) {
                throw failure(own, what + ": " + mismatch.describe(sameCmd), e.toString(), observed);
            }
            recordFailure(own, what + ": " + mismatch.describe(sameCmd), e.toString(), observed);
            a.client().expect(m -> m == sameCmd, "the near match", Duration.ZERO);
            consumed(a.client(), sameCmd);
            return sameCmd;
        }
        Message foreign = e.expectedCmd() == null ? null : x.observed().stream()
                .filter(m -> m.cmd() == null || !Expect.SPEC_SERVER_CMDS.contains(m.cmd())).findFirst().orElse(null);
        if (foreign != null) {
            throw failure("MSG-1", what + ": received a message whose cmd the spec does not define ("
                    + foreign.raw() + ")", e.toString(), observed);
        }
        throw failure(rule, what, e.toString(), observed);
    }

    private String firstRule() {
        return currentRules.isEmpty() ? null : currentRules.get(0);
    }

    private void recordFailure(String rule, String message, String expected, String observed) {
        if (setupDepth > 0) {
            throw new PrerequisiteFailure("prerequisite failed: " + message + "; observed " + observed);
        }
        findings.add(new Finding(rule, Verdict.FAIL, message, expected, observed));
    }

    /** Records the FAIL under {@code rule} and returns what stops the case (SKIPPED instead during setup). */
    RuntimeException failure(String rule, String message, String expected, String observed) {
        recordFailure(rule, message, expected, observed);
        return new CaseStopped(message, currentRules);
    }

    static String observed(ExpectationFailedException x, ChatClient c) {
        StringBuilder sb = new StringBuilder();
        if (x.observed().isEmpty()) {
            sb.append("nothing");
        } else {
            sb.append(x.observed().stream().limit(SHOWN_MESSAGES).map(Message::raw).collect(Collectors.joining("\n")));
            if (x.observed().size() > SHOWN_MESSAGES) {
                sb.append("\n... and ").append(x.observed().size() - SHOWN_MESSAGES).append(" more");
            }
        }
        if (!c.malformed().isEmpty()) {
            sb.append("\nnon-JSON input: ").append(c.malformed());
        }
        if (x.connectionClosed()) {
            sb.append("\n(connection closed by the server)");
        }
        return sb.toString();
    }

    // --- shortcuts used by many cases ---

    /** {@code send_file} with {@code length} as the run sends it (string by default, number with --numeric-length). */
    public Message sendFile(Actor from, Actor to, long length, String filename) {
        return env.settings().numericLength() ? Messages.sendFileNumericLength(from.name(), to.name(), length, filename)
                : Messages.sendFile(from.name(), to.name(), length, filename);
    }

    /** {@code private_chat} to {@code a}: answers whether the server considers {@code a} online. */
    public String privateChatResult(Actor from, Actor to) {
        from.chats(to, "are you there?");
        Message reply = from.receives(Expect.cmd(Commands.PRIVATE_CHAT_REPLY));
        return reply.asText("result");
    }

    // --- results ---

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public Set<String> checkedRules() {
        return Set.copyOf(checkedRules);
    }

    public List<String> currentRules() {
        return currentRules;
    }

    public List<ChatClient> clients() {
        return List.copyOf(clients);
    }

    public List<Transcript> transcripts() {
        return clients.stream().map(ChatClient::transcript).toList();
    }

    /** Messages no expectation consumed, per client: useful context in a failure report. */
    public String leftovers() {
        return clients.stream().filter(c -> !c.inbox().isEmpty())
                .map(c -> c.name() + ": " + c.inbox().stream().map(Message::raw).collect(Collectors.joining(" ")))
                .collect(Collectors.joining("\n"));
    }

    /** True when the server closed any of this case's control connections on its own. */
    public boolean serverClosedAConnection() {
        return clients.stream().anyMatch(ChatClient::closedByServer);
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // best effort: the case is over
            }
        }
        for (ChatClient c : clients) {
            c.close();
        }
        if (relayTurn != null) {
            // after the relay sockets are closed: the next case's transfer starts on a quiet relay
            relayTurn.release();
            relayTurn = null;
        }
    }

    static Verdict worst(List<Finding> fs) {
        return fs.stream().map(Finding::verdict).reduce(Verdict.PASS, Verdict::worst);
    }
}
