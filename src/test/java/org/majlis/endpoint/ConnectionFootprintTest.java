package org.majlis.endpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * What an open connection does not keep: anything of its upgrade request (routing context, HTTP
 * request, headers), an idle-timeout handler, a ping timer of its own. Counted in this JVM's live
 * heap (the server runs in it) with 40 guests logged in.
 */
@QuarkusTest
class ConnectionFootprintTest {

    private static final List<String> NOT_PER_CONNECTION = List.of("io.vertx.ext.web.impl.RoutingContextImpl",
            "io.vertx.core.http.impl.Http1xServerRequest", "io.netty.handler.timeout.IdleStateHandler",
            "io.vertx.core.impl.VertxImpl$InternalTimerHandler");
    /** Vert.x keeps the upgrade request's header map with the WebSocket: emptied, it holds its head entry and no header. */
    private static final String HEADER_ENTRY = "io.vertx.core.http.impl.headers.HeadersMultiMap$MapEntry";

    private static final int GUESTS = 40;

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void anOpenConnectionKeepsNoRequestNoHeadersNoIdleHandlerNoTimer() throws Exception {
        Map<String, Long> before = liveInstances();
        List<TestClient> guests = new ArrayList<>();
        try {
            for (int i = 0; i < GUESTS; i++) {
                guests.add(TestClient.guest(ws, Unique.name("kept")));
            }
            Map<String, Long> after = liveInstances();
            for (String className : NOT_PER_CONNECTION) {
                long more = after.get(className) - before.get(className);
                // a few may belong to other requests in flight; one per connection is what this guards against
                assertTrue(more < GUESTS / 4, more + " more " + className + " live with " + GUESTS + " connections open");
            }
            long headerEntries = after.get(HEADER_ENTRY) - before.get(HEADER_ENTRY);
            assertTrue(headerEntries < GUESTS + GUESTS / 4, headerEntries + " more header entries live with " + GUESTS
                    + " connections open (their upgrade requests had five or more headers each)");
        } finally {
            guests.forEach(TestClient::close);
        }
    }

    /** Live instances of each of those classes, from the JVM's class histogram (which collects garbage first). */
    private static Map<String, Long> liveInstances() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> counts = new HashMap<>();
        for (String className : counted()) {
            Matcher row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(className) + "(\\s|$)",
                    Pattern.MULTILINE).matcher(histogram);
            counts.put(className, row.find() ? Long.parseLong(row.group(1)) : 0);
        }
        return counts;
    }

    private static List<String> counted() {
        List<String> classes = new ArrayList<>(NOT_PER_CONNECTION);
        classes.add(HEADER_ENTRY);
        return classes;
    }
}
