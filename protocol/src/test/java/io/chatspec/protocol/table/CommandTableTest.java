package io.chatspec.protocol.table;

import io.chatspec.protocol.Commands;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** The command table says what docs/PROTOCOL.md says: a new or renamed command cannot drift from the spec. */
public class CommandTableTest {
    private static final Pattern SECTION = Pattern.compile("^## (\\d+)\\. Command \\d+: .*\\(`([a-z_]+)`\\)$");

    private static String doc() throws IOException {
        Path p = Paths.get(System.getProperty("chatspec.protocolDoc", "../docs/PROTOCOL.md"));
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static String section(String doc, int number) {
        int start = doc.indexOf("\n## " + number + ". ");
        assertTrue(start >= 0, "no section " + number);
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    @Test(description = "every 'Command N' section of PROTOCOL.md has exactly one row, under that section number")
    public void sectionsMatchRows() throws IOException {
        Set<String> documented = new HashSet<>();
        for (String line : doc().split("\n")) {
            Matcher m = SECTION.matcher(line.strip());
            if (m.matches()) {
                documented.add(m.group(2));
                CommandSpec row = CommandTable.byCmd(m.group(2)).orElseThrow(
                        () -> new AssertionError("PROTOCOL.md documents `" + m.group(2) + "` but the table has no row"));
                assertEquals(row.section(), Integer.parseInt(m.group(1)), row.cmd() + " section");
            }
        }
        assertEquals(documented, new HashSet<>(CommandTable.COMMANDS.stream().map(CommandSpec::cmd).toList()));
    }

    @Test(description = "each row's fields, reply, notices and rule prefix appear in its PROTOCOL.md section")
    public void rowsMatchTheirSections() throws IOException {
        String doc = doc();
        for (CommandSpec row : CommandTable.COMMANDS) {
            String text = section(doc, row.section());
            for (String field : row.fieldNames()) {
                assertTrue(text.contains("\"" + field + "\""), row.cmd() + ": field " + field + " not in its section");
            }
            // offline's reply exists only for errors, so the Errors extension section defines it, not section 11
            assertTrue(text.contains(row.reply()) || doc.contains("`" + row.reply() + "`"),
                    row.cmd() + ": reply " + row.reply() + " not in PROTOCOL.md");
            for (String notice : row.notices()) {
                assertTrue(text.contains("\"" + notice + "\""), row.cmd() + ": notice " + notice + " not in its section");
            }
            assertTrue(text.contains("**" + row.rulePrefix() + "-1**"), row.cmd() + ": no rule " + row.rulePrefix() + "-1");
            if (row.actor() != null) {
                assertTrue(row.fieldNames().contains(row.actor()), row.cmd() + ": actor is not one of its fields");
            }
        }
    }

    @Test(description = "the derived lists hold every reply and notice of the table and nothing a client sends")
    public void derivedLists() {
        Set<String> server = CommandTable.serverCmds();
        for (CommandSpec row : CommandTable.COMMANDS) {
            assertTrue(server.contains(row.reply()), row.reply());
            assertTrue(server.containsAll(row.notices()), row.notices().toString());
            assertTrue(server.containsAll(row.followUps()), row.followUps().toString());
            assertTrue(CommandTable.notices().containsAll(row.notices()));
        }
        assertTrue(server.contains(Commands.ERROR));
        // forwards reuse the client's cmd; everything else a client sends must never count as a server message
        List<String> forwarded = List.of(Commands.PRIVATE_CHAT, Commands.GROUP_CHAT);
        CommandTable.COMMANDS.stream().map(CommandSpec::cmd).filter(c -> !forwarded.contains(c))
                .forEach(c -> assertTrue(!server.contains(c), c + " is a client command"));
        assertEquals(server.size(), 18);
    }
}
