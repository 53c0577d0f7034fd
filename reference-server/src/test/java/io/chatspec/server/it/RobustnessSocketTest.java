package io.chatspec.server.it;

import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.table.CommandSpec;
import io.chatspec.protocol.table.CommandTable;
import io.chatspec.protocol.table.FieldSpec;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static io.chatspec.protocol.Commands.*;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** FRAME-12 and FRAME-13 over sockets: many clients at once, and every wrongly typed field, hurt nobody. */
public class RobustnessSocketTest extends SocketTestBase {
    private static final List<String> WRONG_TYPES = List.of("{\"a\":1}", "[1,2]", "null", "7", "true");

    @Test(description = "FRAME-13 each field of each command with each wrong JSON type, and an object or array as cmd, "
            + "gets answered while a neighbour keeps chatting")
    public void wronglyTypedFields() {
        String alice = unique("alice"), bob = unique("bob");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        ChatClient evil = connect("evil");
        List<String> inputs = new ArrayList<>(List.of("{\"cmd\":{\"x\":\"register\"}}", "{\"cmd\":[\"login\"]}"));
        for (CommandSpec command : CommandTable.COMMANDS) {
            for (FieldSpec field : command.fields()) {
                for (String value : WRONG_TYPES) {
                    StringBuilder json = new StringBuilder("{\"cmd\":\"").append(command.cmd()).append('"');
                    for (FieldSpec f : command.fields()) {
                        json.append(",\"").append(f.name()).append("\":")
                                .append(f.equals(field) ? value : "\"" + alice + "\"");
                    }
                    inputs.add(json.append('}').toString());
                }
            }
        }
        int n = 0;
        for (String input : inputs) {
            evil.sendRaw(input + "\n");
            String text = "after input " + n++;
            assertEquals(call(a, Messages.privateChat(alice, bob, text)).result(), "success", input);
            assertEquals(b.expectCmd(PRIVATE_CHAT, WAIT).text("text"), text, input);
        }
        // the sender itself is still served after all that
        String g = unique("g");
        evil.send(Messages.getGroupMember(g));
        assertEquals(evil.expect(m -> GET_GROUP_MEMBER_REPLY.equals(m.cmd()) && g.equals(m.text("group")), WAIT).result(),
                "group_not_exist");
        assertTrue(evil.isOpen());
        assertTrue(inputs.size() > 100, "only " + inputs.size() + " inputs");
    }

    @Test(description = "FRAME-12 sixteen connections released together register, log in and chat; each is answered")
    public void simultaneousCommands() throws Exception {
        int crowd = 16;
        List<ChatClient> clients = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < crowd; i++) {
            clients.add(connect("crowd" + i));
            users.add(unique("crowd" + i));
        }
        for (String step : List.of(REGISTER, LOGIN, PRIVATE_CHAT)) {
            CyclicBarrier barrier = new CyclicBarrier(crowd);
            List<CompletableFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < crowd; i++) {
                ChatClient c = clients.get(i);
                String user = users.get(i), peer = users.get((i + 1) % crowd);
                replies.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return call(c, switch (step) {
                        case REGISTER -> Messages.register(user, "pw");
                        case LOGIN -> Messages.login(user, "pw");
                        default -> Messages.privateChat(user, peer, "hi " + user);
                    }).result();
                }));
            }
            for (CompletableFuture<String> reply : replies) {
                assertEquals(reply.get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS), "success", step);
            }
        }
        for (int i = 0; i < crowd; i++) {
            assertEquals(clients.get(i).expectCmd(PRIVATE_CHAT, WAIT).text("user_from"), users.get((i + crowd - 1) % crowd));
        }
    }
}
