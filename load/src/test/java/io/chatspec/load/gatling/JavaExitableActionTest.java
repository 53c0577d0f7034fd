package io.chatspec.load.gatling;

import io.gatling.commons.util.Clock;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.session.Session$;
import io.gatling.core.stats.StatsEngine;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.testng.annotations.AfterClass;
import org.testng.annotations.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * The Scala-trait trap: Java classes implementing Gatling's Scala traits compile even when synthetic abstract
 * methods (trait super accessors, the StrictLogging setter) are missing, and then fail at run time with
 * AbstractMethodError. Checked by reflection on every such class, and by actually calling {@code !}.
 */
public class JavaExitableActionTest {
    private final EventLoop loop = new DefaultEventLoop();

    @AfterClass
    public void stop() {
        loop.shutdownGracefully();
    }

    @Test
    public void noScalaTraitImplementationLeavesAnAbstractMethod() {
        List<Class<?>> classes = List.of(ConnectAction.class, CommandAction.class, OfflineAction.class,
                CloseAction.class, AwaitAction.class, RendezvousAction.class, GateAction.class, SendFileAction.class,
                ReceiveFileAction.class, PacedCommandsAction.class, ScalaActionBuilder.class, ChatProtocol.class,
                ChatComponents.class, Probe.class);
        List<String> missing = new ArrayList<>();
        for (Class<?> c : classes) {
            for (Method m : c.getMethods()) {
                if (Modifier.isAbstract(m.getModifiers())) {
                    missing.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertTrue(missing.isEmpty(), "unimplemented (AbstractMethodError at run time): " + missing);
    }

    @Test
    public void bangRunsExecuteThroughBothTraitSuperAccessors() throws InterruptedException {
        AtomicReference<Session> executed = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Probe probe = new Probe(executed, done, null);
        Session session = Session$.MODULE$.apply("scenario", 1L, loop);

        // Gatling hops onto the session's event loop when called from elsewhere, so wait for execute
        loop.execute(() -> probe.$bang(session));

        assertTrue(done.await(5, TimeUnit.SECONDS), "execute never ran");
        assertEquals(executed.get(), session);
        assertEquals(probe.logger().underlying().getName(), Probe.class.getName());
    }

    @Test
    public void anExceptionInExecuteIsCaughtByGatlingsBang() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Session> passedOn = new AtomicReference<>();
        CountDownLatch nextRan = new CountDownLatch(1);
        Probe failing = new Probe(null, done, new Probe(passedOn, nextRan, null));
        Session session = Session$.MODULE$.apply("scenario", 2L, loop);
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        // Action's "!" catches and logs what execute throws; nothing may escape to the caller
        loop.submit(() -> {
            try {
                failing.$bang(session);
            } catch (Throwable t) {
                escaped.set(t);
            }
        }).get(5, TimeUnit.SECONDS);
        assertTrue(done.await(5, TimeUnit.SECONDS), "execute never ran");
        assertEquals(escaped.get(), null);
        assertTrue(nextRan.await(5, TimeUnit.SECONDS), "ChainableAction's recovery did not go on to next");
        assertTrue(passedOn.get().isFailed(), "the crashed user must go on marked as failed");
    }

    static final class Probe extends JavaExitableAction {
        private final AtomicReference<Session> executed;
        private final CountDownLatch done;

        Probe(AtomicReference<Session> executed, CountDownLatch done, Action next) {
            super("probe", (StatsEngine) null, (Clock) System::currentTimeMillis, next);
            this.executed = executed;
            this.done = done;
        }

        @Override
        public void execute(Session session) {
            if (executed == null) {
                done.countDown();
                throw new IllegalStateException("boom");
            }
            executed.set(session);
            done.countDown();
        }
    }
}
