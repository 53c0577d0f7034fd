package io.chatspec.server.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.table.CommandSpec;
import io.chatspec.protocol.table.CommandTable;
import io.chatspec.protocol.table.FieldKind;
import io.chatspec.protocol.table.FieldSpec;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;

/**
 * The field checks come from the command table: every row, present and future, is checked here field by field, so a
 * new command gets its validation by being a row.
 */
public class CommandValidatorTest {
    private static final int MAX_NAME = 16;
    private final CommandValidator validator = new CommandValidator(new DomainLimits(MAX_NAME, 1));

    @DataProvider
    public Object[][] rows() {
        return CommandTable.COMMANDS.stream().map(c -> new Object[]{c.cmd()}).toArray(Object[][]::new);
    }

    @Test(dataProvider = "rows", description = "ERR-6 a command with every field of its kind passes, values as sent")
    public void wellFormedPasses(String cmd) {
        CommandSpec spec = validator.spec(cmd);
        assertNotNull(spec, cmd);
        ValidCommand valid = validator.validate(spec, Message.of(wellFormed(spec)));
        assertNotNull(valid, cmd);
        assertSame(valid.spec(), spec);
        for (FieldSpec f : spec.fields()) {
            switch (f.kind()) {
                case NAME, TEXT -> assertEquals(valid.text(f.name()), "v-" + f.name());
                case LENGTH -> assertEquals(valid.length(f.name()), 42L);
            }
        }
        if (spec.actor() != null) {
            assertEquals(valid.actor(), "v-" + spec.actor());
        }
    }

    @Test(dataProvider = "rows", description = "ERR-6 ERR-7 ERR-8 a missing or mistyped field fails, whichever it is")
    public void eachFieldIsRequiredAndTyped(String cmd) {
        CommandSpec spec = validator.spec(cmd);
        for (FieldSpec f : spec.fields()) {
            ObjectNode missing = wellFormed(spec);
            missing.remove(f.name());
            assertNull(validator.validate(spec, Message.of(missing)), cmd + " without " + f.name());

            ObjectNode mistyped = wellFormed(spec);
            if (f.kind() == FieldKind.LENGTH) {
                mistyped.put(f.name(), "1e3");
            } else {
                mistyped.put(f.name(), 7);
            }
            assertNull(validator.validate(spec, Message.of(mistyped)), cmd + " with mistyped " + f.name());
        }
    }

    @Test(dataProvider = "rows", description = "ERR-9 LIMIT-5 names are non-empty and at most the limit, in code points; text may be empty")
    public void namesAreNonEmptyAndBounded(String cmd) {
        CommandSpec spec = validator.spec(cmd);
        for (FieldSpec f : spec.fields()) {
            ObjectNode empty = wellFormed(spec);
            empty.put(f.name(), "");
            ObjectNode atLimit = wellFormed(spec);
            // MAX_NAME emoji: twice as many UTF-16 units, MAX_NAME code points.
            atLimit.put(f.name(), "\uD83D\uDE00".repeat(MAX_NAME));
            ObjectNode overLimit = wellFormed(spec);
            overLimit.put(f.name(), "a".repeat(MAX_NAME + 1));
            switch (f.kind()) {
                case NAME -> {
                    assertNull(validator.validate(spec, Message.of(empty)), cmd + " empty " + f.name());
                    assertNotNull(validator.validate(spec, Message.of(atLimit)), cmd + " " + f.name() + " at the limit");
                    assertNull(validator.validate(spec, Message.of(overLimit)), cmd + " long " + f.name());
                }
                case TEXT -> {
                    assertNotNull(validator.validate(spec, Message.of(empty)), cmd + " empty " + f.name());
                    assertNotNull(validator.validate(spec, Message.of(overLimit)), cmd + " long " + f.name());
                }
                case LENGTH -> assertNull(validator.validate(spec, Message.of(empty)), cmd + " empty " + f.name());
            }
        }
    }

    @Test(description = "ERR-4 a cmd outside the table has no row")
    public void unknownCmdHasNoRow() {
        assertNull(validator.spec("register_reply"));
        assertNull(validator.spec("nope"));
    }

    private static ObjectNode wellFormed(CommandSpec spec) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("cmd", spec.cmd());
        for (FieldSpec f : spec.fields()) {
            switch (f.kind()) {
                case NAME, TEXT -> node.put(f.name(), "v-" + f.name());
                case LENGTH -> node.put(f.name(), "42");
            }
        }
        return node;
    }
}
