package io.chatspec.conformance.cases;

import io.chatspec.conformance.EmbeddedServerHolder;
import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.RunResult;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.conformance.runner.RunListener;
import io.chatspec.conformance.runner.Selection;
import io.chatspec.conformance.runner.SuiteRunner;
import io.chatspec.conformance.settings.RunSettings;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.client.Direction;
import io.chatspec.protocol.client.TranscriptEntry;
import io.chatspec.protocol.table.CommandSpec;
import io.chatspec.protocol.table.CommandTable;
import io.chatspec.protocol.table.FieldKind;
import io.chatspec.protocol.table.FieldSpec;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/** The ERR-6, ERR-7 and ERR-9 probes (and FRAME-13's commands) come from the command table, not from a list of their own. */
public class TableProbesTest {

    /** "register user", "register password", ...: the fields of every command in the table of the given kinds. */
    private static Set<String> tableFields(FieldKind... kinds) {
        Set<String> out = new LinkedHashSet<>();
        for (CommandSpec c : CommandTable.COMMANDS) {
            for (FieldSpec f : c.fields()) {
                if (List.of(kinds).contains(f.kind())) {
                    out.add(c.cmd() + " " + f.name());
                }
            }
        }
        return out;
    }

    @Test
    public void wellFormedCommandsCarryEveryFieldOfTheirRow() {
        List<Message> all = TableProbes.wellFormedAll("me", "you", false);
        assertEquals(all.stream().map(Message::cmd).toList(), CommandTable.COMMANDS.stream().map(CommandSpec::cmd).toList());
        for (CommandSpec c : CommandTable.COMMANDS) {
            Message m = TableProbes.wellFormed(c, "me", "you", false);
            assertEquals(new HashSet<>(m.fieldNames()), union("cmd", c.fieldNames()), m.toJson());
            if (c.actor() != null) {
                assertEquals(m.text(c.actor()), "me", m.toJson());
            }
        }
    }

    @Test
    public void missingFieldProbesLeaveOutEachFieldOfEachCommandOnce() {
        Set<String> probed = new LinkedHashSet<>();
        for (TableProbes.Probe p : TableProbes.missingFields("me", "you", false)) {
            assertTrue(probed.add(p.command().cmd() + " " + p.field()), "probed twice: " + p);
            assertFalse(p.message().has(p.field()), p.message().toJson());
            Set<String> rest = union("cmd", p.command().fieldNames());
            rest.remove(p.field());
            assertEquals(new HashSet<>(p.message().fieldNames()), rest, p.message().toJson());
            assertEquals(p.reply(), p.command().cmd() + "_reply");
        }
        assertEquals(probed, tableFields(FieldKind.values()));
    }

    @Test
    public void wrongTypeProbesGiveEachStringFieldANumberAndNull() {
        Set<String> probed = new LinkedHashSet<>();
        for (TableProbes.Probe p : TableProbes.wrongTypes("me", "you", false)) {
            assertFalse(p.message().get(p.field()).isTextual(), p.message().toJson());
            probed.add(p.command().cmd() + " " + p.field() + " " + p.message().get(p.field()).getNodeType());
        }
        Set<String> expected = new LinkedHashSet<>();
        tableFields(FieldKind.NAME, FieldKind.TEXT).forEach(f -> {
            expected.add(f + " NUMBER");
            expected.add(f + " NULL");
        });
        assertEquals(probed, expected);
    }

    @Test
    public void emptyNameProbesEmptyEachNameFieldOnce() {
        Set<String> probed = new LinkedHashSet<>();
        for (TableProbes.Probe p : TableProbes.emptyNames("me", "you", false)) {
            assertEquals(p.message().text(p.field()), "", p.message().toJson());
            assertTrue(probed.add(p.command().cmd() + " " + p.field()), "probed twice: " + p);
        }
        assertEquals(probed, tableFields(FieldKind.NAME));
    }

    /** End to end: what the ERR cases send is the table's probes, and the reference server rejects them all. */
    @Test
    public void theErrCasesSendTheTablesProbes() {
        if (EmbeddedServerHolder.externalTarget() != null) {
            throw new SkipException("needs the embedded reference server");
        }
        RunSettings settings = RunSettings.builder().transferTimeout(EmbeddedServerHolder.TRANSFER_TIMEOUT)
                .claims(EnumSet.allOf(Extension.class)).build();
        RunResult r = new SuiteRunner(EmbeddedServerHolder.get(), settings, new RunListener() {
        }).run(Selection.including(List.of("err.missing-field", "err.wrong-type", "err.empty-name"))
                .from(CaseCatalog.all()));
        assertEquals(r.cases().size(), 3);
        for (CaseResult c : r.cases()) {
            assertEquals(c.verdict(), Verdict.PASS, c.id() + ": " + c.reason());
        }
        Set<String> missing = new LinkedHashSet<>();
        for (Message m : sentCommands(r.cases().get(0))) {
            CommandSpec c = CommandTable.byCmd(m.cmd()).orElseThrow();
            c.fieldNames().stream().filter(f -> !m.has(f)).forEach(f -> missing.add(c.cmd() + " " + f));
        }
        assertEquals(missing, tableFields(FieldKind.values()));
        Set<String> wrong = new LinkedHashSet<>();
        for (Message m : sentCommands(r.cases().get(1))) {
            CommandSpec c = CommandTable.byCmd(m.cmd()).orElseThrow();
            c.fieldNames().stream().filter(f -> m.has(f) && !m.get(f).isTextual()).forEach(f -> wrong.add(c.cmd() + " " + f));
        }
        assertEquals(wrong, tableFields(FieldKind.NAME, FieldKind.TEXT));
        Set<String> empty = new LinkedHashSet<>();
        for (Message m : sentCommands(r.cases().get(2))) {
            CommandSpec c = CommandTable.byCmd(m.cmd()).orElseThrow();
            c.fieldNames().stream().filter(f -> "".equals(m.text(f))).forEach(f -> empty.add(c.cmd() + " " + f));
        }
        assertEquals(empty, tableFields(FieldKind.NAME));
    }

    /** The commands a case sent, raw ones included (its set-up's register and login are well-formed). */
    private static List<Message> sentCommands(CaseResult c) {
        return c.transcript().stream().filter(e -> e.direction() == Direction.SENT).map(TranscriptEntry::text)
                .map(t -> Message.parse(t.strip())).filter(m -> CommandTable.byCmd(m.cmd()).isPresent()).toList();
    }

    private static Set<String> union(String first, List<String> rest) {
        Set<String> out = new HashSet<>(rest);
        out.add(first);
        return out;
    }
}
