package io.chatspec.server.relay;

import io.chatspec.server.RelayPortRange;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.OptionalInt;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

public class RelayPortsTest {

    @Test(description = "EDGE-17 FILE-16 a fixed range hands out each port once, then runs dry until one is released")
    public void rangeExhaustsAndRecovers() {
        RelayPorts ports = new RelayPorts(new RelayPortRange(9000, 9002));
        assertEquals(ports.claim(), OptionalInt.of(9000));
        assertEquals(ports.claim(), OptionalInt.of(9001));
        assertEquals(ports.claim(), OptionalInt.of(9002));
        assertTrue(ports.claim().isEmpty());
        ports.release(9001);
        assertEquals(ports.claim(), OptionalInt.of(9001));
        assertEquals(ports.claimed(), 3);
    }

    @Test(description = "FILE-15 a released port rests: the next claim prefers ports not just used")
    public void roundRobin() {
        RelayPorts ports = new RelayPorts(new RelayPortRange(9000, 9002));
        assertEquals(ports.claim(), OptionalInt.of(9000));
        ports.release(9000);
        assertEquals(ports.claim(), OptionalInt.of(9001));
        ports.release(9001);
        assertEquals(ports.claim(), OptionalInt.of(9002));
        assertEquals(ports.claim(), OptionalInt.of(9000));
    }

    @Test(description = "FILE-15 only the port released last, and only for a moment, counts as just released")
    public void justReleased() {
        RelayPorts ports = new RelayPorts(new RelayPortRange(9000, 9001));
        ports.claim();
        ports.claim();
        assertFalse(ports.justReleased(9000, Duration.ofMinutes(1)), "never released");
        ports.release(9000);
        assertTrue(ports.justReleased(9000, Duration.ofMinutes(1)));
        assertFalse(ports.justReleased(9000, Duration.ZERO), "the window has passed");
        ports.release(9001);
        assertFalse(ports.justReleased(9000, Duration.ofMinutes(1)), "another port was released since");
    }

    @Test(description = "FILE-16 ephemeral mode never runs dry: the OS picks a port per transfer")
    public void ephemeral() {
        RelayPorts ports = new RelayPorts(RelayPortRange.EPHEMERAL);
        for (int i = 0; i < 100; i++) {
            assertEquals(ports.claim(), OptionalInt.of(0));
        }
        assertEquals(ports.maxAttempts(), 1);
    }

    @Test
    public void parseRanges() {
        assertEquals(RelayPortRange.parse("ephemeral"), RelayPortRange.EPHEMERAL);
        assertEquals(RelayPortRange.parse("9000-9100"), new RelayPortRange(9000, 9100));
        assertEquals(RelayPortRange.parse(" 9000 - 9000 "), new RelayPortRange(9000, 9000));
        assertEquals(RelayPortRange.parse("9005"), new RelayPortRange(9005, 9005));
        assertEquals(new RelayPortRange(9000, 9100).size(), 101);
        assertThrows(IllegalArgumentException.class, () -> RelayPortRange.parse("9100-9000"));
        assertThrows(IllegalArgumentException.class, () -> RelayPortRange.parse("x-y"));
        assertThrows(IllegalArgumentException.class, () -> RelayPortRange.parse("0-70000"));
    }
}
