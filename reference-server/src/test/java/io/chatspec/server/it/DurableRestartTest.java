package io.chatspec.server.it;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.server.ServerProcess;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.testng.Assert.assertEquals;

/**
 * With {@code --data}, a change is on disk before its reply leaves: a burst of acknowledged changes, SIGKILL the
 * moment the last reply arrives, restart on the same directory, and every one of them is there.
 */
public class DurableRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int USERS = 12;

    @Test(description = "DURABLE-1 DURABLE-2 DURABLE-3 DURABLE-4 DURABLE-5 DURABLE-6 every acknowledged change survives kill -9, sessions do not")
    public void acknowledgedChangesSurviveSigkill() throws Exception {
        Path data = Files.createTempDirectory("chatspec-durable");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add("u" + i + "-用户");
        }
        try (ServerProcess first = ServerProcess.start("--port", "0", "--data", data.toString())) {
            try (ChatClient c = ChatClient.connect("burst", first.address())) {
                // Pipelined: the server answers in order, so the last reply acknowledges everything before it.
                for (String u : users) {
                    c.send(Messages.register(u, "pw-" + u));
                }
                c.send(Messages.login(users.get(0), "pw-" + users.get(0)));
                for (int i = 1; i < USERS; i++) {
                    c.send(Messages.add(users.get(0), users.get(i)));
                }
                c.send(Messages.createGroup(users.get(0), "g1"));
                c.send(Messages.createGroup(users.get(0), "g2"));
                c.send(Messages.login(users.get(1), "pw-" + users.get(1)));
                c.send(Messages.addGroup(users.get(1), "g1"));
                for (int i = 0; i < USERS; i++) {
                    assertEquals(c.expectCmd("register_reply", WAIT).result(), "success");
                }
                assertEquals(c.expectCmd("login_reply", WAIT).result(), "success");
                for (int i = 1; i < USERS; i++) {
                    assertEquals(c.expectCmd("add_reply", WAIT).result(), "success");
                }
                assertEquals(c.expectCmd("create_group_reply", WAIT).result(), "success");
                assertEquals(c.expectCmd("create_group_reply", WAIT).result(), "success");
                assertEquals(c.expectCmd("login_reply", WAIT).result(), "success");
                assertEquals(c.expectCmd("add_group_reply", WAIT).result(), "success");
            }
            first.kill();
        }
        try (ServerProcess second = ServerProcess.start("--port", "0", "--data", data.toString());
             ChatClient c = ChatClient.connect("after", second.address())) {
            for (String u : users) {
                c.send(Messages.register(u, "other"));
                assertEquals(c.expectCmd("register_reply", WAIT).result(), "failure", u + " is taken");
            }
            c.send(Messages.login(users.get(2), "wrong"));
            assertEquals(c.expectCmd("login_reply", WAIT).result(), "password_error");
            c.send(Messages.getGroupMember("g1"));
            Message members = c.expectCmd("get_group_member_reply", WAIT);
            assertEquals(members.text("member"), users.get(0) + "|" + users.get(1));
            c.send(Messages.getGroupMember("g2"));
            assertEquals(c.expectCmd("get_group_member_reply", WAIT).text("member"), users.get(0));
            c.send(Messages.login(users.get(0), "pw-" + users.get(0)));
            assertEquals(c.expectCmd("login_reply", WAIT).result(), "success");
            c.send(Messages.privateChat(users.get(0), users.get(1), "still online?"));
            assertEquals(c.expectCmd("private_chat_reply", WAIT).result(), "offline", "sessions do not survive");
            for (int i = 1; i < USERS; i++) {
                c.send(Messages.add(users.get(0), users.get(i)));
                assertEquals(c.expectCmd("add_reply", WAIT).result(), "already_friend", users.get(i));
            }
            c.send(Messages.createGroup(users.get(0), "g2"));
            assertEquals(c.expectCmd("create_group_reply", WAIT).result(), "group_exist");
        }
    }
}
