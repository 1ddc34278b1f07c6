package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Read marks: monotonic, relayed at most once a second per user and conversation, counted in welcome and history. */
@QuarkusTest
class ReadReceiptTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void readMarksAreRelayedCoalescedAndCountedInHistory() {
        String reader = Unique.name("reader");
        String writer = Unique.name("writer");
        try (TestClient w = TestClient.guest(ws, writer); TestClient r = TestClient.guest(ws, reader)) {
            List<Long> seqs = HistoryTest.sendAll(w, Unique.name("r"), 4, null);
            r.send("read", null, Json.object("room", "general", "seq", seqs.get(1)));
            JsonNode first = w.await("read", e -> reader.equals(e.path("payload").path("by").asText())).path("payload");
            assertEquals("general", first.path("room").asText());
            assertEquals((long) seqs.get(1), first.path("seq").asLong());

            // two more marks within the second: one relay, after the second ends, with the highest
            r.send("read", null, Json.object("room", "general", "seq", seqs.get(2)));
            r.send("read", null, Json.object("room", "general", "seq", seqs.get(3)));
            JsonNode coalesced = w.await("read", e -> reader.equals(e.path("payload").path("by").asText())).path("payload");
            assertEquals((long) seqs.get(3), coalesced.path("seq").asLong());
            w.expectNone("read", Duration.ofMillis(1300));

            // a lower mark changes nothing
            r.send("read", null, Json.object("room", "general", "seq", seqs.get(0)));
            w.expectNone("read", Duration.ofMillis(1300));

            JsonNode page = HistoryTest.history(w, "h", "room", "general", "limit", 1);
            assertEquals((long) seqs.get(3), page.path("readSeqs").path(reader).asLong(), page::toString);
        }
    }

    @Test
    void directReadMarksReachThePartnerAndClearUnread() {
        String a = Unique.name("dma");
        String b = Unique.name("dmb");
        String token;
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b)) {
            token = cb.welcome().path("token").asText();
            List<Long> seqs = HistoryTest.sendAll(ca, Unique.name("d"), 2, b);
            cb.send("read", "rd", Json.object("to", a, "seq", seqs.get(1)));
            JsonNode receipt = ca.await("read").path("payload");
            assertEquals(b, receipt.path("by").asText());
            assertEquals(a, receipt.path("to").asText());
            assertFalse(receipt.has("room"));
            cb.send("read", "bad", Json.object("to", a));
            cb.awaitError("invalid_payload", "bad");
            cb.send("read", "self", Json.object("to", b, "seq", 1));
            cb.awaitError("invalid_payload", "self");
        }
        // b logs in again (the same guest, with its session token): nothing unread from a
        try (TestClient again = TestClient.withToken(ws, token)) {
            JsonNode directs = again.await("welcome").path("payload").path("directs");
            assertTrue(directs.toString().contains(a), directs::toString);
            directs.forEach(d -> assertEquals(0, d.path("unread").asLong(), directs::toString));
        }
    }
}
