package io.chatspec.load.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatspec.load.merge.HdrMerge;
import io.chatspec.protocol.Json;
import io.chatspec.protocol.options.DurationConverter;
import io.chatspec.protocol.options.Durations;
import io.chatspec.protocol.options.HostPort;
import io.chatspec.protocol.options.HostPortConverter;
import io.gatling.app.Gatling$;
import io.gatling.javaapi.core.Simulation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code java -jar chatspec-load.jar SIMULATION --target host:port ...}: runs one simulation with Gatling in this
 * JVM, no Maven or source tree needed. The options become the {@code chatspec.*} system properties the
 * simulations read (docs/LOAD.md), so the jar and {@code mvn gatling:test -Dchatspec...} run the same code.
 *
 * <p>Exit status: 0 when every SLO held, 2 when an SLO was breached (Gatling's assertion status), 1 when the
 * run could not start or crashed, 64 for a bad command line.
 */
@Command(name = "chatspec-load", mixinStandardHelpOptions = true, versionProvider = LoadCli.Version.class,
        subcommands = LoadCli.Merge.class, usageHelpAutoWidth = true, exitCodeOnInvalidInput = LoadCli.USAGE,
        description = "Runs one chat load simulation (Gatling) against a chat server and prints where the Gatling "
                + "report and the JSON summary landed. Exit status 2 when an SLO is breached.",
        footer = {"", "Examples:",
                "  java -jar chatspec-load.jar PrivateChatSimulation --target 10.0.0.5:8888 --users 200 --rate 5000 "
                        + "--duration 30 --slo-p99 50",
                "  java -jar chatspec-load.jar --list",
                "  java -jar chatspec-load.jar merge --out merged.md results/hdr",
                "", "DURATION: " + Durations.ACCEPTED + " (as in every chatspec tool and -P/-D parameter)."})
public final class LoadCli implements Callable<Integer> {
    static final int BREACHED = 2;
    static final int USAGE = 64;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SIMULATION",
            description = "e.g. PrivateChatSimulation (or PrivateChat); see --list")
    String simulation;

    @Option(names = "--list", description = "List the simulations with their parameters and defaults.")
    boolean list;

    @Option(names = "--target", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Server under test ([::1]:PORT for IPv6). Without it the run starts an embedded reference "
                    + "server.")
    HostPort target;

    @Option(names = "--users", description = "Virtual users (simulations that have users).")
    String users;

    @Option(names = "--rate", description = "Rate, in the simulation's unit (see --list).")
    String rate;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the load lasts: " + Durations.ACCEPTED + ".")
    Duration duration;

    @Option(names = "--slo-p99", paramLabel = "MS", description = "SLO: global p99 response time <= MS.")
    String sloP99;

    @Option(names = "--slo-error-pct", paramLabel = "PCT", description = "SLO: KO requests <= PCT %% (default 0).")
    String sloErrorPct;

    @Option(names = "--injector-index", paramLabel = "I",
            description = "This injector's index in a distributed run (e.g. JOB_COMPLETION_INDEX); default 0.")
    String injectorIndex;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Shared by every injector of one distributed run, so user names never collide.")
    String runId;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "chatspec-results",
            description = "JSON summaries and hdr/ logs go here; Gatling reports in DIR/gatling (default: "
                    + "${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--reports", paramLabel = "DIR", description = "Gatling's results folder (default OUT/gatling).")
    Path reports;

    @Option(names = "--no-html", description = "Skip Gatling's HTML report (distributed injectors: merge instead).")
    boolean noHtml;

    @Option(names = {"-P", "--param"}, paramLabel = "NAME=VALUE",
            description = "Any chatspec.NAME parameter, e.g. -P messageSize=256 -P groupSize=50.")
    Map<String, String> params = new LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (for tests and embedding). */
    public static int execute(String... args) {
        return new CommandLine(new LoadCli()).execute(args);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        if (list) {
            o.print(SimulationCatalog.describe());
            o.flush();
            return 0;
        }
        if (simulation == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing SIMULATION (see --list)");
        }
        Class<? extends Simulation> sim = SimulationCatalog.find(simulation).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "Unknown simulation '" + simulation
                        + "'; known: " + SimulationCatalog.ALL.stream().map(Class::getSimpleName).toList()));
        Path outDir = out.toAbsolutePath();
        Path reportsDir = (reports == null ? outDir.resolve("gatling") : reports).toAbsolutePath();
        Files.createDirectories(reportsDir);
        properties(outDir).forEach((k, v) -> System.setProperty("chatspec." + k, v));
        InjectorNetty.applyDefaults();

        long started = System.currentTimeMillis();
        List<String> gatling = new ArrayList<>(List.of("-s", sim.getName(), "-rf", reportsDir.toString()));
        if (noHtml) {
            gatling.add("-nr");
        }
        int status = Gatling$.MODULE$.fromArgs(gatling.toArray(String[]::new));

        String injector = System.getProperty("chatspec.injector", "0");
        Path summary = outDir.resolve(sim.getSimpleName() + "-" + injector + ".json");
        o.println("chatspec-load: JSON summary: " + (Files.exists(summary) ? summary : "none (" + summary + ")"));
        baselineStatement(summary).ifPresent(line -> o.println("chatspec-load: " + line));
        Optional<Path> report = newestReport(reportsDir, started);
        o.println("chatspec-load: Gatling report: " + report.map(p -> p.resolve("index.html").toString())
                .orElse(noHtml ? "skipped (--no-html)" : "none under " + reportsDir));
        o.println("chatspec-load: " + switch (status) {
            case 0 -> "all SLOs held";
            case BREACHED -> "SLO BREACHED (exit 2)";
            default -> "run failed (Gatling status " + status + ")";
        });
        o.flush();
        return status;
    }

    /** The chatspec.* properties this command line sets; named options win over -P. */
    Map<String, String> properties(Path outDir) {
        Map<String, String> p = new LinkedHashMap<>(params);
        put(p, "target", target == null ? null : target.toString());
        put(p, "users", users);
        put(p, "rate", rate);
        // the simulations read seconds; a decimal keeps 500ms exact
        put(p, "duration", duration == null ? null : BigDecimal.valueOf(Durations.seconds(duration))
                .stripTrailingZeros().toPlainString());
        put(p, "slo.p99Ms", sloP99);
        put(p, "slo.errorPct", sloErrorPct);
        put(p, "injector", injectorIndex);
        put(p, "runId", runId);
        p.put("out", outDir.toString());
        return p;
    }

    private static void put(Map<String, String> p, String name, String value) {
        if (value != null) {
            p.put(name, value);
        }
    }

    /** The plain-client comparison the simulation wrote into its summary, when it ran one. */
    private static Optional<String> baselineStatement(Path summary) {
        try {
            JsonNode b = Json.MAPPER.readTree(summary.toFile()).path("plainClientBaseline");
            return b.has("statement") ? Optional.of(b.get("statement").asText())
                    : b.has("error") ? Optional.of("plain-client baseline failed: " + b.get("error").asText())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Gatling names its run folder after the simulation and a timestamp; take the newest one of this run. */
    private static Optional<Path> newestReport(Path reportsDir, long startedMillis) throws IOException {
        try (Stream<Path> s = Files.list(reportsDir)) {
            return s.filter(d -> Files.exists(d.resolve("index.html")))
                    .filter(d -> d.toFile().lastModified() >= startedMillis - 1000)
                    .max(Comparator.comparingLong(d -> d.toFile().lastModified()));
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = LoadCli.USAGE,
            description = "Merges the HdrHistogram logs of several injectors (exact percentiles, summed rates).")
    static final class Merge implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DIR_OR_HLOG", description = "hdr/ folders or .hlog files")
        List<Path> inputs;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown report here, and "
                + "merged.json beside it (FILE with .json: a run summary's format, which the reports' capacity "
                + "--merged reads).")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<Path> logs = HdrMerge.expand(inputs);
            if (logs.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "No .hlog files under " + inputs);
            }
            HdrMerge merge = new HdrMerge();
            for (Path p : logs) {
                merge.add(p);
            }
            String report = merge.report();
            PrintWriter o = spec.commandLine().getOut();
            o.print(report);
            if (out != null) {
                Path json = merge.write(out);
                o.println("chatspec-load: merged report: " + out.toAbsolutePath());
                o.println("chatspec-load: merged JSON: " + json);
            }
            o.flush();
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LoadCli.class.getPackage().getImplementationVersion();
            return new String[]{"chatspec-load " + (v == null ? "(development build)" : v)};
        }
    }
}
