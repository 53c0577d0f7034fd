package io.chatspec.load.baseline;

import io.chatspec.server.ReferenceServer;
import io.chatspec.server.ServerConfig;
import org.testng.annotations.Test;

import java.time.Duration;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** The plain client against a real reference server: every message of every pair arrives, in both directions. */
public class PlainChatBaselineTest {
    @Test
    public void everyMessageOfEveryPairIsDeliveredAndTimed() {
        try (ReferenceServer server = ReferenceServer.start(ServerConfig.ephemeral())) {
            PlainChatBaseline.Result r = PlainChatBaseline.run(server.address(), "pcb" + System.nanoTime(), 3, 200,
                    64, 4, Duration.ofSeconds(60));
            assertEquals(r.delivered(), 3 * 2 * 200);
            assertTrue(r.seconds() > 0 && r.messagesPerSecond() > 0, r.toString());
            assertTrue(r.cpuSeconds() > 0, r.toString());
            assertEquals(BaselineComparison.percent(r.messagesPerSecond() / 2, r.messagesPerSecond()), 50.0);
        }
    }
}
