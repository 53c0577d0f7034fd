package io.chatspec.load;

import io.gatling.app.Gatling$;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;

/**
 * A breached SLO must fail the run (non-zero status, which the Gatling Maven plugin turns into a failed build),
 * and the same tiny run with a reachable SLO must pass: runs PrivateChatSimulation in-process against an
 * embedded reference server, a second or two each.
 */
public class SloGateTest {
    private static final String[] TINY = {"users", "2", "rate", "20", "duration", "0.5"};

    @AfterMethod
    public void clear() {
        for (int i = 0; i < TINY.length; i += 2) {
            System.clearProperty("chatspec." + TINY[i]);
        }
        System.clearProperty("chatspec.slo.errorPct");
    }

    @Test
    public void impossibleSloFailsTheRun() {
        System.setProperty("chatspec.slo.errorPct", "-1");
        assertNotEquals(run(), 0, "a run whose error-rate SLO is below zero must fail");
    }

    @Test
    public void reachableSloPassesTheSameRun() {
        assertEquals(run(), 0);
    }

    private int run() {
        for (int i = 0; i < TINY.length; i += 2) {
            System.setProperty("chatspec." + TINY[i], TINY[i + 1]);
        }
        System.setProperty("chatspec.out", System.getProperty("chatspec.test.results", "target/gatling-test"));
        return Gatling$.MODULE$.fromArgs(new String[]{
                "-s", "io.chatspec.load.simulations.PrivateChatSimulation",
                "-rf", System.getProperty("chatspec.test.results", "target/gatling-test"),
                "-nr"});
    }
}
