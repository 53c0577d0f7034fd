package io.chatspec.server.domain;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.server.domain.Effect.Send;
import io.chatspec.server.store.InMemoryChatStore;

import java.util.List;

import static org.testng.Assert.assertEquals;

/** A fresh domain plus shorthands for the setup steps every rule test needs. No sockets. */
final class DomainFixture {
    final InMemoryChatStore store = new InMemoryChatStore();
    final ChatDomain domain = new ChatDomain(store);
    private long nextSession;

    SessionId connect() {
        SessionId s = new SessionId(++nextSession);
        assertEquals(domain.connected(s), List.of());
        return s;
    }

    /** Registers {@code user} (password "pw") and logs it in on a new session; the login's effects are dropped. */
    SessionId online(String user) {
        SessionId s = connect();
        store.createUser(user, "pw");
        domain.handle(s, Messages.login(user, "pw"));
        return s;
    }

    void registered(String... users) {
        for (String u : users) {
            store.createUser(u, "pw");
        }
    }

    void friends(String a, String b) {
        store.addFriendship(a, b);
    }

    List<Effect> handle(SessionId s, Message m) {
        return domain.handle(s, m);
    }

    static Send send(SessionId to, String cmd, Object... fields) {
        return new Send(to, Message.of(cmd, fields));
    }

    static Send reply(SessionId to, String cmd, String result) {
        return new Send(to, Message.of(cmd, "result", result));
    }
}
