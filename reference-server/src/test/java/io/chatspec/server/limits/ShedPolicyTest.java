package io.chatspec.server.limits;

import io.chatspec.server.limits.ShedPolicy.Plan;
import io.chatspec.server.limits.ShedPolicy.Shed;
import io.chatspec.server.limits.ShedPolicy.View;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** The shedding rules of LIMIT-2 and LIMIT-4 on numbers: no sockets, no clock. */
public class ShedPolicyTest {
    private static final long KIB = 1024;
    private static final long S = 1_000_000_000L;
    private static final long LIMIT = 1000 * KIB;
    private final ShedPolicy policy = new ShedPolicy(LIMIT, Duration.ofSeconds(30), Duration.ofSeconds(60));

    private static View hoarder(long id, long bytes, long ageSeconds) {
        return new View(id, bytes, 0, ageSeconds * S, -1, false);
    }

    private static View chatter(long id) {
        return new View(id, 300, 200, 0, 0, false);
    }

    private static long used(List<View> views) {
        return views.stream().mapToLong(v -> v.inbound() + v.outbound()).sum();
    }

    @Test(description = "LIMIT-2 an unfinished message past the deadline closes its connection, budget or not")
    public void messageDeadline() {
        List<View> views = List.of(hoarder(1, 10, 31), hoarder(2, 10, 29));
        Plan plan = policy.decide(views, used(views));
        assertEquals(plan.close(), List.of(new Shed(1, ShedReason.MESSAGE_DEADLINE, 10)));
        assertTrue(plan.pause().isEmpty());
    }

    @Test(description = "LIMIT-4 a queue that has not shrunk for the read deadline closes its connection")
    public void readDeadline() {
        List<View> views = List.of(new View(1, 0, 5000, -1, 61 * S, false), new View(2, 0, 5000, -1, 59 * S, false));
        assertEquals(policy.decide(views, used(views)).close(), List.of(new Shed(1, ShedReason.NOT_READING, 5000)));
    }

    @Test(description = "LIMIT-4 below the pressure mark nothing is paused or shed")
    public void calm() {
        List<View> views = List.of(hoarder(1, 300 * KIB, 5), hoarder(2, 300 * KIB, 5), chatter(3));
        assertTrue(policy.decide(views, used(views)).isEmpty());
    }

    @Test(description = "LIMIT-4 under pressure the biggest old holders are closed until the relief mark, young ones paused")
    public void pressureShedsBiggestOffendersFirst() {
        // 800 KiB of 1000: above the 75 % pressure mark.
        List<View> views = List.of(hoarder(1, 100 * KIB, 5), hoarder(2, 300 * KIB, 5), hoarder(3, 200 * KIB, 5),
                hoarder(4, 200 * KIB, 0), chatter(5));
        Plan plan = policy.decide(views, used(views));
        // 800 -> 500 after the biggest offender: under the 60 % relief mark, so no more closes.
        assertEquals(plan.close(), List.of(new Shed(2, ShedReason.OVER_BUDGET, 300 * KIB)));
        assertEquals(plan.pause(), List.of(3L, 4L, 1L));
    }

    @Test(description = "LIMIT-4 the chatting canary is never paused or shed, however full the budget")
    public void smallHoldersAreSpared() {
        List<View> views = List.of(hoarder(1, 990 * KIB, 0), chatter(2));
        Plan plan = policy.decide(views, LIMIT + KIB);
        assertEquals(plan.close(), List.of(new Shed(1, ShedReason.OVER_BUDGET, 990 * KIB)));
        assertTrue(plan.pause().isEmpty());
        assertTrue(plan.close().stream().noneMatch(s -> s.id() == 2));
    }

    @Test(description = "LIMIT-4 at the budget even young holders are closed, biggest first, until 90 %")
    public void fullShedsYoungHoldersToo() {
        List<View> views = List.of(hoarder(1, 500 * KIB, 0), hoarder(2, 400 * KIB, 0), hoarder(3, 150 * KIB, 0));
        Plan plan = policy.decide(views, used(views));
        assertEquals(plan.close(), List.of(new Shed(1, ShedReason.OVER_BUDGET, 500 * KIB)));
        assertEquals(plan.pause(), List.of(2L, 3L));
    }

    @Test(description = "LIMIT-4 a stalled receiver under pressure is shed as not reading")
    public void stalledReceiverUnderPressure() {
        List<View> views = List.of(new View(1, 0, 900 * KIB, -1, 2 * S, false), chatter(2));
        assertEquals(policy.decide(views, used(views)).close(), List.of(new Shed(1, ShedReason.NOT_READING, 900 * KIB)));
    }

    @Test(description = "LIMIT-4 paused connections read again once the holdings are below half the budget")
    public void resumeWhenCalm() {
        List<View> views = List.of(new View(1, 100 * KIB, 0, S, -1, true), new View(2, 100 * KIB, 0, S, -1, false));
        Plan plan = policy.decide(views, used(views));
        assertEquals(plan.resume(), List.of(1L));
        assertTrue(plan.close().isEmpty());
    }
}
