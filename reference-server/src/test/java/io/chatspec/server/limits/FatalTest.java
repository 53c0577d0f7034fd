package io.chatspec.server.limits;

import io.chatspec.protocol.netty.Transports;
import io.netty.channel.EventLoopGroup;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

/** A server that cannot serve any more gives up (and, from the command line, exits 70) instead of staying deaf. */
public class FatalTest {
    private final AtomicReference<String> gaveUp = new AtomicReference<>();
    private Consumer<String> previous;

    @BeforeMethod
    public void capture() {
        gaveUp.set(null);
        previous = Fatal.handler(gaveUp::set);
    }

    @AfterMethod(alwaysRun = true)
    public void restore() {
        Fatal.handler(previous);
    }

    @Test
    public void outOfMemoryIsFatalOtherErrorsAreNot() {
        assertTrue(Fatal.isFatal(new OutOfMemoryError("Java heap space")));
        assertTrue(Fatal.isFatal(new RuntimeException("wrapped", new StackOverflowError())));
        assertFalse(Fatal.isFatal(new IllegalStateException("a bug in one command")));
        Fatal.check(new IllegalArgumentException("bad input"));
        assertNull(gaveUp.get());
        Fatal.check(new OutOfMemoryError("Direct buffer memory"));
        assertTrue(gaveUp.get().contains("Direct buffer memory"), gaveUp.get());
    }

    @Test
    public void stuckLoopIsNoticed() throws Exception {
        EventLoopGroup group = Transports.newGroup("watched", 2);
        CountDownLatch release = new CountDownLatch(1);
        try (LoopWatchdog watchdog = new LoopWatchdog(Duration.ofSeconds(2), group)) {
            assertNull(gaveUp.get());
            group.next().execute(() -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> gaveUp.get() != null);
            assertTrue(gaveUp.get().contains("has run no task"), gaveUp.get());
        } finally {
            release.countDown();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    public void deadLoopIsNoticedButAStoppedServerIsNot() throws Exception {
        EventLoopGroup group = Transports.newGroup("watched", 1);
        try (LoopWatchdog watchdog = new LoopWatchdog(Duration.ofSeconds(30), group)) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> gaveUp.get() != null);
            assertTrue(gaveUp.get().contains("has stopped"), gaveUp.get());
        }
        gaveUp.set(null);
        EventLoopGroup other = Transports.newGroup("closing", 1);
        LoopWatchdog closing = new LoopWatchdog(Duration.ofSeconds(30), other);
        closing.close();
        other.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        Thread.sleep(1500);
        assertEquals(gaveUp.get(), null);
    }
}
