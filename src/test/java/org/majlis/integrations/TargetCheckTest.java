package org.majlis.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The outgoing URLs' check against server-side request forgery, with private targets refused (the default). */
class TargetCheckTest {

    @Test
    void refusesLoopbackPrivateLinkLocalAndReservedAddresses() {
        for (String url : List.of("http://127.0.0.1/hook", "http://localhost:8080/", "http://10.1.2.3/", "http://172.16.0.1/",
                "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[fd00::1]/",
                "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/", "http://0.0.0.0/", "http://224.0.0.1/",
                "http://[::]/")) {
            TargetCheck.Refused refused = assertThrows(TargetCheck.Refused.class, () -> TargetCheck.check(url, false), url);
            assertEquals(true, refused.getMessage().startsWith("url: "), refused.getMessage());
        }
    }

    @Test
    void refusesWhatIsNoHttpUrl() {
        for (String url : List.of("ftp://93.184.216.34/", "file:///etc/passwd", "gopher://93.184.216.34/", "not a url",
                "http://user:secret@93.184.216.34/", "/relative", "http://93.184.216.34/#fragment", "x".repeat(2001))) {
            assertThrows(TargetCheck.Refused.class, () -> TargetCheck.check(url, true), url);
        }
        assertThrows(TargetCheck.Refused.class, () -> TargetCheck.check(null, true));
    }

    @Test
    void acceptsPublicAddressesAndPrivateOnesWhenAllowed() throws TargetCheck.Refused {
        assertEquals("93.184.216.34", TargetCheck.check("http://93.184.216.34/hook?x=1", false).getHost());
        assertEquals("[2606:4700:4700::1111]", TargetCheck.check("https://[2606:4700:4700::1111]/", false).getHost());
        assertEquals("127.0.0.1", TargetCheck.check("http://127.0.0.1:9999/hook", true).getHost());
        assertEquals("10.0.0.5", TargetCheck.check("HTTPS://10.0.0.5/", true).getHost());
    }
}
