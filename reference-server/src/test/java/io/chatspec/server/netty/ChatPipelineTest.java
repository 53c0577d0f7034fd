package io.chatspec.server.netty;

import io.chatspec.protocol.Messages;
import io.chatspec.server.domain.ChatDomain;
import io.chatspec.server.domain.SessionId;
import io.chatspec.server.password.PasswordHasher;
import io.chatspec.server.store.InMemoryChatStore;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.testng.annotations.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/** The server's real pipeline on an in-memory channel: exactly what goes out, write by write. */
public class ChatPipelineTest {

    private static EmbeddedChannel channel(int maxMessageSize) {
        // Password work inline, so the embedded channel sees every reply without other threads.
        DomainGateway gateway = new DomainGateway(new ChatDomain(new InMemoryChatStore()), new PasswordHasher(8, 1),
                ImmediateEventExecutor.INSTANCE);
        return new EmbeddedChannel(new ChatPipeline(maxMessageSize, () -> new SessionId(1), gateway));
    }

    private static List<String> writes(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            if (b.isReadable()) {
                out.add(b.toString(StandardCharsets.UTF_8));
            }
            b.release();
        }
        return out;
    }

    @Test(description = "FRAME-3 FRAME-4 MSG-7 each reply is its own write of compact JSON plus one newline, in command order")
    public void oneWritePerMessage() {
        EmbeddedChannel ch = channel(65536);
        String in = Messages.register("a", "pw").toJson() + Messages.register("a", "pw").toJson()
                + " ; " + Messages.getGroupMember("g").toJson();
        ch.writeInbound(Unpooled.copiedBuffer(in, StandardCharsets.UTF_8));
        assertEquals(writes(ch), List.of(
                "{\"cmd\":\"register_reply\",\"result\":\"success\"}\n",
                "{\"cmd\":\"register_reply\",\"result\":\"failure\"}\n",
                "{\"cmd\":\"get_group_member_reply\",\"result\":\"group_not_exist\",\"group\":\"g\"}\n"));
        ch.finishAndReleaseAll();
    }

    @Test(description = "ERR-13 ERR-14 too_large goes out, then the channel closes; later input is ignored")
    public void tooLargeCloses() {
        EmbeddedChannel ch = channel(64);
        ch.writeInbound(Unpooled.copiedBuffer("{\"cmd\":\"register\",\"user\":\"" + "x".repeat(100) + "\"}"
                + Messages.register("b", "pw").toJson(), StandardCharsets.UTF_8));
        assertEquals(writes(ch), List.of("{\"cmd\":\"error\",\"result\":\"too_large\"}\n"));
        assertFalse(ch.isOpen());
        assertTrue(ch.closeFuture().isDone());
    }

    @Test(description = "ERR-1 garbage gets bad_json and the channel stays open")
    public void garbageKeepsChannel() {
        EmbeddedChannel ch = channel(65536);
        ch.writeInbound(Unpooled.copiedBuffer("garbage\n{\"cmd\":\"nope\"}", StandardCharsets.UTF_8));
        assertEquals(writes(ch), List.of("{\"cmd\":\"error\",\"result\":\"bad_json\"}\n",
                "{\"cmd\":\"error\",\"result\":\"unknown_cmd\"}\n"));
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }
}
