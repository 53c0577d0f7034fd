package io.chatspec.conformance.target;

import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.dsl.Restarter;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server under test that the harness starts itself (--start "command"): it runs the command through the shell,
 * waits until the port answers, restarts it after a crash and stops it at the end. Its output goes to a log file
 * in the output directory, so a crash leaves evidence.
 */
public final class ProcessTarget implements Target {
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final String command;
    private final InetSocketAddress address;
    private final Duration startTimeout;
    private final File log;
    private Process process;
    private int starts;

    public ProcessTarget(String command, InetSocketAddress address, Duration startTimeout, File log) {
        this.command = command;
        this.address = address;
        this.startTimeout = startTimeout;
        this.log = log;
        launch();
    }

    private void launch() {
        if (Probe.answers(address, Duration.ofMillis(300))) {
            throw new IllegalStateException("something already listens on " + hostPort() + "; refusing to start '" + command + "'");
        }
        try {
            log.getParentFile().mkdirs();
            ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            process = pb.start();
            starts++;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start '" + command + "': " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + startTimeout.toNanos();
        // Polling the port is the only signal an arbitrary server gives that it is ready.
        while (!Probe.answers(address, Duration.ofMillis(200))) {
            if (!process.isAlive()) {
                throw new IllegalStateException("'" + command + "' exited with " + process.exitValue()
                        + " before listening on " + hostPort() + " (see " + log + ")");
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("'" + command + "' did not listen on " + hostPort() + " within "
                        + startTimeout.toMillis() + " ms (--start-timeout; see " + log + ")");
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the target");
            }
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String describe() {
        return "server started by the harness at " + hostPort() + " ('" + command + "')";
    }

    private String hostPort() {
        return address.getHostString() + ":" + address.getPort();
    }

    @Override
    public Set<Extension> defaultClaims() {
        return EnumSet.noneOf(Extension.class);
    }

    @Override
    public boolean restartable() {
        return true;
    }

    @Override
    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public synchronized String exitStatus() {
        if (process == null) {
            return null;
        }
        try {
            // a crashing process may still be on its way out when its port stops answering
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process.isAlive()) {
            return "still running but not serving (hung); stopped by the harness";
        }
        int code = process.exitValue();
        // a shell reports a child killed by signal N as 128+N
        return code > 128 && code < 128 + SIGNALS.length ? "exit " + code + " (" + SIGNALS[code - 128] + ")"
                : "exit " + code;
    }

    private static final String[] SIGNALS = {"", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

    public synchronized void stopAndStart(Restarter.How how) {
        if (how == Restarter.How.SIGKILL) {
            kill();
        } else {
            stop();
        }
        launch();
    }

    /** SIGKILL to the whole tree at once: nothing gets a chance to flush or close its files. */
    private void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.forEach(ProcessTarget::awaitExit);
    }

    public int starts() {
        return starts;
    }

    private void stop() {
        if (process == null) {
            return;
        }
        // The shell may fork the server instead of exec'ing it, so the whole tree goes, not just the shell;
        // and each is awaited so the port is free again before a restart binds it.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : tree) {
            if (!awaitExit(h)) {
                h.destroyForcibly();
                awaitExit(h);
            }
        }
    }

    private static boolean awaitExit(ProcessHandle h) {
        try {
            h.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !h.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !h.isAlive();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
