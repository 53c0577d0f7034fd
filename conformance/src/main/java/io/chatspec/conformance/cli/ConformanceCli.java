package io.chatspec.conformance.cli;

import io.chatspec.conformance.cases.CaseCatalog;
import io.chatspec.conformance.cases.ConformanceCase;
import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.model.RunResult;
import io.chatspec.conformance.report.ConsoleReporter;
import io.chatspec.conformance.report.Outputs;
import io.chatspec.conformance.runner.Selection;
import io.chatspec.conformance.runner.SuiteRunner;
import io.chatspec.conformance.settings.LimitSettings;
import io.chatspec.conformance.settings.RunSettings;
import io.chatspec.conformance.target.EmbeddedTarget;
import io.chatspec.conformance.target.ExternalTarget;
import io.chatspec.conformance.target.ProcessTarget;
import io.chatspec.conformance.target.Target;
import io.chatspec.protocol.client.Aliases;
import io.chatspec.protocol.options.DurationConverter;
import io.chatspec.protocol.options.Durations;
import io.chatspec.protocol.options.HostPort;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code java -jar chatspec-conformance.jar [--target host:port | --start "cmd" --target host:port] ...} */
@Command(name = "chatspec-conformance", mixinStandardHelpOptions = true, version = "chatspec-conformance 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs the chatspec conformance suite against a chat server and reports, rule by rule, where it "
                + "deviates from docs/PROTOCOL.md. Without --target it tests the embedded reference server.",
        footer = {"", "DURATION: " + Durations.ACCEPTED + " (as in every chatspec tool).",
                "HOST:PORT: also [::1]:PORT for IPv6, or a bare PORT on 127.0.0.1.",
                "", "Exit codes: 0 nothing failed, 1 a case failed, 2 usage error or target unreachable."})
