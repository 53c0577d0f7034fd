package io.chatspec.server.it;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import org.testng.annotations.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static io.chatspec.protocol.Commands.*;
import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

/** The ten commands end to end over real sockets, with several clients watching who gets what. */
public class ChatFlowSocketTest extends SocketTestBase {

    @Test(description = "LOGIN-3 LOGIN-4 LOGIN-5 LOGIN-6 LOGIN-7 friend_login reaches online friends only, once")
    public void loginNotifiesOnlineFriendsOnly() {
        String alice = unique("alice"), bob = unique("bob"), carol = unique("carol"), dave = unique("dave");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        ChatClient c = online(carol);
        ChatClient d = online(dave);
        befriend(a, alice, b, bob);
        befriend(a, alice, c, carol);
        c.send(Messages.offline(carol));
        a.expect(m -> m.isCmd(FRIEND_OFFLINE) && carol.equals(m.text("friend")), WAIT);
        a.send(Messages.offline(alice));
        b.expect(m -> m.isCmd(FRIEND_OFFLINE), WAIT);

        ChatClient a2 = connect(alice + "-2");
        login(a2, alice);
        assertEquals(b.expectCmd(FRIEND_LOGIN, WAIT), Message.of(FRIEND_LOGIN, "friend", alice));
        b.expectNone(m -> m.isCmd(FRIEND_LOGIN), "second friend_login", QUIET);
        assertQuiet(c, d, a2);
        // LOGIN-5: carol was offline at the time; logging in later brings nothing about alice's login
        login(c, carol);
        c.expectNone(m -> m.isCmd(FRIEND_LOGIN), "friend_login for an earlier login", QUIET);
        a2.expect(m -> m.isCmd(FRIEND_LOGIN) && carol.equals(m.text("friend")), WAIT);
    }

    @Test(description = "ADD-3 ADD-4 ADD-5 ADD-6 ADD-7 add: success to the adder, add_friend_reply to the online target only")
    public void addFriend() {
        String alice = unique("alice"), bob = unique("bob"), carol = unique("carol"), dave = unique("dave");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        ChatClient c = online(carol);
        register(dave);
        assertEquals(call(a, Messages.add(alice, bob)), Message.of(ADD_REPLY, "result", "success", "friend", bob));
        assertEquals(b.expectCmd(ADD_FRIEND_REPLY, WAIT), Message.of(ADD_FRIEND_REPLY, "result", alice));
        assertEquals(call(b, Messages.add(bob, alice)).result(), "already_friend");
        assertEquals(call(a, Messages.add(alice, dave)).result(), "success");
        ChatClient d = connect(dave);
        login(d, dave);
        d.expectNone(m -> m.isCmd(ADD_FRIEND_REPLY), "queued add_friend_reply", QUIET);
        a.expectNone(m -> m.isCmd(ADD_FRIEND_REPLY), "add_friend_reply to the adder", QUIET);
        assertQuiet(c, b);
    }

    @Test(description = "PRIV-1 PRIV-2 PRIV-7 private_chat is forwarded once, to the recipient only; the sender gets success")
    public void privateChat() {
        String alice = unique("小明"), bob = unique("小花"), carol = unique("carol");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        ChatClient c = online(carol);
        String text = "你好 {\"x\":1}; \n end";
        assertEquals(call(a, Messages.privateChat(alice, bob, text)).result(), "success");
        assertEquals(b.expectCmd(PRIVATE_CHAT, WAIT), Messages.privateChat(alice, bob, text));
        assertQuiet(b, c, a);
    }

    @Test(description = "PRIV-3 PRIV-4 PRIV-5 PRIV-6 OFF-1 OFF-7 offline recipients (never logged in, offline, dropped) "
            + "get nothing, now or later")
    public void privateChatToOfflineUsers() {
        String alice = unique("alice"), bob = unique("bob"), carol = unique("carol"), dave = unique("dave");
        ChatClient a = online(alice);
        register(bob);
        assertEquals(call(a, Messages.privateChat(alice, bob, "x")).result(), "offline");
        ChatClient c = online(carol);
        c.send(Messages.offline(carol));
        await().atMost(WAIT).until(() -> !server.inspect(d -> d.isOnline(carol)));
        assertEquals(call(a, Messages.privateChat(alice, carol, "x")).result(), "offline");
        ChatClient d = online(dave);
        d.close();
        await().atMost(WAIT).until(() -> !server.inspect(dom -> dom.isOnline(dave)));
        assertEquals(call(a, Messages.privateChat(alice, dave, "x")).result(), "offline");
        ChatClient b = connect(bob);
        login(b, bob);
        b.expectNothing(QUIET);
        assertEquals(call(a, Messages.privateChat(alice, unique("ghost"), "x")).result(), "offline");
    }

