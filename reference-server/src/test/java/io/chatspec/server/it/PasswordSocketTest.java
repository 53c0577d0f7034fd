package io.chatspec.server.it;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.server.domain.LoginThrottle;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** Passwords over real sockets: hashing happens off the event loop, yet replies keep command order. */
public class PasswordSocketTest extends SocketTestBase {

    @Test(description = "MSG-7 LOGIN-3 commands pipelined behind a register and a login wait for their hashes, in order")
    public void pipelinedCommandsKeepOrder() {
        String u = unique("pipe");
        ChatClient c = connect(u);
        c.send(Messages.register(u, "pw"));
        c.send(Messages.login(u, "pw"));
        c.send(Messages.createGroup(u, unique("g")));
        c.send(Messages.login(u, "wrong"));
        c.send(Messages.add(u, u));
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Message m = c.expect(x -> x.cmd() != null && x.cmd().endsWith("_reply"), WAIT);
            replies.add(m.cmd() + ":" + m.result());
        }
        assertEquals(replies, List.of("register_reply:success", "login_reply:success", "create_group_reply:success",
                "login_reply:password_error", "add_reply:bad_request"));
    }

    @Test(description = "LOGIN-2 repeated wrong passwords still get password_error, but slower and slower")
    public void guessingIsSlowedDown() {
        String u = unique("victim");
        register(u);
        ChatClient guesser = connect("guesser");
        int attempts = LoginThrottle.FREE_FAILURES + 2;
        long start = System.nanoTime();
        for (int i = 0; i < attempts; i++) {
            guesser.send(Messages.login(u, "guess" + i));
        }
        for (int i = 0; i < attempts; i++) {
            assertEquals(guesser.expectCmd("login_reply", Duration.ofSeconds(20)).result(), "password_error");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Duration throttled = LoginThrottle.FIRST_DELAY.plus(LoginThrottle.FIRST_DELAY.multipliedBy(2));
        assertTrue(took.compareTo(throttled) >= 0, "took " + took + ", expected at least " + throttled);
        // The owner still gets in (after at most the capped wait), and that clears the account's count.
        ChatClient owner = connect(u);
        owner.send(Messages.login(u, "pw"));
        assertEquals(owner.expectCmd("login_reply", Duration.ofSeconds(20)).result(), "success");
    }
}
