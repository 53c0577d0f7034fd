package io.chatspec.protocol.options;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.net.InetSocketAddress;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.expectThrows;
import static org.testng.Assert.assertTrue;

public class HostPortTest {
    @DataProvider
    Object[][] valid() {
        return new Object[][]{
                {"10.0.0.5:8888", "10.0.0.5", 8888},
                {"chat.example:9000", "chat.example", 9000},
                {" localhost:1 ", "localhost", 1},
                {"[::1]:8888", "::1", 8888},
                {"[fe80::1%eth0]:65535", "fe80::1%eth0", 65535},
                {":9000", "127.0.0.1", 9000},
                {"9000", "127.0.0.1", 9000},
        };
    }

    @Test(dataProvider = "valid")
    public void readsHostAndPort(String text, String host, int port) {
        HostPort hp = HostPort.parse(text);
        assertEquals(hp.host(), host);
        assertEquals(hp.port(), port);
    }

    @Test
    public void printsWhatItReadsIPv6InBrackets() {
        assertEquals(HostPort.parse("[::1]:8888").toString(), "[::1]:8888");
        assertEquals(HostPort.parse("[::1]:8888"), HostPort.parse(HostPort.parse("[::1]:8888").toString()));
        assertEquals(HostPort.parse("9000").toString(), "127.0.0.1:9000");
    }

    @Test
    public void addressConnectsToTheLoopbackLiteral() {
        InetSocketAddress a = HostPort.parse("[::1]:8888").address();
        assertEquals(a.getAddress().getHostAddress(), "0:0:0:0:0:0:0:1");
        assertEquals(a.getPort(), 8888);
    }

    @DataProvider
    Object[][] invalid() {
        return new Object[][]{
                {"", "got nothing"},
                {"host:", "numeric port"},
                {"host:http", "numeric port"},
                {"host:0", "port must be 1-65535, got 0"},
                {"host:70000", "port must be 1-65535, got 70000"},
                {"::1:8888", "needs brackets"},
                {"[::1]", "[IPv6]:port"},
                {"[::1]8888", "[IPv6]:port"},
                {"[::1:8888", "[IPv6]:port"},
                {"[]:8888", "expected host:port"},
        };
    }

    @Test(dataProvider = "invalid")
    public void badInputGetsAClearMessage(String text, String message) {
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> HostPort.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
