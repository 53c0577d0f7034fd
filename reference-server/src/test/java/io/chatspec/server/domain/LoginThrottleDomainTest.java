package io.chatspec.server.domain;

import io.chatspec.protocol.Messages;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.List;

import static io.chatspec.protocol.Commands.LOGIN_REPLY;
import static io.chatspec.protocol.Results.PASSWORD_ERROR;
import static io.chatspec.protocol.Results.SUCCESS;
import static io.chatspec.server.domain.DomainFixture.reply;
import static org.testng.Assert.assertEquals;

/** Password guessing is slowed as data: the login's VerifyPassword carries the wait, the edge does it. */
public class LoginThrottleDomainTest {

    private static Duration delayOfNextLogin(DomainFixture f, SessionId s, String user, String password) {
        List<Effect> effects = f.domain.handle(s, Messages.login(user, password));
        assertEquals(effects.size(), 1, effects.toString());
        return ((Effect.VerifyPassword) effects.get(0)).delay();
    }

    private static void fail(DomainFixture f, SessionId s, String user) {
        assertEquals(f.handle(s, Messages.login(user, "wrong")), List.of(reply(s, LOGIN_REPLY, PASSWORD_ERROR)));
    }

    @Test(description = "LOGIN-2 the first failures are free, then each doubles the wait up to the cap")
    public void doublesAfterFreeFailures() {
        DomainFixture f = new DomainFixture();
        f.registered("alice");
        SessionId s = f.connect();
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertEquals(delayOfNextLogin(f, s, "alice", "wrong"), Duration.ZERO);
            f.domain.passwordChecked(s, "alice", false);
        }
        assertEquals(delayOfNextLogin(f, s, "alice", "wrong"), Duration.ofMillis(250));
        fail(f, s, "alice");
        assertEquals(delayOfNextLogin(f, s, "alice", "wrong"), Duration.ofMillis(500));
        for (int i = 0; i < 10; i++) {
            fail(f, s, "alice");
        }
        assertEquals(delayOfNextLogin(f, s, "alice", "pw"), LoginThrottle.MAX_DELAY);
    }

    @Test(description = "the account's count follows the guesser to new connections, expires, and resets on success")
    public void perAccountAcrossConnections() {
        DomainFixture f = new DomainFixture();
        f.registered("alice", "bob");
        for (int i = 0; i < 4; i++) {
            fail(f, f.connect(), "alice");
        }
        assertEquals(delayOfNextLogin(f, f.connect(), "alice", "pw"), Duration.ofMillis(500));
        assertEquals(delayOfNextLogin(f, f.connect(), "bob", "pw"), Duration.ZERO, "other accounts unaffected");
        f.nanos += LoginThrottle.WINDOW.toNanos() + 1;
        assertEquals(delayOfNextLogin(f, f.connect(), "alice", "pw"), Duration.ZERO, "old failures expire");
        for (int i = 0; i < 4; i++) {
            fail(f, f.connect(), "alice");
        }
        SessionId ok = f.connect();
        assertEquals(f.handle(ok, Messages.login("alice", "pw")).get(0), reply(ok, LOGIN_REPLY, SUCCESS));
        assertEquals(delayOfNextLogin(f, f.connect(), "alice", "pw"), Duration.ZERO, "a success clears the count");
    }

    @Test(description = "a connection's own failures slow it whatever account it guesses at")
    public void perConnectionAcrossAccounts() {
        DomainFixture f = new DomainFixture();
        f.registered("a", "b", "c", "d", "e");
        SessionId s = f.connect();
        for (String u : List.of("a", "b", "c", "d")) {
            fail(f, s, u);
        }
        assertEquals(delayOfNextLogin(f, s, "e", "pw"), Duration.ofMillis(500));
        assertEquals(delayOfNextLogin(f, f.connect(), "e", "pw"), Duration.ZERO);
    }

    @Test(description = "a login whose connection closed while its password was checked changes nothing")
    public void checkAfterDisconnectIsDropped() {
        DomainFixture f = new DomainFixture();
        f.registered("alice");
        SessionId s = f.connect();
        f.domain.handle(s, Messages.login("alice", "pw"));
        f.domain.disconnected(s);
        assertEquals(f.domain.passwordChecked(s, "alice", true), List.of());
        assertEquals(f.domain.isOnline("alice"), false);
    }
}
