package io.chatspec.server.store;

import org.testng.annotations.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/** What every {@link ChatStore} must do; a durable store extends this with its own {@link #newStore()}. */
public abstract class ChatStoreContract {

    protected abstract ChatStore newStore();

    @Test(description = "REG-1 REG-2 REG-3 accounts: created once, the first password hash kept")
    public void users() {
        ChatStore s = newStore();
        assertFalse(s.userExists("小明"));
        assertTrue(s.createUser("小明", "$argon2id$first"));
        assertFalse(s.createUser("小明", "$argon2id$second"));
        assertTrue(s.userExists("小明"));
        assertEquals(s.passwordHash("小明"), Optional.of("$argon2id$first"));
        assertEquals(s.passwordHash("nobody"), Optional.empty());
        assertFalse(s.userExists("nobody"));
        String longName = "名".repeat(20_000);
        assertTrue(s.createUser(longName, "h"));
        assertTrue(s.userExists(longName));
    }

    @Test(description = "ADD-7 friendships are mutual, recorded once, in order")
    public void friendships() {
        ChatStore s = newStore();
        for (String u : List.of("a", "b", "c")) {
            s.createUser(u, "pw");
        }
        assertTrue(s.addFriendship("a", "b"));
        assertFalse(s.addFriendship("a", "b"));
        assertFalse(s.addFriendship("b", "a"));
        assertTrue(s.addFriendship("c", "a"));
        assertTrue(s.areFriends("b", "a"));
        assertFalse(s.areFriends("b", "c"));
        assertEquals(List.copyOf(s.friendsOf("a")), List.of("b", "c"));
        assertEquals(s.friendsOf("b"), Set.of("a"));
        assertEquals(s.friendsOf("nobody"), Set.of());
    }

    @Test(description = "CGROUP-3 JOIN-2 MEMBER-2 groups: creator first, members once, join order kept")
    public void groups() {
        ChatStore s = newStore();
        assertFalse(s.groupExists("g"));
        assertEquals(s.membersOf("g"), List.of());
        assertTrue(s.createGroup("g", "a"));
        assertFalse(s.createGroup("g", "b"));
        assertTrue(s.addMember("g", "c"));
        assertTrue(s.addMember("g", "b"));
        assertFalse(s.addMember("g", "a"));
        assertEquals(s.membersOf("g"), List.of("a", "c", "b"));
    }

    @Test(description = "the store budget counts records: accounts, friendships once per pair, groups, memberships")
    public void recordsCountWhatWasStoredOnce() {
        ChatStore s = newStore();
        assertEquals(s.records(), 0);
        s.createUser("a", "h");
        s.createUser("b", "h");
        s.createUser("a", "other");
        assertEquals(s.records(), 2);
        s.addFriendship("a", "b");
        s.addFriendship("b", "a");
        assertEquals(s.records(), 3);
        s.createGroup("g", "a");
        s.createGroup("g", "b");
        assertEquals(s.records(), 5, "a group and its creator's membership");
        s.addMember("g", "b");
        s.addMember("g", "b");
        assertEquals(s.records(), 6);
    }
}
