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

    private static BaselineComparison.Injector injector(double perSecond, double offered) {
        return new BaselineComparison.Injector(perSecond, offered, 0.2, 0.21, false);
    }

    @Test
    public void anOfferBelowThePlainClientCapsThePercentage() {
        List<String> caveats = BaselineComparison.caveats(injector(39_900, 40_000), PLAIN);
        assertEquals(caveats.size(), 1, caveats.toString());
        assertTrue(caveats.get(0).contains("caps this at 80.0 %"), caveats.get(0));
        assertTrue(BaselineComparison.statement(injector(39_900, 40_000), PLAIN).endsWith(caveats.get(0)));
    }

    @Test
    public void usersThatFellBehindTheOfferAreNamed() {
        List<String> caveats = BaselineComparison.caveats(injector(33_700, 40_000), PLAIN);
        assertEquals(caveats.size(), 2, caveats.toString());
        assertTrue(caveats.get(1).startsWith("users fell behind the offered rate (84.3 % of it)"), caveats.get(1));
    }

    @Test
    public void anOfferAboveThePlainClientMeasuresTheInjectorsOwnLimit() {
        assertEquals(BaselineComparison.caveats(injector(45_000, 80_000), PLAIN), List.of());
        assertEquals(BaselineComparison.caveats(injector(49_000, 50_000), PLAIN), List.of(),
                "an offer the plain client reaches, kept by the users");
        Map<String, Object> map = BaselineComparison.toMap(injector(49_000, 50_000), PLAIN);
        assertEquals(map.get("caveats"), List.of());
        assertEquals(map.get("injectorPercentOfPlainClient"), 98.0);
    }
}
