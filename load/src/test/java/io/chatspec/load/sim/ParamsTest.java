package io.chatspec.load.sim;

import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

import java.time.Duration;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

public class ParamsTest {
    // a name no simulation reads, so tests running in the same JVM are not disturbed
    private static final String NAME = "paramsTest.timeout";

    @AfterMethod
    public void clear() {
        System.clearProperty("chatspec." + NAME);
    }

    @Test
    public void durationPropertiesReadLikeEveryChatspecTool() {
        assertEquals(Params.seconds(NAME, 2.5), Duration.ofMillis(2500));
        System.setProperty("chatspec." + NAME, "250ms");
        assertEquals(Params.seconds(NAME, 1), Duration.ofMillis(250));
        System.setProperty("chatspec." + NAME, "3");
        assertEquals(Params.seconds(NAME, 1), Duration.ofSeconds(3));
        assertEquals(Params.secondsValue(NAME, 1), 3.0);
        System.setProperty("chatspec." + NAME, "PT1M");
        assertEquals(Params.wholeSeconds(NAME, 1), 60);
    }

    @Test
    public void aBadValueNamesTheProperty() {
        System.setProperty("chatspec." + NAME, "soon");
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> Params.seconds(NAME, 1));
        assertTrue(e.getMessage().startsWith("chatspec." + NAME + ": 'soon' is not a duration"), e.getMessage());
        System.setProperty("chatspec." + NAME, "1.5s");
        e = expectThrows(IllegalArgumentException.class, () -> Params.wholeSeconds(NAME, 1));
        assertTrue(e.getMessage().contains("whole seconds"), e.getMessage());
    }
}
