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

/** Replies (a stored reference, quoted live and in history, as the original is now) and @mentions. */
@QuarkusTest
class RepliesTest {

    @TestHTTPResource("/ws")
    URI ws;

    /** Sends a direct message (a reply when replyTo is set) and returns it as the partner gets it. */
    private static JsonNode direct(TestClient from, TestClient to, String partner, String text, String replyTo) {
        String ref = Unique.name("p");
        from.send("private_message", ref, replyTo == null ? Json.object("to", partner, "message", text)
                : Json.object("to", partner, "message", text, "replyTo", replyTo));
        from.awaitAck(ref);
        from.await("new_message", e -> text.equals(e.path("payload").path("message").asText())); // its own copy
        return to.await("new_message", e -> text.equals(e.path("payload").path("message").asText())).path("payload");
    }

    private static JsonNode lastInHistory(TestClient client, String ref, String partner) {
        JsonNode messages = HistoryTest.history(client, ref, "to", partner).path("messages");
        return messages.get(messages.size() - 1);
    }

    @Test
    void aReplyQuotesTheOriginalLiveAndInHistoryAsItIsNow() {
        String a = Unique.name("qa");
        String b = Unique.name("qb");
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b)) {
            String original = direct(ca, cb, b, "lunch at 1?", null).path("id").asText();
            JsonNode reply = direct(cb, ca, a, "yes, see you", original);
            assertEquals(original, reply.path("replyTo").path("id").asText());
            assertEquals(a, reply.path("replyTo").path("from").asText());
            assertEquals("lunch at 1?", reply.path("replyTo").path("message").asText());
            assertTrue(reply.path("replyTo").path("deleted").isMissingNode(), reply.toString());
            assertEquals(reply.path("replyTo"), lastInHistory(cb, "h1", a).path("replyTo"));

            ca.send("edit_message", "e1", Json.object("messageId", original, "message", "lunch at 2?"));
            ca.awaitAck("e1");
            assertEquals("lunch at 2?", lastInHistory(cb, "h2", a).path("replyTo").path("message").asText());

            ca.send("delete_message", "d1", Json.object("messageId", original));
            ca.awaitAck("d1");
            JsonNode gone = lastInHistory(cb, "h3", a).path("replyTo");
            assertEquals(original, gone.path("id").asText());
            assertTrue(gone.path("deleted").asBoolean(), gone.toString());
            assertTrue(gone.path("from").isMissingNode() && gone.path("message").isMissingNode(), gone.toString());
            assertFalse(lastInHistory(cb, "h4", a).path("message").asText().isEmpty(), "the reply itself stays");
        }
    }

    @Test
    void aQuoteCarriesTheFirst200CharactersCountedAsCodePoints() {
        String a = Unique.name("qc");
        String b = Unique.name("qd");
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b)) {
            String longText = "😀".repeat(150) + "x".repeat(100);
            String original = direct(ca, cb, b, longText, null).path("id").asText();
            String quoted = direct(cb, ca, a, "that is long", original).path("replyTo").path("message").asText();
            assertEquals("😀".repeat(150) + "x".repeat(50), quoted);
        }
    }

    @Test
    void onlyAMessageOfTheSameConversationCanBeRepliedTo() {
        String a = Unique.name("qe");
        String b = Unique.name("qf");
        String c = Unique.name("qg");
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b);
                TestClient cc = TestClient.guest(ws, c)) {
            String secret = direct(ca, cb, b, "between a and b", null).path("id").asText();
            // c cannot quote a's conversation with b into its own conversation with a
            cc.send("private_message", "x1", Json.object("to", a, "message", "what did b say?", "replyTo", secret));
            cc.awaitError("not_found", "x1");
            cc.send("send_message", "x2", Json.object("message", "quoting into general", "replyTo", secret));
            cc.awaitError("not_found", "x2");
            cc.send("send_message", "x3", Json.object("message", "no such one", "replyTo", "m_nope"));
            cc.awaitError("not_found", "x3");
            cc.send("send_message", "x4", Json.object("message", "empty reference", "replyTo", ""));
            cc.awaitError("invalid_payload", "x4");
            ca.expectNone("new_message", Duration.ofMillis(300));

            ca.send("delete_message", "d", Json.object("messageId", secret));
            ca.awaitAck("d");
            cb.send("private_message", "x5", Json.object("to", a, "message", "too late", "replyTo", secret));
            cb.awaitError("not_found", "x5");
        }
    }

    @Test
    void mentionsAreTheNamesWrittenWithAnAtSign() {
        String a = Unique.name("ma");
        String b = Unique.name("mb");
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b)) {
            String text = "@" + b.toUpperCase() + " and @سارة. ask mail@" + a + ".org or @" + b;
            JsonNode message = direct(ca, cb, b, text, null);
            assertEquals(List.of(b.toUpperCase(), "سارة"), Json.strings(message.path("mentions")));
            assertEquals(message.path("mentions"), lastInHistory(ca, "h", b).path("mentions"));
            String plain = direct(cb, ca, a, "nobody here", null).path("id").asText();
            assertTrue(direct(cb, ca, a, "nobody here either", null).path("mentions").isMissingNode());
            cb.send("edit_message", "e", Json.object("messageId", plain, "message", "now @" + a));
            assertEquals(List.of(a), Json.strings(ca.await("message_edited").path("payload").path("mentions")),
                    "an edit carries the mentions of its new text");
        }
    }
}
