package io.chatspec.server.it;

import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.server.store.ChatStore;
import io.chatspec.server.store.InMemoryChatStore;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.testng.Assert.assertEquals;

/**
 * A store that fails (a full disk, a broken database; here for names starting "broken") must not leave the client
 * without a reply: the command gets {@code failure}, the error is logged, and the connection goes on.
 */
public class StoreFailureSocketTest extends SocketTestBase {
    private static final String BROKEN = "broken";

    @Override
    protected ChatStore store() {
        return new FailingStore(new InMemoryChatStore());
    }

    @Test(description = "a create_group the store fails gets failure; the next command on the connection is answered")
    public void failedWriteIsAnswered() {
        String u = unique("storefail");
        ChatClient c = online(u);
        c.send(Messages.createGroup(u, BROKEN + unique("g")));
        c.send(Messages.createGroup(u, unique("g")));
        assertEquals(replies(c, 2), List.of("create_group_reply:failure", "create_group_reply:success"));
    }

    @Test(description = "a register whose account the store fails to write gets failure, after its password hash")
    public void failedAccountIsAnswered() {
        ChatClient c = connect(unique("regfail"));
        c.send(Messages.register(BROKEN + unique("u"), "pw"));
        c.send(Messages.register(unique("u"), "pw"));
        assertEquals(replies(c, 2), List.of("register_reply:failure", "register_reply:success"));
    }

    /** Throws on writes of names starting {@value #BROKEN}; everything else goes to the real store. */
    private record FailingStore(ChatStore real) implements ChatStore {
        private static String check(String name) {
            if (name.startsWith(BROKEN)) {
                throw new IllegalStateException("store write failed for this test");
            }
            return name;
        }

        @Override
        public boolean createUser(String user, String passwordHash) {
            return real.createUser(check(user), passwordHash);
        }

        @Override
        public boolean userExists(String user) {
            return real.userExists(user);
        }

        @Override
        public Optional<String> passwordHash(String user) {
            return real.passwordHash(user);
        }

        @Override
        public boolean addFriendship(String a, String b) {
            return real.addFriendship(check(a), check(b));
        }

        @Override
        public boolean areFriends(String a, String b) {
            return real.areFriends(a, b);
        }

        @Override
        public Set<String> friendsOf(String user) {
            return real.friendsOf(user);
        }

        @Override
        public boolean createGroup(String group, String creator) {
            return real.createGroup(check(group), creator);
        }

        @Override
        public boolean groupExists(String group) {
            return real.groupExists(group);
        }

        @Override
        public boolean addMember(String group, String user) {
            return real.addMember(check(group), user);
        }

        @Override
        public List<String> membersOf(String group) {
            return real.membersOf(group);
        }

        @Override
        public long records() {
            return real.records();
        }
    }
}
