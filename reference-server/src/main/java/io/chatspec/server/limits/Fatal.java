package io.chatspec.server.limits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * What the process does when the server can no longer serve: an {@link VirtualMachineError} (out of memory, stack
 * overflow) caught anywhere on an event loop, or a loop that died or stopped running tasks. A server that stays up
 * "deaf" (port bound, nobody answered) is worse than one that exits: a supervisor restarts the latter. The command
 * line installs {@link #exitProcess()}; an embedded server (tests, the conformance suite) only logs, by default.
 */
public final class Fatal {
    private static final Logger log = LoggerFactory.getLogger(Fatal.class);
    /** Exit status of a server that gave up (EX_SOFTWARE of sysexits.h). */
    public static final int EXIT_STATUS = 70;

    private static volatile Consumer<String> action = reason -> { };

    private Fatal() {
    }

    /** From now on a fatal error ends the process with {@link #EXIT_STATUS}, skipping shutdown hooks that may hang. */
    public static void exitProcess() {
        action = reason -> {
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_STATUS);
        };
    }

    /** Replaces what a fatal error does (tests); returns the previous action. */
    static Consumer<String> handler(Consumer<String> a) {
        Consumer<String> previous = action;
        action = a;
        return previous;
    }

    /** True for errors after which the JVM's state cannot be trusted. */
    public static boolean isFatal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof VirtualMachineError) {
                return true;
            }
        }
        return false;
    }

    /** For exception handlers on the event loops: gives up if {@code t} is fatal, else does nothing. */
    public static void check(Throwable t) {
        if (isFatal(t)) {
            giveUp("fatal error on " + Thread.currentThread().getName() + ": " + t);
        }
    }

    public static void giveUp(String reason) {
        try {
            log.error("giving up, the server cannot serve any more: {}", reason);
        } catch (Throwable ignored) {
            // logging may itself fail when memory is gone; exiting matters more
        }
        action.accept(reason);
    }
}
