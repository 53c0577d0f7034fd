package io.chatspec.server.it;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;
import io.chatspec.server.ServerConfig;
import io.chatspec.server.ServerLimits;
import io.chatspec.server.password.PasswordHasher;
import org.testng.annotations.Test;

import java.io.IOException;
import java.time.Duration;

import static io.chatspec.protocol.Commands.REGISTER_REPLY;
import static io.chatspec.protocol.Results.SUCCESS;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * LIMIT-2 counts only the time the server reads: while a client's pipelined registers wait for their password
 * hashes the server stops reading it, so the unfinished tail of its last write must not age meanwhile. (Seen in CI:
 * a register storm on a slow machine got message_timeout although the client had sent every byte.)
 */
public class PipelinedPasswordSocketTest extends SocketTestBase {
    private static final Duration MESSAGE_DEADLINE = Duration.ofMillis(300);
    private static final int PIPELINED = 40;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Override
    protected ServerConfig config() {
        return ServerConfig.ephemeral().withLimits(ServerLimits.defaults().withMessageDeadline(MESSAGE_DEADLINE));
    }

    /** Costly enough that forty hashes in a row take well past the message deadline on any machine. */
    @Override
    protected PasswordHasher hasher() {
        return new PasswordHasher(8 * 1024, 3);
    }

    @Test(description = "LIMIT-2 a pipelining client whose last message is cut across writes is not timed out while "
            + "the server hashes the passwords before it")
    public void unfinishedTailDoesNotAgeWhileTheServerHashes() throws IOException {
        String tag = unique("pipe");
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < PIPELINED; i++) {
            burst.append(Messages.register(tag + i, "pw").toJson()).append('\n');
        }
        String last = Messages.register(tag + "last", "pw").toJson() + "\n";
        int cut = last.length() / 2;
        try (RawClient client = RawClient.connect(server.address())) {
            long start = System.nanoTime();
            client.write(burst + last.substring(0, cut));
            for (int i = 0; i < PIPELINED; i++) {
                assertEquals(client.read(PATIENCE), Message.of(REGISTER_REPLY, "result", SUCCESS), "reply " + i);
            }
            long hashing = System.nanoTime() - start;
            assertTrue(hashing > 2 * MESSAGE_DEADLINE.toNanos(),
                    "the hashes took only " + hashing / 1_000_000 + " ms: the test did not hold the tail past the "
                            + "deadline; make the hasher costlier");
            client.write(last.substring(cut));
            assertEquals(client.read(PATIENCE), Message.of(REGISTER_REPLY, "result", SUCCESS), "the cut message");
        }
    }
}
