package org.majlis.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressRangeTest {

    @Test
    void ipv4AndIpv6RangesContainTheirAddressesOnly() {
        AddressRange v4 = AddressRange.parse("203.0.113.77/24");
        assertEquals("203.0.113.0/24", v4.toString(), "the host bits are cleared");
        assertTrue(v4.contains("203.0.113.1"));
        assertTrue(v4.contains("::ffff:203.0.113.9"), "an IPv4-mapped address is the IPv4 one");
        assertFalse(v4.contains("203.0.114.1"));
        assertFalse(v4.contains("2001:db8::1"));
        AddressRange v6 = AddressRange.parse("2001:DB8::/32");
        assertTrue(v6.contains("2001:db8:ffff::1"));
        assertFalse(v6.contains("2001:db9::1"));
        AddressRange single = AddressRange.parse("127.0.0.2");
        assertEquals("127.0.0.2/32", single.toString());
        assertFalse(single.contains("127.0.0.1"));
        assertTrue(AddressRange.parse("0.0.0.0/0").contains("198.51.100.3"));
    }

    @Test
    void anythingButALiteralAddressIsRefusedWithoutALookup() {
        for (String bad : new String[] {null, "", "localhost", "example.com", "abc", "10.0.0.0/33", "10.0.0.0/x", "10.0.0.0/8/8",
                "2001:db8::/129", "999.1.1.1"}) {
            assertNull(AddressRange.parse(bad), bad);
        }
        assertFalse(AddressRange.parse("10.0.0.0/8").contains("unknown"));
    }
}
