package io.chatspec.server.it;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.chatspec.protocol.Commands.GET_GROUP_MEMBER_REPLY;
import static io.chatspec.protocol.Commands.PRIVATE_CHAT;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * The gateway writes at once when the recipient's connection belongs to the current event loop and hands the
 * write to the recipient's loop otherwise. Writes decided on the recipient's own loop (replies to its commands)
 * must not overtake writes handed to that loop earlier by other loops.
 *
 * <p>Each sender sends {@code private_chat} "k" to the recipient and then creates group k, so the domain decides
 * the chat before the group exists. The recipient polls {@code get_group_member} for all those groups in large
 * pipelined batches, keeping its loop busy deciding replies while chats from other loops wait on it. Once a reply
 * shows group k, chat k must already have arrived.
 */
public class RecipientOrderSocketTest extends SocketTestBase {
    private static final int SENDERS = 5;
    private static final int PER_SENDER = 30;

    @Test(description = "PRIV-1 messages to one recipient arrive in the order the server decided them")
    public void writesFromTheRecipientsLoopDoNotOvertakeHandedOffOnes() throws Exception {
        String recipient = unique("r");
        ChatClient r = online(recipient);
        List<String> names = new ArrayList<>();
        List<ChatClient> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            String name = unique("s" + s);
            names.add(name);
            senders.add(online(name));
        }
        List<String> groups = new ArrayList<>();
        names.forEach(n -> {
            for (int k = 0; k < PER_SENDER; k++) {
                groups.add(group(n, k));
            }
        });
        StringBuilder poll = new StringBuilder();
        groups.forEach(g -> poll.append(Messages.getGroupMember(g).toJson()).append('\n'));

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            ChatClient c = senders.get(s);
            String from = names.get(s);
            sending.add(CompletableFuture.runAsync(() -> {
                awaitLatch(start);
                for (int k = 0; k < PER_SENDER; k++) {
                    c.sendRaw(Messages.privateChat(from, recipient, from + "#" + k).toJson() + "\n"
                            + Messages.createGroup(from, group(from, k)).toJson() + "\n");
                }
            }));
        }
        AtomicBoolean sendersDone = new AtomicBoolean();
        CompletableFuture<Integer> polling = CompletableFuture.supplyAsync(() -> {
            awaitLatch(start);
            int batches = 0;
            // One more batch after the senders finish, so every group is seen to exist.
            boolean last = false;
            while (!last) {
                last = sendersDone.get();
                // at most two batches unanswered: a client that pipelines without reading is shed (LIMIT rules)
                int answeredAtLeast = (batches - 1) * groups.size();
                await().atMost(WAIT).until(() -> r.inbox().size() >= answeredAtLeast);
                r.sendRaw(poll.toString());
                batches++;
            }
            return batches;
        });
        start.countDown();
        CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get();
        // The senders' last create_group must be decided before the final poll batch is sent.
        for (ChatClient c : senders) {
            await().atMost(WAIT).until(() -> c.inbox().size() >= 2 * PER_SENDER);
            assertTrue(c.drain().stream().allMatch(m -> "success".equals(m.result())), c.name() + " replies");
        }
        sendersDone.set(true);
        int batches = polling.get();

        int expected = SENDERS * PER_SENDER + batches * groups.size();
        await().atMost(WAIT.multipliedBy(3)).until(() -> r.inbox().size() >= expected);
        Set<String> chats = new HashSet<>();
        Map<String, Integer> next = new HashMap<>();
        int replies = 0;
        int seenExisting = 0;
        for (Message m : r.drain()) {
            if (m.isCmd(PRIVATE_CHAT)) {
                String text = m.text("text");
                String[] parts = text.split("#");
                int want = next.getOrDefault(parts[0], 0);
                assertEquals(Integer.parseInt(parts[1]), want, "chat from " + parts[0] + " out of order");
                next.put(parts[0], want + 1);
                chats.add(text);
            } else {
                assertTrue(m.isCmd(GET_GROUP_MEMBER_REPLY), "unexpected " + m);
                String group = groups.get(replies % groups.size());
                replies++;
                if (!"group_not_exist".equals(m.result())) {
                    seenExisting++;
                    String chat = group.replace("~g", "#");
                    assertTrue(chats.contains(chat), "group " + group + " listed before chat " + chat + " arrived");
                }
            }
        }
        assertEquals(replies, batches * groups.size());
        assertEquals(chats.size(), SENDERS * PER_SENDER);
        assertTrue(seenExisting >= groups.size(), "the last batch sees every group");
    }

    private static String group(String sender, int k) {
        return sender + "~g" + k;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
