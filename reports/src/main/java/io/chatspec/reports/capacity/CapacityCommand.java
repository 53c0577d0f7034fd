package io.chatspec.reports.capacity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "capacity", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Puts the headline figures of one or more Gatling runs side by side (throughput per request, "
                + "p50/p95/p99, errors, max sustainable rate of a capacity run) with links to each Gatling report.")
public final class CapacityCommand implements Callable<Integer> {
    @Option(names = "--gatling", paramLabel = "DIR",
            description = "A Gatling run folder (load/target/gatling/<simulation>-<timestamp>). Repeatable.")
    List<Path> gatling = new ArrayList<>();

    @Option(names = "--capacity", paramLabel = "FILE",
            description = "A capacity result (capacity-<injector>.json) to show even if no run folder claims it.")
    List<Path> capacity = new ArrayList<>();

    @Option(names = "--merged", paramLabel = "FILE",
            description = "A merged distributed run (merged.json from the load module's merge): a page with the merged "
                    + "percentiles and per-injector rates, merged.html (index.html when no --gatling is given).")
    Path merged;

    @Option(names = "--out", defaultValue = "target/capacity-report", paramLabel = "DIR",
            description = "Report folder (default ${DEFAULT-VALUE}); open DIR/index.html.")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (gatling.isEmpty() && merged == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give at least one --gatling DIR or a --merged FILE");
        }
        Path mergedPage = merged == null ? null : CapacityFolder.writeMerged(merged, out, gatling.isEmpty());
        if (gatling.isEmpty()) {
            System.out.println("merged run: " + merged);
            System.out.println("open " + mergedPage.toAbsolutePath().normalize());
            return 0;
        }
        Path index = CapacityFolder.write(gatling, capacity, out, mergedPage);
        System.out.println("capacity report: " + gatling.size() + " Gatling run(s)");
        System.out.println("open " + index.toAbsolutePath().normalize());
        return 0;
    }
}
