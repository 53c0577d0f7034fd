package io.chatspec.protocol.options;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.time.Duration;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.expectThrows;
import static org.testng.Assert.assertTrue;

public class DurationsTest {
    @DataProvider
    Object[][] valid() {
        return new Object[][]{
                {"10", Duration.ofSeconds(10)},
                {"0.5", Duration.ofMillis(500)},
                {"0", Duration.ZERO},
                {"300ms", Duration.ofMillis(300)},
                {"2.5ms", Duration.ofNanos(2_500_000)},
                {"2s", Duration.ofSeconds(2)},
                {"1.5s", Duration.ofMillis(1500)},
                {" 10 S ", Duration.ofSeconds(10)},
                {"2m", Duration.ofMinutes(2)},
                {"1.5m", Duration.ofSeconds(90)},
                {"1h", Duration.ofHours(1)},
                {"PT10S", Duration.ofSeconds(10)},
                {"pt0.25s", Duration.ofMillis(250)},
        };
    }

    @Test(dataProvider = "valid")
    public void readsEveryAcceptedForm(String text, Duration expected) {
        assertEquals(Durations.parse(text), expected);
    }

    @Test
    public void aBareNumberIsSecondsNotMilliseconds() {
        // the conformance CLI used to read this as 10 ms and the server as 10 s
        assertEquals(Durations.parse("10"), Durations.parse("10s"));
    }

    @DataProvider
    Object[][] invalid() {
        return new Object[][]{{"soon"}, {""}, {"  "}, {"ms"}, {"s"}, {"10x"}, {"1,5s"}, {"P"}, {"NaN"}, {"1e400h"}};
    }

    @Test(dataProvider = "invalid")
    public void badInputNamesTheValueAndTheAcceptedForms(String text) {
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("'" + text.trim() + "' is not a duration"), e.getMessage());
        assertTrue(e.getMessage().contains("bare number of seconds"), e.getMessage());
    }

    @Test
    public void negativeDurationsAreRefused() {
        for (String text : new String[]{"-1", "-5ms", "-PT1S"}) {
            IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> Durations.parse(text));
            assertTrue(e.getMessage().contains("negative"), e.getMessage());
        }
    }

    @Test
    public void nullIsRefusedWithAMessage() {
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> Durations.parse(null));
        assertTrue(e.getMessage().contains("is not a duration"), e.getMessage());
    }

    @Test
    public void secondsKeepsFractions() {
        assertEquals(Durations.seconds(Duration.ofMillis(1500)), 1.5);
        assertEquals(Durations.seconds(Durations.parse("250ms")), 0.25);
    }
}
