package io.chatspec.reports.capacity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The load module's delivery counters (its DeliveryStats): every message a virtual user sent that someone should
 * receive, and what became of it. Throughput means little if messages were lost, duplicated or reordered.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryCounters(Long expectedDeliveriesSent, Long delivered, Long lost, Long duplicates,
                               Long outOfOrder, Long unparsedForwards) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** True when nothing was lost, duplicated, reordered or unreadable. */
    public boolean clean() {
        return zero(lost) && zero(duplicates) && zero(outOfOrder) && zero(unparsedForwards);
    }

    private static boolean zero(Long v) {
        return v == null || v == 0;
    }

    /**
     * The counters of the run that wrote a capacity result: from the result itself if it has them, else from the
     * run summary beside it ({@code <Simulation>-<injector>.json}, written by the same run), which has a
     * {@code deliveries} object.
     */
    public static Optional<DeliveryCounters> of(CapacityResult.Source source) {
        if (source.result().deliveries() != null) {
            return Optional.of(source.result().deliveries());
        }
        String name = source.file().getFileName().toString();
        if (!name.startsWith("capacity-") || !name.endsWith(".json")) {
            return Optional.empty();
        }
        String suffix = name.substring("capacity".length());
        Path dir = source.file().toAbsolutePath().getParent();
        List<Path> summaries;
        try (Stream<Path> files = Files.list(dir)) {
            summaries = files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .filter(f -> !f.getFileName().toString().equals(name)).sorted().toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        for (Path summary : summaries) {
            try {
                JsonNode deliveries = JSON.readTree(summary.toFile()).get("deliveries");
                if (deliveries != null && deliveries.isObject()) {
                    return Optional.of(JSON.treeToValue(deliveries, DeliveryCounters.class));
                }
            } catch (IOException e) {
                // not a run summary (or not JSON): look at the next candidate
            }
        }
        return Optional.empty();
    }
}
