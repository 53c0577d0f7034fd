package io.chatspec.server.domain;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.List;

import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.Results.*;
import static io.chatspec.server.domain.DomainFixture.reply;
import static io.chatspec.server.domain.DomainFixture.send;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/** ERR and SESS rules: every malformed or unauthorised command gets its documented reply and changes nothing. */
public class ErrorDomainTest {

    @Test(description = "ERR-1 ERR-2 input that is not a JSON object gets error bad_json")
    public void notAnObject() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.connect();
        assertEquals(f.domain.rejectFrame(s, FrameProblem.NOT_AN_OBJECT), List.of(send(s, ERROR, "result", BAD_JSON)));
    }

    @Test(description = "ERR-13 ERR-14 too_large is answered, then the connection closes and its user is dropped")
    public void tooLarge() {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        f.friends("alice", "bob");
        assertEquals(f.domain.rejectFrame(a, FrameProblem.TOO_LARGE),
                List.of(send(a, ERROR, "result", TOO_LARGE), new Effect.Close(a)));
        assertEquals(f.domain.disconnected(a), List.of(send(b, FRIEND_OFFLINE, "friend", "alice")));
    }

    @DataProvider
    public Object[][] unknownCommands() {
        return new Object[][]{
                {"{}"}, {"{\"user\":\"a\"}"}, {"{\"cmd\":1}"}, {"{\"cmd\":null}"}, {"{\"cmd\":[\"login\"]}"},
                {"{\"cmd\":\"LOGIN\",\"user\":\"a\",\"password\":\"b\"}"}, {"{\"cmd\":\"login_reply\"}"},
                {"{\"cmd\":\"friend_login\",\"friend\":\"a\"}"}, {"{\"cmd\":\"\"}"}, {"{\"cmd\":\"error\"}"},
        };
    }

    @Test(dataProvider = "unknownCommands", description = "ERR-4 ERR-5 SESS-7 missing, non-string or unknown cmd gets unknown_cmd")
    public void unknownCmd(String json) {
        DomainFixture f = new DomainFixture();
        SessionId s = f.online("alice");
        assertEquals(f.handle(s, Message.parse(json)), List.of(send(s, ERROR, "result", UNKNOWN_CMD)));
    }

    /** Each row: a command with one required field missing, mistyped or empty. */
    @DataProvider
    public Object[][] badRequests() {
        return new Object[][]{
                {"{\"cmd\":\"register\",\"password\":\"p\"}", REGISTER_REPLY},
                {"{\"cmd\":\"register\",\"user\":\"\",\"password\":\"p\"}", REGISTER_REPLY},
                {"{\"cmd\":\"register\",\"user\":\"x\"}", REGISTER_REPLY},
                {"{\"cmd\":\"register\",\"user\":\"x\",\"password\":123}", REGISTER_REPLY},
                {"{\"cmd\":\"login\",\"user\":null,\"password\":\"pw\"}", LOGIN_REPLY},
                {"{\"cmd\":\"login\",\"user\":\"alice\"}", LOGIN_REPLY},
                {"{\"cmd\":\"login\",\"user\":\"\",\"password\":\"pw\"}", LOGIN_REPLY},
                {"{\"cmd\":\"add\",\"user\":\"alice\"}", ADD_REPLY},
                {"{\"cmd\":\"add\",\"user\":\"alice\",\"friend\":7}", ADD_REPLY},
                {"{\"cmd\":\"add\",\"user\":\"alice\",\"friend\":\"\"}", ADD_REPLY},
                {"{\"cmd\":\"create_group\",\"user\":\"alice\"}", CREATE_GROUP_REPLY},
                {"{\"cmd\":\"create_group\",\"user\":\"alice\",\"group\":\"\"}", CREATE_GROUP_REPLY},
                {"{\"cmd\":\"create_group\",\"user\":true,\"group\":\"g\"}", CREATE_GROUP_REPLY},
                {"{\"cmd\":\"add_group\",\"user\":\"alice\",\"group\":{}}", ADD_GROUP_REPLY},
                {"{\"cmd\":\"add_group\",\"group\":\"g\"}", ADD_GROUP_REPLY},
                {"{\"cmd\":\"private_chat\",\"user_from\":\"alice\",\"user_to\":\"bob\"}", PRIVATE_CHAT_REPLY},
                {"{\"cmd\":\"private_chat\",\"user_from\":\"alice\",\"user_to\":\"bob\",\"text\":5}", PRIVATE_CHAT_REPLY},
                {"{\"cmd\":\"private_chat\",\"user_from\":\"alice\",\"user_to\":\"\",\"text\":\"t\"}", PRIVATE_CHAT_REPLY},
                {"{\"cmd\":\"group_chat\",\"user\":\"alice\",\"group\":\"g\"}", GROUP_CHAT_REPLY},
                {"{\"cmd\":\"group_chat\",\"user\":\"alice\",\"group\":[],\"text\":\"t\"}", GROUP_CHAT_REPLY},
                {"{\"cmd\":\"get_group_member\"}", GET_GROUP_MEMBER_REPLY},
                {"{\"cmd\":\"get_group_member\",\"group\":\"\"}", GET_GROUP_MEMBER_REPLY},
                {"{\"cmd\":\"get_group_member\",\"group\":1}", GET_GROUP_MEMBER_REPLY},
                {"{\"cmd\":\"offline\"}", OFFLINE_REPLY},
                {"{\"cmd\":\"offline\",\"user\":\"\"}", OFFLINE_REPLY},
                {"{\"cmd\":\"offline\",\"user\":null}", OFFLINE_REPLY},
                {"{\"cmd\":\"send_file\",\"from_user\":\"alice\",\"to_user\":\"bob\",\"length\":\"1\"}", SEND_FILE_REPLY},
                {"{\"cmd\":\"send_file\",\"from_user\":\"alice\",\"to_user\":\"bob\",\"filename\":\"f\"}", SEND_FILE_REPLY},
                {"{\"cmd\":\"send_file\",\"from_user\":\"alice\",\"length\":1,\"filename\":\"f\"}", SEND_FILE_REPLY},
                {"{\"cmd\":\"send_file\",\"from_user\":\"\",\"to_user\":\"bob\",\"length\":1,\"filename\":\"f\"}", SEND_FILE_REPLY},
                {"{\"cmd\":\"send_file\",\"from_user\":\"alice\",\"to_user\":\"bob\",\"length\":1,\"filename\":2}", SEND_FILE_REPLY},
        };
    }

    @Test(dataProvider = "badRequests", description = "ERR-6 ERR-7 ERR-9 ERR-10 ERR-11 missing, mistyped or empty fields "
            + "get <cmd>_reply bad_request, change nothing and keep the session")
    public void badRequest(String json, String replyCmd) {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.online("bob");
        f.friends("alice", "bob");
        f.store.createGroup("g", "bob");
        assertEquals(f.handle(a, Message.parse(json)), List.of(reply(a, replyCmd, BAD_REQUEST)));
        assertUnchanged(f, a);
    }

    @Test(dataProvider = "badRequests", description = "SESS-7 field checks come before session checks")
    public void fieldsBeforeSession(String json, String replyCmd) {
        DomainFixture f = new DomainFixture();
        SessionId anon = f.connect();
        assertEquals(f.handle(anon, Message.parse(json)), List.of(reply(anon, replyCmd, BAD_REQUEST)));
    }

    @DataProvider
    public Object[][] badLengths() {
        return new Object[][]{
                {"-1"}, {"\"-1\""}, {"1.5"}, {"\"1.5\""}, {"1e3"}, {"\"1e3\""}, {"\"\""}, {"\"abc\""}, {"\" 5\""},
                {"\"+5\""}, {"true"}, {"null"}, {"[1]"}, {"{}"}, {"99999999999999999999"}, {"\"99999999999999999999\""},
                {"1.0"},
        };
    }

    @Test(dataProvider = "badLengths", description = "ERR-8 a length that is not a non-negative integer gets bad_request")
    public void badLength(String length) {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.online("bob");
        Message m = Message.parse("{\"cmd\":\"send_file\",\"from_user\":\"alice\",\"to_user\":\"bob\",\"length\":"
                + length + ",\"filename\":\"f\"}");
        assertEquals(f.handle(a, m), List.of(reply(a, SEND_FILE_REPLY, BAD_REQUEST)));
        assertEquals(f.domain.pendingTransfers(), 0);
    }

    @DataProvider
    public Object[][] goodLengths() {
        return new Object[][]{{"0", 0L}, {"\"0\"", 0L}, {"\"007\"", 7L}, {"10000", 10000L},
                {"\"9223372036854775807\"", Long.MAX_VALUE}};
    }

    @Test(dataProvider = "goodLengths", description = "ERR-8 MSG-2 digit strings and JSON integers are valid lengths")
    public void goodLength(String length, long expected) {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        f.online("bob");
        Message m = Message.parse("{\"cmd\":\"send_file\",\"from_user\":\"alice\",\"to_user\":\"bob\",\"length\":"
                + length + ",\"filename\":\"\"}");
        assertEquals(f.handle(a, m), List.of(new Effect.OpenTransfer(new TransferId(1), expected)));
    }

    @Test(description = "ERR-6 empty password, text and filename are accepted; unknown extra fields are ignored")
    public void emptyFreeTextAllowed() {
        DomainFixture f = new DomainFixture();
        SessionId s = f.connect();
        assertEquals(f.handle(s, Messages.register("u", "").with("extra", 1)), List.of(reply(s, REGISTER_REPLY, SUCCESS)));
        assertEquals(f.handle(s, Messages.login("u", "")), List.of(reply(s, LOGIN_REPLY, SUCCESS)));
        SessionId b = f.online("bob");
        assertEquals(f.handle(s, Messages.privateChat("u", "bob", "")), List.of(
                send(b, PRIVATE_CHAT, "user_from", "u", "user_to", "bob", "text", ""),
                reply(s, PRIVATE_CHAT_REPLY, SUCCESS)));
    }

    /** Each acting command, addressed as alice, with everything else valid. */
    @DataProvider
    public Object[][] actingCommands() {
        return new Object[][]{
                {Messages.add("alice", "bob"), ADD_REPLY},
                {Messages.createGroup("alice", "new"), CREATE_GROUP_REPLY},
                {Messages.addGroup("alice", "g"), ADD_GROUP_REPLY},
                {Messages.privateChat("alice", "bob", "t"), PRIVATE_CHAT_REPLY},
                {Messages.groupChat("alice", "g", "t"), GROUP_CHAT_REPLY},
                {Messages.offline("alice"), OFFLINE_REPLY},
                {Messages.sendFile("alice", "bob", 1, "f"), SEND_FILE_REPLY},
        };
    }

    @Test(dataProvider = "actingCommands", description = "SESS-1 SESS-3 without a login, acting commands get not_logged_in and do nothing")
    public void notLoggedIn(Message command, String replyCmd) {
        DomainFixture f = new DomainFixture();
        f.registered("alice");
        SessionId b = f.online("bob");
        f.store.createGroup("g", "bob");
        SessionId anon = f.connect();
        assertEquals(f.handle(anon, command), List.of(reply(anon, replyCmd, NOT_LOGGED_IN)));
        assertFalse(f.store.areFriends("alice", "bob"));
        assertFalse(f.store.groupExists("new"));
        assertEquals(f.store.membersOf("g"), List.of("bob"));
        assertEquals(f.domain.pendingTransfers(), 0);
        assertEquals(f.domain.userOn(b).orElseThrow(), "bob");
    }

    @Test(dataProvider = "actingCommands", description = "SESS-2 SESS-3 acting for another user gets permission_denied and does nothing")
    public void permissionDenied(Message command, String replyCmd) {
        DomainFixture f = new DomainFixture();
        SessionId a = f.online("alice");
        SessionId b = f.online("bob");
        SessionId c = f.online("carol");
        f.store.createGroup("g", "bob");
        assertEquals(f.handle(c, command), List.of(reply(c, replyCmd, PERMISSION_DENIED)));
        assertFalse(f.store.areFriends("alice", "bob"));
        assertFalse(f.store.groupExists("new"));
        assertEquals(f.store.membersOf("g"), List.of("bob"));
        assertEquals(f.domain.pendingTransfers(), 0);
        assertTrue(f.domain.isOnline("alice"));
        assertEquals(f.domain.userOn(a).orElseThrow(), "alice");
        assertEquals(f.domain.userOn(b).orElseThrow(), "bob");
    }

    @Test(description = "SESS-7 session checks come before the command's own results")
    public void sessionBeforeResults() {
        DomainFixture f = new DomainFixture();
        SessionId c = f.online("carol");
        SessionId anon = f.connect();
        assertEquals(f.handle(anon, Messages.groupChat("alice", "missing", "t")),
                List.of(reply(anon, GROUP_CHAT_REPLY, NOT_LOGGED_IN)));
        assertEquals(f.handle(c, Messages.add("alice", "ghost")), List.of(reply(c, ADD_REPLY, PERMISSION_DENIED)));
        assertEquals(f.handle(c, Messages.sendFile("alice", "alice", 1, "f")),
                List.of(reply(c, SEND_FILE_REPLY, PERMISSION_DENIED)));
    }

    private static void assertUnchanged(DomainFixture f, SessionId alice) {
        assertTrue(f.store.userExists("alice"));
        assertFalse(f.store.userExists("x"));
        assertEquals(f.store.friendsOf("alice"), java.util.Set.of("bob"));
        assertEquals(f.store.membersOf("g"), List.of("bob"));
        assertEquals(f.domain.pendingTransfers(), 0);
        assertEquals(f.domain.userOn(alice).orElseThrow(), "alice");
        assertTrue(f.domain.isOnline("bob"));
        assertEquals(f.handle(alice, Messages.createGroup("alice", "after")),
                List.of(send(alice, CREATE_GROUP_REPLY, "result", SUCCESS, "group", "after")));
    }
}
