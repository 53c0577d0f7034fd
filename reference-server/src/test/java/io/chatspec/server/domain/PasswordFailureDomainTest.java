package io.chatspec.server.domain;

import io.chatspec.protocol.Messages;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.List;

import static io.chatspec.protocol.Commands.LOGIN_REPLY;
import static io.chatspec.protocol.Commands.REGISTER_REPLY;
import static io.chatspec.protocol.Results.FAILURE;
import static io.chatspec.protocol.Results.SUCCESS;
import static io.chatspec.server.domain.DomainFixture.reply;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;

/** When the edge cannot carry out a password step, the client still gets an answer and nothing else changes. */
public class PasswordFailureDomainTest {

    @Test(description = "a register whose hash failed gets failure and creates no account; the name stays free")
    public void hashFailure() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.connect();
        List<Effect> effects = f.domain.handle(s, Messages.register("alice", "pw"));
        assertEquals(effects.size(), 1, effects.toString());
        assertEquals(f.domain.passwordHashFailed(s), List.of(reply(s, REGISTER_REPLY, FAILURE)));
        assertFalse(f.store.userExists("alice"));
        assertEquals(f.handle(s, Messages.register("alice", "pw")), List.of(reply(s, REGISTER_REPLY, SUCCESS)));
    }

    @Test(description = "a login whose check failed gets failure, is not a wrong guess, and keeps the session's login")
    public void checkFailure() {
        DomainFixture f = new DomainFixture();
        f.registered("bob");
        SessionId s = f.online("alice");
        for (int i = 0; i < LoginThrottle.FREE_FAILURES + 3; i++) {
            List<Effect> effects = f.domain.handle(s, Messages.login("bob", "pw"));
            assertEquals(((Effect.VerifyPassword) effects.get(0)).delay(), Duration.ZERO, "attempt " + i);
            assertEquals(f.domain.passwordCheckFailed(s), List.of(reply(s, LOGIN_REPLY, FAILURE)));
        }
        assertEquals(f.domain.userOn(s).orElseThrow(), "alice");
        assertFalse(f.domain.isOnline("bob"));
    }

    @Test(description = "nothing is sent to a connection that left while its password step ran")
    public void goneMeanwhile() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.connect();
        f.domain.disconnected(s);
        assertEquals(f.domain.passwordHashFailed(s), List.of());
        assertEquals(f.domain.passwordCheckFailed(s), List.of());
    }
}
