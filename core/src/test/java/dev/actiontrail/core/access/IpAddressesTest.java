package dev.actiontrail.core.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "10.1.2.3", "::", "::1", "1::", "2001:db8::1",
            "2001:0db8:0000:0000:0000:ff00:0042:8329", "fe80::1:2", "::ffff:1.2.3.4", "64:ff9b::192.0.2.33",
            "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "A:B:C:D:E:F:0:1"})
    void readsValidAddresses(String ip) {
        assertNotNull(IpAddresses.parseAddress(ip), ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", "a.b.c.d", "1..2.3",
            ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1", ":1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:", "1::2:3:4:5:6:7:8", "::1.2.3", "1.2.3.4::", "42.120.XX.X", "localhost",
            "fe80::1%eth0", "１.2.3.4"})
    void rejectsInvalidAddresses(String ip) {
        assertNull(IpAddresses.parseAddress(ip), ip);
    }

    @Test
    void mapsIpv4MappedIpv6ToIpv4() {
        assertArrayEquals(new byte[]{1, 2, 3, 4}, IpAddresses.parseAddress("::ffff:1.2.3.4"));
        assertArrayEquals(new byte[]{1, 2, 3, 4}, IpAddresses.parseAddress("::ffff:102:304"));
        assertEquals(16, IpAddresses.parseAddress("::1.2.3.4").length);
        assertArrayEquals(new byte[]{0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                IpAddresses.parseAddress("2001:db8::1"));
    }

    @Test
    void blocks() {
        IpAddresses.Block b = IpAddresses.parseBlock("192.168.1.77/20");
        assertEquals(IpAddresses.parseBlock("192.168.0.0/20"), b);
        assertTrue(b.contains(IpAddresses.parseAddress("192.168.15.255")));
        assertFalse(b.contains(IpAddresses.parseAddress("192.168.16.0")));
        assertTrue(IpAddresses.parseBlock("0.0.0.0/0").contains(IpAddresses.parseAddress("8.8.8.8")));
        assertFalse(IpAddresses.parseBlock("0.0.0.0/0").contains(IpAddresses.parseAddress("::1")));
        assertTrue(IpAddresses.parseBlock("::/0").contains(IpAddresses.parseAddress("2001:db8::1")));
        assertTrue(IpAddresses.parseBlock("2001:db8::/33").contains(IpAddresses.parseAddress("2001:db8:7fff::1")));
        assertFalse(IpAddresses.parseBlock("2001:db8::/33").contains(IpAddresses.parseAddress("2001:db8:8000::1")));
        assertTrue(IpAddresses.parseBlock("10.0.0.1").contains(IpAddresses.parseAddress("10.0.0.1")));
        assertFalse(IpAddresses.parseBlock("10.0.0.1").contains(IpAddresses.parseAddress("10.0.0.2")));
        assertFalse(IpAddresses.parseBlock("10.0.0.0/8").contains(null));
        for (String bad : new String[]{"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8",
                "/8", "10.0.0.0/1000", "10.0.0.0/a"}) {
            assertNull(IpAddresses.parseBlock(bad), bad);
        }
    }
}