    @Test(description = "CGROUP-1 CGROUP-2 CGROUP-3 JOIN-1 JOIN-2 JOIN-3 JOIN-4 MEMBER-1 MEMBER-2 MEMBER-3 MEMBER-4 groups and member lists")
    public void groupsAndMembers() {
        String alice = unique("alice"), bob = unique("bob"), carol = unique("carol"), group = unique("学习");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        ChatClient c = online(carol);
        assertEquals(call(a, Messages.createGroup(alice, group)),
                Message.of(CREATE_GROUP_REPLY, "result", "success", "group", group));
        assertEquals(call(b, Messages.createGroup(bob, group)).result(), "group_exist");
        assertEquals(call(c, Messages.getGroupMember(group)),
                Message.of(GET_GROUP_MEMBER_REPLY, "member", alice, "group", group));
        String missing = unique("missing");
        assertEquals(call(b, Messages.addGroup(bob, missing)).result(), "group_not_exist");
        assertEquals(call(b, Messages.getGroupMember(missing)),
                Message.of(GET_GROUP_MEMBER_REPLY, "result", "group_not_exist", "group", missing));
        assertEquals(call(b, Messages.addGroup(bob, group)), Message.of(ADD_GROUP_REPLY, "result", "success", "group", group));
        assertEquals(call(a, Messages.addGroup(alice, group)).result(), "user_in_group");
        b.send(Messages.offline(bob));
        Message members = call(c, Messages.getGroupMember(group));
        assertNull(members.result());
        assertEquals(new HashSet<>(Arrays.asList(members.text("member").split("\\|", -1))), Set.of(alice, bob));
        assertEquals(members.text("member").split("\\|", -1).length, 2);
    }

    @Test(description = "GCHAT-1 GCHAT-2 GCHAT-3 GCHAT-4 EDGE-11 EDGE-12 group_chat reaches online members but the sender, once")
    public void groupChat() {
        String alice = unique("alice"), bob = unique("bob"), carol = unique("carol"), dave = unique("dave"),
                eve = unique("eve"), group = unique("g");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        ChatClient c = online(carol);
        ChatClient d = online(dave);
        ChatClient e = online(eve);
        call(a, Messages.createGroup(alice, group));
        call(b, Messages.addGroup(bob, group));
        call(c, Messages.addGroup(carol, group));
        call(d, Messages.addGroup(dave, group));
        d.send(Messages.offline(dave));
        await().atMost(WAIT).until(() -> !server.inspect(dom -> dom.isOnline(dave)));
        assertEquals(call(b, Messages.groupChat(bob, group, "hello 群")).result(), "success");
        Message forward = Messages.groupChat(bob, group, "hello 群");
        assertEquals(a.expectCmd(GROUP_CHAT, WAIT), forward);
        assertEquals(c.expectCmd(GROUP_CHAT, WAIT), forward);
        assertQuiet(a, c, b, e);
        login(d, dave);
        d.expectNone(m -> m.isCmd(GROUP_CHAT), "stored group_chat", QUIET);

        assertEquals(call(e, Messages.groupChat(eve, group, "x")).result(), "not_in_group");
        assertEquals(call(e, Messages.groupChat(eve, unique("none"), "x")).result(), "group_not_exist");
        a.expectNothing(QUIET);
    }

    @Test(description = "OFF-2 OFF-3 OFF-4 OFF-5 OFF-8 SESS-6 offline: friend_offline to online friends only, no reply; "
            + "re-login keeps everything")
    public void offline() {
        String alice = unique("alice"), bob = unique("bob"), carol = unique("carol"), dave = unique("dave"),
                group = unique("g");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        ChatClient c = online(carol);
        ChatClient d = online(dave);
        befriend(a, alice, b, bob);
        befriend(a, alice, c, carol);
        call(a, Messages.createGroup(alice, group));
        c.send(Messages.offline(carol));
        a.expect(m -> m.isCmd(FRIEND_OFFLINE), WAIT);

        a.send(Messages.offline(alice));
        assertEquals(b.expectCmd(FRIEND_OFFLINE, WAIT), Message.of(FRIEND_OFFLINE, "friend", alice));
        assertQuiet(b, a, d);
        login(c, carol);
        c.expectNone(m -> m.isCmd(FRIEND_OFFLINE), "friend_offline for an earlier offline", QUIET);
        assertEquals(call(a, Messages.createGroup(alice, unique("g"))).result(), "not_logged_in");

        ChatClient a2 = connect(alice);
        login(a2, alice);
        b.expectCmd(FRIEND_LOGIN, WAIT);
        assertEquals(call(a2, Messages.add(alice, bob)).result(), "already_friend");
        assertEquals(call(a2, Messages.addGroup(alice, group)).result(), "user_in_group");
    }

