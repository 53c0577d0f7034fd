package io.chatspec.protocol.files;

import org.testng.annotations.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class OutsiderAddressTest {

    @Test(description = "where the outsider address binds, a connection from it to 127.0.0.1 shows that address")
    public void outsiderIsSeenAsAnotherAddress() throws IOException {
        Optional<InetAddress> found = OutsiderAddress.find();
        InetAddress probed;
        try {
            probed = OutsiderAddress.probe();
        } catch (IOException e) {
            assertFalse(found.isPresent(), "find() and probe() disagree: " + e);
            return;
        }
        assertEquals(found.orElseThrow(), probed);
        assertTrue(probed.isLoopbackAddress());
        InetAddress home = InetAddress.getByName("127.0.0.1");
        try (ServerSocket listener = new ServerSocket(0, 1, home);
             Socket outsider = new Socket()) {
            outsider.bind(new InetSocketAddress(probed, 0));
            outsider.connect(listener.getLocalSocketAddress(), 5_000);
            try (Socket accepted = listener.accept()) {
                assertEquals(accepted.getInetAddress(), probed);
            }
        }
    }
}
