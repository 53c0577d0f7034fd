package io.chatspec.load.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Delivery counters across all virtual users of this injector, for the end-of-run stats file. */
public final class DeliveryStats {
    public final LongAdder sent = new LongAdder();
    public final LongAdder delivered = new LongAdder();
    public final LongAdder duplicates = new LongAdder();
    public final LongAdder outOfOrder = new LongAdder();
    public final LongAdder lost = new LongAdder();
    public final LongAdder foreign = new LongAdder();

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("expectedDeliveriesSent", sent.sum());
        m.put("delivered", delivered.sum());
        m.put("duplicates", duplicates.sum());
        m.put("outOfOrder", outOfOrder.sum());
        m.put("lost", lost.sum());
        m.put("unparsedForwards", foreign.sum());
        return m;
    }
}
