package io.chatspec.server.domain;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.Results;
import org.testng.annotations.Test;

import java.util.List;

import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.server.domain.DomainFixture.reply;
import static io.chatspec.server.domain.DomainFixture.send;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class RegisterLoginDomainTest {

    @Test(description = "REG-1 register with a new name gets success")
    public void registerNewName() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.connect();
        assertEquals(f.handle(s, Messages.register("alice", "11111")), List.of(reply(s, REGISTER_REPLY, SUCCESS)));
        assertTrue(f.store.userExists("alice"));
    }

    @Test(description = "REG-2 REG-3 register with a taken name gets failure, whatever the password, and keeps the account")
    public void registerTakenName() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.connect();
        f.handle(s, Messages.register("alice", "11111"));
        assertEquals(f.handle(s, Messages.register("alice", "other")), List.of(reply(s, REGISTER_REPLY, FAILURE)));
        assertEquals(f.handle(s, Messages.register("alice", "11111")), List.of(reply(s, REGISTER_REPLY, FAILURE)));
        assertEquals(f.handle(s, Messages.login("alice", "11111")), List.of(reply(s, LOGIN_REPLY, SUCCESS)));
    }

    @Test(description = "REG-4 an account outlives the connection that registered it")
    public void accountOutlivesConnection() {
        DomainFixture f = new DomainFixture();
        SessionId s1 = f.connect();
        f.handle(s1, Messages.register("alice", "pw"));
        f.domain.disconnected(s1);
        SessionId s2 = f.connect();
        assertEquals(f.handle(s2, Messages.login("alice", "pw")), List.of(reply(s2, LOGIN_REPLY, SUCCESS)));
    }

    @Test(description = "REG-5 register does not log the user in")
    public void registerDoesNotLogIn() {
        DomainFixture f = new DomainFixture();
        SessionId bob = f.online("bob");
        SessionId s = f.connect();
        f.handle(s, Messages.register("alice", "pw"));
        assertFalse(f.domain.isOnline("alice"));
        assertEquals(f.handle(bob, Messages.privateChat("bob", "alice", "hi")),
                List.of(reply(bob, PRIVATE_CHAT_REPLY, Results.OFFLINE)));
    }

    @Test(description = "LOGIN-1 login of an unregistered name gets user_not_exist")
    public void loginUnknownUser() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.connect();
        assertEquals(f.handle(s, Messages.login("nobody", "pw")), List.of(reply(s, LOGIN_REPLY, USER_NOT_EXIST)));
    }

    @Test(description = "LOGIN-2 login with a wrong password gets password_error")
    public void loginWrongPassword() {
        DomainFixture f = new DomainFixture();
        f.registered("alice");
        SessionId s = f.connect();
        assertEquals(f.handle(s, Messages.login("alice", "wrong")), List.of(reply(s, LOGIN_REPLY, PASSWORD_ERROR)));
    }

    @Test(description = "LOGIN-3 LOGIN-4 LOGIN-6 success makes the user online and notifies each online friend once, never the user")
    public void loginNotifiesOnlineFriends() {
        DomainFixture f = new DomainFixture();
        SessionId bob = f.online("bob");
        SessionId carol = f.online("carol");
        f.registered("alice");
        f.friends("alice", "bob");
        f.friends("alice", "carol");
        SessionId s = f.connect();
        assertEquals(f.handle(s, Messages.login("alice", "pw")), List.of(
                reply(s, LOGIN_REPLY, SUCCESS),
                send(bob, FRIEND_LOGIN, "friend", "alice"),
                send(carol, FRIEND_LOGIN, "friend", "alice")));
        assertTrue(f.domain.isOnline("alice"));
        assertEquals(f.domain.userOn(s).orElseThrow(), "alice");
    }

    @Test(description = "LOGIN-5 LOGIN-7 offline friends and online strangers get no friend_login, not even later")
    public void loginSkipsOfflineFriendsAndStrangers() {
        DomainFixture f = new DomainFixture();
        f.online("stranger");
        f.registered("alice", "bob");
        f.friends("alice", "bob");
        SessionId s = f.connect();
        assertEquals(f.handle(s, Messages.login("alice", "pw")), List.of(reply(s, LOGIN_REPLY, SUCCESS)));
        SessionId bob = f.connect();
        assertEquals(f.handle(bob, Messages.login("bob", "pw")), List.of(
                reply(bob, LOGIN_REPLY, SUCCESS), send(s, FRIEND_LOGIN, "friend", "bob")));
    }

    @Test(description = "LOGIN-8 a failed login notifies nobody and does not make the user online")
    public void failedLoginHasNoEffects() {
        DomainFixture f = new DomainFixture();
        SessionId bob = f.online("bob");
        f.registered("alice");
        f.friends("alice", "bob");
        SessionId s = f.connect();
        assertEquals(f.handle(s, Messages.login("alice", "nope")), List.of(reply(s, LOGIN_REPLY, PASSWORD_ERROR)));
        assertFalse(f.domain.isOnline("alice"));
        assertEquals(f.handle(bob, Messages.privateChat("bob", "alice", "x")),
                List.of(reply(bob, PRIVATE_CHAT_REPLY, Results.OFFLINE)));
    }

    @Test(description = "SESS-5 register, login and get_group_member work without a logged-in user")
    public void noLoginNeededForOpenCommands() {
        DomainFixture f = new DomainFixture();
        SessionId creator = f.online("alice");
        f.handle(creator, Messages.createGroup("alice", "study"));
        SessionId s = f.connect();
        assertEquals(f.handle(s, Messages.register("bob", "pw")), List.of(reply(s, REGISTER_REPLY, SUCCESS)));
        assertEquals(f.handle(s, Messages.getGroupMember("study")), List.of(
                send(s, GET_GROUP_MEMBER_REPLY, "member", "alice", "group", "study")));
        assertEquals(f.handle(s, Messages.login("bob", "pw")), List.of(reply(s, LOGIN_REPLY, SUCCESS)));
    }

    @Test(description = "EDGE-18 register while logged in works and leaves the session's user unchanged")
    public void registerWhileLoggedIn() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.online("alice");
        assertEquals(f.handle(s, Messages.register("newbie", "pw")), List.of(reply(s, REGISTER_REPLY, SUCCESS)));
        assertEquals(f.domain.userOn(s).orElseThrow(), "alice");
        assertEquals(f.handle(s, Messages.createGroup("alice", "g")),
                List.of(send(s, CREATE_GROUP_REPLY, "result", SUCCESS, "group", "g")));
    }

    @Test(description = "MSG-4 Unicode names and text are reproduced exactly")
    public void unicodeNames() {
        DomainFixture f = new DomainFixture();
        SessionId ming = f.online("小明");
        SessionId hua = f.online("小花");
        Message chat = Message.parse("{\"cmd\":\"private_chat\",\"user_from\":\"\\u5c0f\\u660e\",\"user_to\":\"小花\","
                + "\"text\":\"你好 \\ud83d\\ude00 {};\"}");
        assertEquals(f.handle(ming, chat), List.of(
                send(hua, PRIVATE_CHAT, "user_from", "小明", "user_to", "小花", "text", "你好 \uD83D\uDE00 {};"),
                reply(ming, PRIVATE_CHAT_REPLY, SUCCESS)));
    }
}
