package io.chatspec.load.delivery;

import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;

public class DeliveryInboxTest {
    @Test
    public void textRoundTripsSequenceAndTimeAtTheRequestedSize() {
        String text = DeliveryText.encode(42, 1_700_000_000_123_456L, 100);
        assertEquals(text.length(), 100);
        assertEquals(DeliveryText.decode(text), new DeliveryText(42, 1_700_000_000_123_456L));
    }

    @Test
    public void foreignTextIsNotMeasured() {
        assertNull(DeliveryText.decode("hello"));
        assertNull(DeliveryText.decode("cs:x:1:"));
        assertNull(DeliveryText.decode(null));
    }

    @Test
    public void countsDuplicatesAndOutOfOrderPerStream() {
        DeliveryInbox inbox = new DeliveryInbox();
        assertEquals(inbox.accept("p/a", 1), DeliveryInbox.Outcome.FIRST);
        assertEquals(inbox.accept("p/a", 3), DeliveryInbox.Outcome.FIRST);
        assertEquals(inbox.accept("p/a", 2), DeliveryInbox.Outcome.OUT_OF_ORDER);
        assertEquals(inbox.accept("p/a", 3), DeliveryInbox.Outcome.DUPLICATE);
        assertEquals(inbox.accept("p/b", 1), DeliveryInbox.Outcome.FIRST);
        assertEquals(inbox.unique(), 4);
        assertEquals(inbox.duplicates(), 1);
        assertEquals(inbox.outOfOrder(), 1);
    }

    @Test
    public void fanoutSpreadIsReportedByTheLastRecipientOnly() {
        FanoutTracker t = new FanoutTracker();
        t.expect("g/x#1", 3);
        assertEquals(t.arrived("g/x#1", 100), -1);
        assertEquals(t.arrived("g/x#1", 90), -1);
        assertEquals(t.arrived("g/x#1", 130), 40);
        assertEquals(t.incomplete(), 0);
    }
}