public final class ConformanceCli implements Callable<Integer> {
    static final int USAGE_OR_CONNECTION = 2;

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "Server under test. Default: embedded reference server.")
    String target;

    @Option(names = "--start", paramLabel = "COMMAND", description = "Start the server under test with this shell command, "
            + "wait until --target (default 127.0.0.1:8888) answers, restart it after a crash, stop it at the end.")
    String start;

    @Option(names = "--start-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long --start waits for the port to answer (default ${DEFAULT-VALUE}; a bare number is seconds).")
    Duration startTimeout;

    @Option(names = "--list", description = "List case IDs, rules and titles; send no traffic.")
    boolean list;

    @Option(names = "--include", split = ",", paramLabel = "GLOB", description = "Only cases whose ID, category or rule ID matches (repeatable, comma-separated).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", split = ",", paramLabel = "GLOB", description = "Skip cases whose ID, category or rule ID matches.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--reply-timeout", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "How long to wait for an expected message (default ${DEFAULT-VALUE}; a bare number is seconds).")
    Duration replyTimeout;

    @Option(names = "--quiet-window", paramLabel = "DURATION", defaultValue = "300ms", converter = DurationConverter.class,
            description = "How long a client must receive nothing to count as silent (default ${DEFAULT-VALUE}; a bare "
                    + "number is seconds).")
    Duration quietWindow;

    @Option(names = "--transfer-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The target's file relay timeout; timeout cases wait at most this plus the reply timeout. "
                    + "A bare number is seconds. Default: 2s for the embedded server (which is started with it), 10s otherwise.")
    Duration transferTimeout;

    @Option(names = "--claims", paramLabel = "EXT", description = "Extensions the target claims: ERR,SESS,EDGE,LIMIT, all or none. "
            + "Default: all for the embedded server, none otherwise. Unclaimed extension cases report INFO.")
    String claims;

    @Option(names = "--strict", description = "Report tolerated deviations (NON-STRICT) as FAIL.")
    boolean strict;

    @Option(names = "--numeric-length", description = "Send send_file's length as a JSON number instead of a string.")
    boolean numericLength;

    @Option(names = "--max-message-size", paramLabel = "BYTES", defaultValue = "65536",
            description = "The target's message size limit, for the too_large case (default ${DEFAULT-VALUE}).")
    int maxMessageSize;

    @Option(names = "--relay-ports", paramLabel = "N", defaultValue = "0",
            description = "Size of the target's relay port range, for the 'all ports busy' case; 0 = unknown (case SKIPPED).")
    int relayPorts;

    @Option(names = "--limits", paramLabel = "KEY=VALUE,...",
            description = "The target's resource limits, for the LIMIT cases: connections=N, message-deadline=D, "
                    + "login-deadline=D, read-deadline=D, name-length=N, transfers-per-user=N (any subset; a case "
                    + "whose limit is not given is SKIPPED). The embedded server's are known.")
    String limits;

    @Option(names = "--alias", paramLabel = "SERVER_NAME=SPEC_NAME",
            description = "The target spells a cmd, result or field name differently (e.g. login_replay=login_reply, "
                    + "passwd=password): read and send its spelling so the rest of the suite can run. Repeatable. MSG-1 "
                    + "still FAILs (its case runs without aliases) and the exit code stays 1.")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
            description = "Cases run at once in the core and slow phases; 1 for fragile servers (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "chatspec-results",
            description = "Where results.json, junit.xml and allure-results/ go (default ${DEFAULT-VALUE}).")
    Path output;

    private final PrintStream out;
    private final PrintStream err;

    public ConformanceCli() {
        this(System.out, System.err);
    }

    public ConformanceCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return execute(System.out, System.err, args);
    }

    /** The whole CLI with its console on the given streams; returns the exit code instead of exiting. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        // bad options already exit with picocli's usage code, which is ours: 2
        CommandLine cli = new CommandLine(new ConformanceCli(out, err))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                // picocli's default for an exception escaping call() is 1, which would read as "a case failed"
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    err.println("run failed: " + e);
                    return USAGE_OR_CONNECTION;
                });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        Selection selection = new Selection(include, exclude);
        List<ConformanceCase> cases = selection.from(CaseCatalog.all());
        if (list) {
            cases.forEach(c -> out.printf("%-44s %-12s %-40s %s%n", c.id(), c.category(), String.join(" ", c.rules()), c.title()));
            out.println(cases.size() + " cases");
            return 0;
        }
        if (cases.isEmpty()) {
            err.println("no case matches --include/--exclude");
            return USAGE_OR_CONNECTION;
        }
        Set<Extension> claimed;
        try {
            claimed = claims == null ? null : Extension.parseList(claims);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE_OR_CONNECTION;
        }
        Aliases aliasMap;
        try {
            aliasMap = Aliases.parse(aliases);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE_OR_CONNECTION;
        }
        LimitSettings limitSettings;
        try {
            limitSettings = LimitsOption.parse(limits);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE_OR_CONNECTION;
        }
        Target t;
        int relayCount = relayPorts;
        Duration transfer = transferTimeout;
        try {
            if (start != null) {
                InetSocketAddress a = HostPort.parse(target != null ? target : "127.0.0.1:8888").address();
                t = new ProcessTarget(start, a, startTimeout, output.resolve("target.log").toFile());
            } else if (target != null) {
                t = new ExternalTarget(HostPort.parse(target).address());
            } else {
                transfer = transfer != null ? transfer : Duration.ofSeconds(2);
                EmbeddedTarget e = EmbeddedTarget.start(transfer);
                relayCount = relayCount > 0 ? relayCount : e.relayPortCount();
                limitSettings = limits != null ? limitSettings : e.limits();
                t = e;
            }
        } catch (RuntimeException e) {
            err.println("cannot set up the target: " + e.getMessage());
            return USAGE_OR_CONNECTION;
        }
        transfer = transfer != null ? transfer : Duration.ofSeconds(10);
        RunSettings settings = RunSettings.builder().replyTimeout(replyTimeout).quietWindow(quietWindow)
                .transferTimeout(transfer).strict(strict).numericLength(numericLength).claims(claimed)
                .parallelism(parallel).maxMessageSize(maxMessageSize).relayPortCount(relayCount).aliases(aliasMap)
                .limits(limitSettings).build();
        try (Target closing = t) {
            RunResult run = new SuiteRunner(closing, settings, new ConsoleReporter(out)).run(cases, selection);
            for (Path p : Outputs.writeAll(run, output)) {
                out.println("wrote " + p);
            }
            return run.exitCode();
        } catch (Exception e) {
            err.println("run failed: " + e);
            return USAGE_OR_CONNECTION;
        }
    }
}
