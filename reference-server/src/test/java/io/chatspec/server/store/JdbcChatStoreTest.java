package io.chatspec.server.store;

import org.testng.annotations.AfterClass;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** The contract on H2 files, plus what only a durable store must do: keep it all across a close and reopen. */
public class JdbcChatStoreTest extends ChatStoreContract {
    private final List<JdbcChatStore> opened = new ArrayList<>();

    @Override
    protected ChatStore newStore() {
        try {
            JdbcChatStore s = JdbcChatStore.open(Files.createTempDirectory("chatspec-store"));
            opened.add(s);
            return s;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterClass(alwaysRun = true)
    public void closeAll() {
        opened.forEach(JdbcChatStore::close);
    }

    @Test(description = "everything the store was told survives closing and reopening the directory")
    public void reopens() throws IOException {
        Path dir = Files.createTempDirectory("chatspec-store");
        try (JdbcChatStore s = JdbcChatStore.open(dir)) {
            s.createUser("a", "ha");
            s.createUser("b", "hb");
            s.createUser("c", "hc");
            s.addFriendship("a", "c");
            s.addFriendship("b", "a");
            s.createGroup("g", "b");
            s.addMember("g", "a");
        }
        try (JdbcChatStore s = JdbcChatStore.open(dir)) {
            assertEquals(s.passwordHash("a"), Optional.of("ha"));
            assertEquals(List.copyOf(s.friendsOf("a")), List.of("c", "b"));
            assertTrue(s.areFriends("c", "a"));
            assertEquals(s.membersOf("g"), List.of("b", "a"));
            assertTrue(s.createUser("d", "hd"), "the schema migration runs once, the tables stay writable");
        }
    }
}