    @Test(description = "OFF-6 OFF-7 a dropped connection notifies online friends once and takes the user offline")
    public void droppedConnection() {
        String alice = unique("alice"), bob = unique("bob");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        befriend(a, alice, b, bob);
        a.close();
        assertEquals(b.expectCmd(FRIEND_OFFLINE, WAIT), Message.of(FRIEND_OFFLINE, "friend", alice));
        b.expectNothing(QUIET);
        assertEquals(call(b, Messages.privateChat(bob, alice, "x")).result(), "offline");
    }

    @Test(description = "EDGE-1 EDGE-2 EDGE-3 EDGE-4 EDGE-5 EDGE-6 a second login takes over silently; closing the old connection is harmless")
    public void takeover() {
        String alice = unique("alice"), bob = unique("bob");
        ChatClient c1 = online(alice);
        ChatClient b = online(bob);
        befriend(c1, alice, b, bob);
        ChatClient c2 = connect(alice + "-2");
        login(c2, alice);
        assertQuiet(b, c1);
        call(b, Messages.privateChat(bob, alice, "to the new one"));
        assertEquals(c2.expectCmd(PRIVATE_CHAT, WAIT).text("text"), "to the new one");
        c1.expectNothing(QUIET);
        assertEquals(call(c1, Messages.groupChat(alice, unique("g"), "x")).result(), "not_logged_in");
        int before = connections();
        c1.close();
        awaitConnections(before - 1);
        b.expectNothing(QUIET);
        assertTrue(server.inspect(d -> d.isOnline(alice)));
        assertEquals(call(b, Messages.privateChat(bob, alice, "still there")).result(), "success");
        c2.expectCmd(PRIVATE_CHAT, WAIT);
    }

    @Test(description = "EDGE-7 EDGE-8 EDGE-9 login over another user: a failed one changes nothing, a successful one logs them out")
    public void loginOverAnotherUser() {
        String alice = unique("alice"), bob = unique("bob"), carol = unique("carol");
        ChatClient s = online(bob);
        ChatClient c = online(carol);
        befriend(s, bob, c, carol);
        register(alice);
        s.send(Messages.login(alice, "wrong"));
        assertEquals(s.expectCmd(LOGIN_REPLY, WAIT).result(), "password_error");
        c.expectNothing(QUIET);
        assertEquals(call(c, Messages.privateChat(carol, bob, "x")).result(), "success");
        s.expectCmd(PRIVATE_CHAT, WAIT);
        login(s, alice);
        assertEquals(c.expectCmd(FRIEND_OFFLINE, WAIT), Message.of(FRIEND_OFFLINE, "friend", bob));
        c.expectNothing(QUIET);
        assertEquals(call(c, Messages.privateChat(carol, bob, "x")).result(), "offline");
        assertEquals(call(s, Messages.createGroup(alice, unique("g"))).result(), "success");
    }

    @Test(description = "REG-1 REG-2 REG-3 REG-4 REG-5 EDGE-18 SESS-5 register over sockets")
    public void register() {
        String alice = unique("alice"), bob = unique("bob");
        ChatClient c = connect("c");
        assertEquals(call(c, Messages.register(alice, "pw1")), Message.of(REGISTER_REPLY, "result", "success"));
        assertEquals(call(c, Messages.register(alice, "pw2")), Message.of(REGISTER_REPLY, "result", "failure"));
        assertFalse(server.inspect(d -> d.isOnline(alice)));
        c.close();
        ChatClient c2 = connect("c2");
        assertEquals(call(c2, Messages.login(alice, "pw1")).result(), "success");
        assertEquals(call(c2, Messages.register(bob, "pw")).result(), "success");
        assertEquals(server.inspect(d -> d.isOnline(alice)), Boolean.TRUE);
        assertEquals(call(c2, Messages.login(bob, "x")).result(), "password_error");
        assertEquals(call(c2, Messages.login(unique("ghost"), "x")).result(), "user_not_exist");
    }
}
