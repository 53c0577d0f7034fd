package io.chatspec.server.domain;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import org.testng.annotations.Test;

import java.util.List;

import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.server.domain.DomainFixture.reply;
import static io.chatspec.server.domain.DomainFixture.send;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;

public class GroupDomainTest {

    @Test(description = "CGROUP-1 CGROUP-3 a new group succeeds and has exactly its creator as member")
    public void createGroup() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        assertEquals(f.handle(a, Messages.createGroup("alice", "study")), List.of(
                send(a, CREATE_GROUP_REPLY, "result", SUCCESS, "group", "study")));
        assertEquals(f.handle(a, Messages.getGroupMember("study")), List.of(
                send(a, GET_GROUP_MEMBER_REPLY, "member", "alice", "group", "study")));
    }

    @Test(description = "CGROUP-2 an existing group name gets group_exist, for the creator too")
    public void createExisting() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.handle(a, Messages.createGroup("alice", "study"));
        assertEquals(f.handle(a, Messages.createGroup("alice", "study")), List.of(reply(a, CREATE_GROUP_REPLY, GROUP_EXIST)));
        assertEquals(f.handle(b, Messages.createGroup("bob", "study")), List.of(reply(b, CREATE_GROUP_REPLY, GROUP_EXIST)));
    }

    @Test(description = "JOIN-1 joining a missing group gets group_not_exist and creates nothing")
    public void joinMissing() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        assertEquals(f.handle(a, Messages.addGroup("alice", "nope")), List.of(reply(a, ADD_GROUP_REPLY, GROUP_NOT_EXIST)));
        assertFalse(f.store.groupExists("nope"));
    }

    @Test(description = "JOIN-2 JOIN-3 JOIN-4 join succeeds once, then user_in_group; the joiner is listed and gets forwards")
    public void join() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.handle(a, Messages.createGroup("alice", "study"));
        assertEquals(f.handle(a, Messages.addGroup("alice", "study")), List.of(reply(a, ADD_GROUP_REPLY, USER_IN_GROUP)));
        assertEquals(f.handle(b, Messages.addGroup("bob", "study")), List.of(
                send(b, ADD_GROUP_REPLY, "result", SUCCESS, "group", "study")));
        assertEquals(f.handle(b, Messages.addGroup("bob", "study")), List.of(reply(b, ADD_GROUP_REPLY, USER_IN_GROUP)));
        assertEquals(f.handle(b, Messages.getGroupMember("study")), List.of(
                send(b, GET_GROUP_MEMBER_REPLY, "member", "alice|bob", "group", "study")));
        assertEquals(f.handle(a, Messages.groupChat("alice", "study", "hi")), List.of(
                send(b, GROUP_CHAT, "user", "alice", "group", "study", "text", "hi"),
                reply(a, GROUP_CHAT_REPLY, SUCCESS)));
    }

    @Test(description = "GCHAT-1 GCHAT-2 GCHAT-3 GCHAT-4 forwards go once to each online member but the sender; "
            + "offline members and non-members get nothing")
    public void groupChatFanOut() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        SessionId c = f.online("carol");
        f.online("outsider");
        f.registered("dave");
        f.handle(a, Messages.createGroup("alice", "g"));
        f.handle(b, Messages.addGroup("bob", "g"));
        f.handle(c, Messages.addGroup("carol", "g"));
        f.store.addMember("g", "dave");
        Message forward = Message.of(GROUP_CHAT, "user", "bob", "group", "g", "text", "hello");
        assertEquals(f.handle(b, Messages.groupChat("bob", "g", "hello")), List.of(
                new Effect.Send(a, forward), new Effect.Send(c, forward), reply(b, GROUP_CHAT_REPLY, SUCCESS)));
        // dave logs in later: nothing was stored for him
        SessionId d = f.connect();
        assertEquals(f.handle(d, Messages.login("dave", "pw")), List.of(reply(d, LOGIN_REPLY, SUCCESS)));
    }

    @Test(description = "GCHAT-1 the forward carries exactly the four fields, extra client fields dropped")
    public void forwardHasExactFields() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.handle(a, Messages.createGroup("alice", "g"));
        f.handle(b, Messages.addGroup("bob", "g"));
        List<Effect> out = f.handle(a, Messages.groupChat("alice", "g", "").with("extra", 1));
        assertEquals(out.get(0), send(b, GROUP_CHAT, "user", "alice", "group", "g", "text", ""));
    }

    @Test(description = "MEMBER-1 MEMBER-2 MEMBER-3 MEMBER-4 members joined by |, each once, offline ones included, nobody else")
    public void memberList() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.online("carol");
        f.handle(a, Messages.createGroup("alice", "g"));
        f.handle(b, Messages.addGroup("bob", "g"));
        f.handle(b, Messages.addGroup("bob", "g"));
        f.handle(b, Messages.offline("bob"));
        assertEquals(f.handle(a, Messages.getGroupMember("g")), List.of(
                send(a, GET_GROUP_MEMBER_REPLY, "member", "alice|bob", "group", "g")));
    }

    @Test(description = "EDGE-11 group_chat to a missing group gets group_not_exist and forwards nothing")
    public void chatMissingGroup() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.online("bob");
        assertEquals(f.handle(a, Messages.groupChat("alice", "none", "x")), List.of(reply(a, GROUP_CHAT_REPLY, GROUP_NOT_EXIST)));
    }

    @Test(description = "EDGE-12 group_chat by a non-member gets not_in_group and forwards nothing")
    public void chatNotMember() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.handle(a, Messages.createGroup("alice", "g"));
        assertEquals(f.handle(b, Messages.groupChat("bob", "g", "x")), List.of(reply(b, GROUP_CHAT_REPLY, NOT_IN_GROUP)));
    }

    @Test(description = "EDGE-13 members of a missing group: group_not_exist with the group and no member field")
    public void membersOfMissingGroup() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.connect();
        assertEquals(f.handle(s, Messages.getGroupMember("none")), List.of(
                send(s, GET_GROUP_MEMBER_REPLY, "result", GROUP_NOT_EXIST, "group", "none")));
    }
}
