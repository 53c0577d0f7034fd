package io.chatspec.server.it;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.server.RelayPortRange;
import io.chatspec.server.ServerConfig;
import org.testng.annotations.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import static io.chatspec.protocol.Commands.*;
import static org.testng.Assert.assertEquals;

/** A fixed relay range of one port: the second concurrent transfer is refused as busy until the first ends. */
public class RelayRangeSocketTest extends SocketTestBase {
    private int relayPort;

    @Override
    protected ServerConfig config() {
        try (ServerSocket probe = new ServerSocket(0)) {
            relayPort = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ServerConfig.ephemeral().withTransferTimeout(Duration.ofMillis(500))
                .withRelayPorts(new RelayPortRange(relayPort, relayPort));
    }

    @Test(description = "EDGE-17 FILE-4 FILE-15 range exhausted: busy, recipient told nothing; the port returns after the timeout")
    public void busyWhenRangeExhausted() {
        String alice = unique("alice"), bob = unique("bob"), carol = unique("carol");
        ChatClient a = online(alice);
        ChatClient b = online(bob);
        ChatClient c = online(carol);
        a.send(Messages.sendFile(alice, bob, 10, "one"));
        Message first = a.expect(m -> m.isCmd(SEND_FILE_PORT_REPLY) || m.isCmd(SEND_FILE_REPLY), WAIT);
        assertEquals(first.cmd(), SEND_FILE_PORT_REPLY, first.toString());
        assertEquals(first.get("port").intValue(), relayPort);
        b.expectCmd(RECV_FILE_PORT_REPLY, WAIT);

        assertEquals(call(c, Messages.sendFile(carol, alice, 10, "two")), Message.of(SEND_FILE_REPLY, "result", "busy"));
        a.expectNone(m -> m.isCmd(RECV_FILE_PORT_REPLY), "recv_file_port_reply for a busy transfer", QUIET);

        assertEquals(a.expectCmd(SEND_FILE_REPLY, WAIT).result(), "timeout");
        c.send(Messages.sendFile(carol, alice, 10, "three"));
        Message third = c.expect(m -> m.isCmd(SEND_FILE_PORT_REPLY) || m.isCmd(SEND_FILE_REPLY), WAIT);
        assertEquals(third, Message.of(SEND_FILE_PORT_REPLY, "port", relayPort, "length", "10", "filename", "three"));
        assertEquals(a.expectCmd(RECV_FILE_PORT_REPLY, WAIT).text("filename"), "three");
    }
}
