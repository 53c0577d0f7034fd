package io.chatspec.load.gatling;

import io.chatspec.load.metrics.LoadMetrics;
import org.testng.annotations.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/** Actions reach the run's metrics through the protocol (and its components), never through a static. */
public class ChatProtocolMetricsTest {
    @Test
    public void theProtocolHandsOnTheMetricsItsSimulationOpenedLater() {
        AtomicReference<LoadMetrics> opened = new AtomicReference<>();
        ChatProtocol protocol = (ChatProtocol) ChatDsl.chat().metrics(opened::get).protocol();
        // the simulation builds the protocol in its constructor and opens its metrics in before()
        LoadMetrics run = LoadMetrics.inMemory("0");
        opened.set(run);
        assertSame(protocol.metrics(), run);
    }

    @Test
    public void twoProtocolsNeverShareMetrics() {
        ChatProtocol a = (ChatProtocol) ChatDsl.chat().protocol();
        ChatProtocol b = (ChatProtocol) ChatDsl.chat().protocol();
        assertNotNull(a.metrics());
        assertTrue(a.metrics() != b.metrics(), "each protocol without a simulation keeps its own figures");
        // settings added later keep the metrics chosen earlier
        LoadMetrics run = LoadMetrics.inMemory("0");
        ChatProtocol c = (ChatProtocol) ChatDsl.chat().metrics(() -> run).replyTimeout(java.time.Duration.ofSeconds(1))
                .target("127.0.0.1", 1).protocol();
        assertSame(c.metrics(), run);
    }

    @Test
    public void metricsNotYetOpenedAreAClearError() {
        ChatProtocol protocol = (ChatProtocol) ChatDsl.chat().metrics(() -> null).protocol();
        IllegalStateException e = expectThrows(IllegalStateException.class, protocol::metrics);
        assertTrue(e.getMessage().contains("before()"), e.getMessage());
    }
}
