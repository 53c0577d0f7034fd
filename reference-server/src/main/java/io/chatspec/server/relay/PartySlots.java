package io.chatspec.server.relay;

import io.netty.channel.Channel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may connect to one transfer's relay port (LIMIT-7): one connection per party, from the address of that
 * party's control connection. When both parties share an address (one host, or one NAT) that address has two
 * slots. Confined to the transfer's event loop.
 */
final class PartySlots {
    private final Map<InetAddress, Integer> free = new HashMap<>();
    private final Map<Channel, InetAddress> taken = new HashMap<>(2);

    PartySlots(List<InetAddress> parties) {
        for (InetAddress a : parties) {
            free.merge(a, 1, Integer::sum);
        }
    }

    /** Claims a slot for {@code ch}; false when its address has none left (or never had one). */
    boolean take(Channel ch) {
        InetAddress a = address(ch.remoteAddress());
        Integer n = a == null ? null : free.get(a);
        if (n == null || n == 0) {
            return false;
        }
        free.put(a, n - 1);
        taken.put(ch, a);
        return true;
    }

    /** A party left before its peer came: its slot is free again, so it may reconnect. */
    void giveBack(Channel ch) {
        InetAddress a = taken.remove(ch);
        if (a != null) {
            free.merge(a, 1, Integer::sum);
        }
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress s ? s.getAddress() : null;
    }
}
