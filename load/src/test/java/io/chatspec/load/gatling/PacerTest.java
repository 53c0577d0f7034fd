package io.chatspec.load.gatling;

import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;

public class PacerTest {
    private static final long PACE = 5_000_000;

    @Test
    public void lateTimersDoNotPushLaterIterationsBack() {
        Pacer pacer = new Pacer(PACE);
        long now = 1_000;
        long start = now;
        assertEquals(pacer.delayBeforeNext(now), 0, "the first iteration starts at once");
        for (int i = 1; i <= 1_000; i++) {
            now += 300_000; // the reply arrives
            long delay = pacer.delayBeforeNext(now);
            assertEquals(now + delay, start + i * PACE, "iteration " + i + " is due one pace after the previous was due");
            now += delay + 800_000; // the timer fires 0.8 ms late
        }
    }

    @Test
    public void anOverrunIsFollowedAtOnceAndTheScheduleGoesOnFromThen() {
        Pacer pacer = new Pacer(PACE);
        pacer.delayBeforeNext(0);
        assertEquals(pacer.delayBeforeNext(12_000_000), 0, "an iteration that took longer than its pace");
        assertEquals(pacer.delayBeforeNext(13_000_000), 4_000_000, "due one pace after the late start, no catch-up burst");
    }
}
