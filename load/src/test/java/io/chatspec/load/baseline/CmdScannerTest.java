package io.chatspec.load.baseline;

import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.testng.Assert.assertEquals;

public class CmdScannerTest {
    private CmdScanner scanner;
    private List<String> seen;

    // TestNG shares one instance between methods: a fresh scanner each time
    @BeforeMethod
    public void fresh() {
        scanner = new CmdScanner("private_chat");
        seen = new ArrayList<>();
    }

    private void feed(String s) throws IOException {
        scanner.feed(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)),
                (kind, o, len) -> seen.add(kind + " " + new String(o, 0, len, StandardCharsets.UTF_8)));
    }

    @Test
    public void classifiesRepliesDeliveriesAndOthersByCmdOnly() throws IOException {
        feed("{\"cmd\":\"private_chat_reply\",\"result\":\"success\"}\n{\"result\":\"x\", \"cmd\" : \"private_chat\"}"
                + ";{\"cmd\":\"add_friend_reply\",\"result\":\"a\"}");
        assertEquals(seen, List.of(
                "REPLY {\"cmd\":\"private_chat_reply\",\"result\":\"success\"}",
                "DELIVERY {\"result\":\"x\", \"cmd\" : \"private_chat\"}",
                "OTHER {\"cmd\":\"add_friend_reply\",\"result\":\"a\"}"));
    }

    @Test
    public void objectsSplitAcrossReadsWithBracesAndEscapedQuotesInStringsCountOnce() throws IOException {
        String text = "{\"cmd\":\"private_chat\",\"text\":\"} { \\\" }\\\\\"}";
        for (char c : text.toCharArray()) {
            feed(String.valueOf(c));
        }
        assertEquals(seen, List.of("DELIVERY " + text));
    }

    @Test
    public void aCmdFieldInsideAnotherValueIsNotTheCmd() throws IOException {
        feed("{\"text\":\"\\\"cmd\\\":\\\"private_chat\\\"\"}");
        assertEquals(seen.size(), 1);
        // the key search sees "cmd" inside the text; what follows is an escaped quote, not the delivery cmd
        assertEquals(seen.get(0).substring(0, 5), "OTHER");
    }
}
