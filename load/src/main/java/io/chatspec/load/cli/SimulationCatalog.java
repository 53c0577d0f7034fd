package io.chatspec.load.cli;

import io.chatspec.load.sim.Describe;
import io.chatspec.load.simulations.CapacitySimulation;
import io.chatspec.load.simulations.ConnectionHoldSimulation;
import io.chatspec.load.simulations.FileTransferSimulation;
import io.chatspec.load.simulations.GroupFanoutSimulation;
import io.chatspec.load.simulations.LoginStormSimulation;
import io.chatspec.load.simulations.MixedWorkloadSimulation;
import io.chatspec.load.simulations.PrivateChatSimulation;
import io.gatling.javaapi.core.Simulation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The simulations the jar runs, found by simple name with or without the {@code Simulation} suffix. */
final class SimulationCatalog {
    static final List<Class<? extends Simulation>> ALL = List.of(PrivateChatSimulation.class,
            GroupFanoutSimulation.class, LoginStormSimulation.class, FileTransferSimulation.class,
            MixedWorkloadSimulation.class, CapacitySimulation.class, ConnectionHoldSimulation.class);

    private SimulationCatalog() {
    }

    static Optional<Class<? extends Simulation>> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(c -> {
            String simple = c.getSimpleName().toLowerCase(Locale.ROOT);
            return simple.equals(wanted) || simple.equals(wanted + "simulation")
                    || c.getName().toLowerCase(Locale.ROOT).equals(wanted);
        }).findFirst();
    }

    /** The {@code --list} text: each simulation, what it measures, and its own parameters with defaults. */
    static String describe() {
        StringBuilder b = new StringBuilder();
        for (Class<? extends Simulation> c : ALL) {
            Describe d = c.getAnnotation(Describe.class);
            b.append(c.getSimpleName()).append('\n');
            if (d != null) {
                b.append("  ").append(d.value()).append('\n');
                for (Describe.Param p : d.params()) {
                    b.append(String.format(Locale.ROOT, "    %-26s %-16s %s%n", p.name(), p.defaultValue(),
                            p.help()));
                }
            }
        }
        b.append("Every simulation also reads: target, replyTimeout, relayTimeout, waitTimeout, slo.p99Ms, "
                + "slo.errorPct, injector, runId, out, serverHeap, serverJar (see docs/LOAD.md).\n"
                + "Set any parameter with -P NAME=VALUE (or -Dchatspec.NAME=VALUE before -jar). Durations and\n"
                + "*Seconds/*Timeout parameters: a bare number is seconds; 500ms, 10s, 2m, PT10S work too.\n");
        return b.toString();
    }
}
