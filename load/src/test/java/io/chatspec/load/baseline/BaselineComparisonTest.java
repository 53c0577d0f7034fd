package io.chatspec.load.baseline;

import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** The comparison says when its percentage shows the offered rate or the users' own waiting, not the injector. */
public class BaselineComparisonTest {
    private static final PlainChatBaseline.Result PLAIN =
            new PlainChatBaseline.Result(100, 1, 64, 500_000, 10.0, 0.7); // 50,000 msgs/s

    /** An injector whose users took {@code seconds} for an offer planned to take 31 s (1 s ramp, 30 s chat). */
    private static BaselineComparison.Injector injector(double perSecond, double offered, double seconds) {
        return new BaselineComparison.Injector(perSecond, offered, 0.2, 0.21, false, seconds, 31);
    }

    private static BaselineComparison.Injector injector(double perSecond, double offered) {
        return injector(perSecond, offered, 31);
    }

    @Test
    public void anOfferBelowThePlainClientCapsThePercentage() {
        List<String> caveats = BaselineComparison.caveats(injector(39_900, 40_000), PLAIN);
        assertEquals(caveats.size(), 1, caveats.toString());
        assertTrue(caveats.get(0).contains("caps this at 80.0 %"), caveats.get(0));
        assertTrue(BaselineComparison.statement(injector(39_900, 40_000), List.of(PLAIN)).endsWith(caveats.get(0)));
    }

    @Test
    public void usersThatFellBehindTheOfferAreNamed() {
        List<String> caveats = BaselineComparison.caveats(injector(33_700, 40_000, 35.6), PLAIN);
        assertEquals(caveats.size(), 2, caveats.toString());
        assertTrue(caveats.get(1).contains("the chat took 35.6 s where ramp and rate plan 31.0 s"), caveats.get(1));
        assertEquals(BaselineComparison.caveats(injector(33_700, 40_000, 32.0), PLAIN).size(), 1,
                "a chat within 5 % of its plan kept the pace");
    }

    @Test
    public void anOfferAboveThePlainClientMeasuresTheInjectorsOwnLimit() {
        assertEquals(BaselineComparison.caveats(injector(45_000, 80_000), PLAIN), List.of());
        assertEquals(BaselineComparison.caveats(injector(49_000, 50_000), PLAIN), List.of(),
                "an offer the plain client reaches, kept by the users");
        Map<String, Object> map = BaselineComparison.toMap(injector(49_000, 50_000), List.of(PLAIN));
        assertEquals(map.get("caveats"), List.of());
        assertEquals(map.get("injectorPercentOfPlainClient"), 98.0);
    }

    @Test
    public void runsBeforeAndAfterTheLoadCountTogetherAndEachIsNamed() {
        PlainChatBaseline.Result before = new PlainChatBaseline.Result(100, 1, 64, 400_000, 10.0, 0.6); // 40,000/s
        PlainChatBaseline.Result after = new PlainChatBaseline.Result(100, 1, 64, 600_000, 10.0, 0.8); // 60,000/s
        List<PlainChatBaseline.Result> runs = List.of(before, after);
        assertEquals(BaselineComparison.combined(runs).messagesPerSecond(), 50_000.0);
        String statement = BaselineComparison.statement(injector(45_000, 80_000), runs);
        assertTrue(statement.startsWith("injector reached 90.0 % of a plain client on this server (45000 vs 50000 "
                + "msgs/s delivered, 80000 offered; plain client (before and after the load: 40000 and 60000): "),
                statement);
        Map<String, Object> map = BaselineComparison.toMap(injector(45_000, 80_000), runs);
        assertEquals(((List<?>) map.get("runs")).size(), 2);
        assertEquals(map.get("delivered"), 1_000_000L);
    }
}
