package io.chatspec.server.domain;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.server.domain.Effect.Send;
import io.chatspec.server.password.PasswordHasher;
import io.chatspec.server.store.InMemoryChatStore;

import java.util.ArrayList;
import java.util.List;

import static org.testng.Assert.assertEquals;

/**
 * A fresh domain plus shorthands for the setup steps every rule test needs. No sockets. {@link #handle} plays the
 * edge for password steps: it hashes or verifies at once (with cheap parameters) and appends the continuation's
 * effects, so rule tests see a command's whole outcome.
 */
final class DomainFixture {
    /** Cheapest Argon2id: the rule tests are about the protocol, not the hash cost. */
    static final PasswordHasher HASHER = new PasswordHasher(8, 1);

    final InMemoryChatStore store = new InMemoryChatStore();
    long nanos;
    final ChatDomain domain;
    private long nextSession;

    DomainFixture() {
        this(DomainLimits.DEFAULTS);
    }

    DomainFixture(DomainLimits limits) {
        domain = new ChatDomain(store, () -> nanos, limits);
    }

    SessionId connect() {
        SessionId s = new SessionId(++nextSession);
        assertEquals(domain.connected(s), List.of());
        return s;
    }

    /** Registers {@code user} (password "pw") and logs it in on a new session; the login's effects are dropped. */
    SessionId online(String user) {
        SessionId s = connect();
        store.createUser(user, HASHER.hash("pw"));
        handle(s, Messages.login(user, "pw"));
        return s;
    }

    void registered(String... users) {
        for (String u : users) {
            store.createUser(u, HASHER.hash("pw"));
        }
    }

    void friends(String a, String b) {
        store.addFriendship(a, b);
    }

    List<Effect> handle(SessionId s, Message m) {
        return completePasswordSteps(domain.handle(s, m));
    }

    /** Carries out password effects the way the gateway does, minus threads; delays are only checked, not waited. */
    List<Effect> completePasswordSteps(List<Effect> effects) {
        List<Effect> out = new ArrayList<>();
        for (Effect e : effects) {
            if (e instanceof Effect.HashPassword h) {
                out.addAll(domain.passwordHashed(h.session(), h.user(), HASHER.hash(h.password())));
            } else if (e instanceof Effect.VerifyPassword v) {
                out.addAll(domain.passwordChecked(v.session(), v.user(), HASHER.verify(v.password(), v.storedHash())));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    static Send send(SessionId to, String cmd, Object... fields) {
        return new Send(to, Message.of(cmd, fields));
    }

    static Send reply(SessionId to, String cmd, String result) {
        return new Send(to, Message.of(cmd, "result", result));
    }
}
