package io.chatspec.server.it;

import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.server.password.PasswordHasher;
import io.chatspec.server.password.PasswordHashing;
import org.testng.annotations.Test;

import java.util.List;

import static org.testng.Assert.assertEquals;

/**
 * A hasher that throws (here for the password "boom") must not leave the client without a reply: the register or
 * login gets {@code failure} from the password pool's thread, and the commands pipelined behind it run in order.
 */
public class PasswordFailureSocketTest extends SocketTestBase {
    private static final String BOOM = "boom";

    @Override
    protected PasswordHashing hasher() {
        PasswordHasher real = PasswordHasher.light();
        return new PasswordHashing() {
            @Override
            public String hash(String password) {
                if (BOOM.equals(password)) {
                    throw new IllegalStateException("hasher broken for this test");
                }
                return real.hash(password);
            }

            @Override
            public boolean verify(String password, String encoded) {
                if (BOOM.equals(password)) {
                    throw new IllegalArgumentException("stored hash unreadable for this test");
                }
                return real.verify(password, encoded);
            }
        };
    }

    @Test(description = "a register whose hashing throws gets failure; the connection goes on and the name stays free")
    public void hashingThrows() {
        String u = unique("hashfail");
        ChatClient c = connect(u);
        c.send(Messages.register(u, BOOM));
        c.send(Messages.getGroupMember(unique("g")));
        c.send(Messages.register(u, "pw"));
        c.send(Messages.login(u, "pw"));
        assertEquals(replies(c, 4), List.of("register_reply:failure", "get_group_member_reply:group_not_exist",
                "register_reply:success", "login_reply:success"));
    }

    @Test(description = "a login whose password check throws gets failure; the next login on the connection works")
    public void verifyingThrows() {
        String u = unique("checkfail");
        register(u);
        ChatClient c = connect(u);
        c.send(Messages.login(u, BOOM));
        c.send(Messages.createGroup(u, unique("g")));
        c.send(Messages.login(u, "pw"));
        assertEquals(replies(c, 3), List.of("login_reply:failure", "create_group_reply:not_logged_in",
                "login_reply:success"));
    }
}
