package io.chatspec.server.limits;

import io.netty.channel.embedded.EmbeddedChannel;
import org.testng.annotations.Test;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/** Reading resumes only when every party that stopped it has lifted its own reason. */
public class ReadGateTest {

    @Test(description = "a finished password check does not undo a pause for the memory budget")
    public void passwordCheckDoesNotLiftBudgetPause() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ReadGate gate = ReadGate.of(ch);
        gate.close(ReadGate.Reason.BUDGET);
        gate.close(ReadGate.Reason.PASSWORD_CHECK);
        gate.open(ReadGate.Reason.PASSWORD_CHECK);
        assertFalse(ch.config().isAutoRead(), "still paused for the budget");
        gate.open(ReadGate.Reason.BUDGET);
        assertTrue(ch.config().isAutoRead());
    }

    @Test(description = "the budget lifting its pause does not resume a connection waiting for a password check")
    public void budgetDoesNotLiftPasswordPause() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ReadGate gate = ReadGate.of(ch);
        gate.close(ReadGate.Reason.PASSWORD_CHECK);
        gate.close(ReadGate.Reason.BUDGET);
        gate.open(ReadGate.Reason.BUDGET);
        assertFalse(ch.config().isAutoRead());
        assertTrue(gate.isClosedBy(ReadGate.Reason.PASSWORD_CHECK));
        gate.open(ReadGate.Reason.PASSWORD_CHECK);
        assertTrue(ch.config().isAutoRead());
        assertTrue(ReadGate.of(ch) == gate, "one gate per channel");
    }
}
