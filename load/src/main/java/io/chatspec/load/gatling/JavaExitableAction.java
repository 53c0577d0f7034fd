package io.chatspec.load.gatling;

import com.typesafe.scalalogging.Logger;
import io.gatling.commons.util.Clock;
import io.gatling.core.action.Action;
import io.gatling.core.action.ChainableAction;
import io.gatling.core.action.ExitableAction;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A Gatling {@link ExitableAction} written in Java.
 *
 * <p>Scala compiles trait {@code super} calls and the {@code StrictLogging} field into abstract interface methods
 * that javac does not report as missing (they are synthetic). A Java class that leaves them out compiles, then
 * dies with {@code AbstractMethodError} on the first {@code !}. Every one of them is implemented here, once, and
 * {@code JavaExitableActionTest} checks that no abstract method is left on any subclass.
 *
 * <p>The two super accessors must run the parent trait's {@code !} body (not {@code this.$bang}, which would recurse):
 * the static {@code $bang$} forwarders Scala emits on each trait are exactly those bodies. They are called through
 * method handles resolved once, because javac rejects calling a static method of a non-direct super-interface.
 */
public abstract class JavaExitableAction implements ExitableAction {
    private static final MethodHandle ACTION_BANG = forwarder(Action.class);
    private static final MethodHandle CHAINABLE_BANG = forwarder(ChainableAction.class);

    private final String name;
    private final StatsEngine statsEngine;
    private final Clock clock;
    private final Action next;
    private Logger logger = Logger.apply(getClass());

    protected JavaExitableAction(String name, StatsEngine statsEngine, Clock clock, Action next) {
        this.name = name;
        this.statsEngine = statsEngine;
        this.clock = clock;
        this.next = next;
    }

    private static MethodHandle forwarder(Class<?> trait) {
        try {
            return MethodHandles.publicLookup().findStatic(trait, "$bang$",
                    MethodType.methodType(void.class, trait, Session.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final StatsEngine statsEngine() {
        return statsEngine;
    }

    @Override
    public final Clock clock() {
        return clock;
    }

    @Override
    public final Action next() {
        return next;
    }

    @Override
    public final Logger logger() {
        return logger;
    }

    @Override
    public final void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger l) {
        this.logger = l;
    }

    // ExitableAction's "super.!" is ChainableAction's "!". Synthetic in the bytecode, so no @Override possible.
    public final void io$gatling$core$action$ExitableAction$$super$$bang(Session session) {
        invoke(CHAINABLE_BANG, session);
    }

    // ChainableAction's "super.!" is Action's "!".
    public final void io$gatling$core$action$ChainableAction$$super$$bang(Session session) {
        invoke(ACTION_BANG, session);
    }

    private void invoke(MethodHandle bang, Session session) {
        try {
            bang.invoke(this, session);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
