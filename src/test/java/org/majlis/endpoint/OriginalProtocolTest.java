package org.majlis.endpoint;

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
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** The four original frames, exactly as the protocol's examples write them. */
@QuarkusTest
class OriginalProtocolTest {

    @TestHTTPResource("/ws")
    URI ws;


    @Test
    void loginAnswersWelcomeWithTheNameAndTheGeneralRoom() {
        String name = Unique.name("ahmed");
        try (TestClient client = TestClient.connect(ws)) {
            client.send("{\"type\":\"login\",\"payload\":{\"username\":\"" + name + "\"}}");
            JsonNode welcome = client.await("welcome").path("payload");
            assertEquals(name, welcome.path("username").asText());
            assertTrue(welcome.path("guest").asBoolean());
            assertTrue(welcome.path("users").isArray());
            JsonNode general = welcome.path("rooms").get(0);
            assertEquals("general", general.path("room").asText());
            assertFalse(general.path("private").asBoolean());
            assertTrue(general.has("lastSeq") && general.has("unread"), general::toString);
            assertTrue(welcome.path("directs").isArray());
        }
    }

    @Test
    void sendMessageReachesEveryoneWithTheServerSetSenderAndIsAcked() {
        String ahmed = Unique.name("ahmed");
        String sara = Unique.name("sara");
        try (TestClient a = TestClient.guest(ws, ahmed); TestClient s = TestClient.guest(ws, sara)) {
            String text = Unique.name("Hello everyone!");
            a.send("{\"type\":\"send_message\",\"id\":\"c1\",\"payload\":{\"message\":\"" + text
                    + "\",\"room\":\"general\",\"from\":\"mallory\"}}");
            JsonNode atSara = s.await("new_message", e -> text.equals(e.path("payload").path("message").asText())).path("payload");
            JsonNode atAhmed = a.await("new_message", e -> text.equals(e.path("payload").path("message").asText())).path("payload");
            assertEquals(ahmed, atSara.path("from").asText(), "the server sets from; a forged one is ignored");
            assertEquals("general", atSara.path("room").asText());
            assertTrue(atSara.path("id").asText().matches("m_[0-9A-HJKMNP-TV-Z]{26}"), atSara::toString);
            assertTrue(atSara.path("sent").asText().matches("\\d\\d:\\d\\d:\\d\\d"), atSara::toString);
            assertTrue(atSara.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), atSara::toString);
            assertTrue(atSara.path("attachments").isArray() && atSara.path("attachments").isEmpty());
            assertFalse(atSara.has("to"));
            assertEquals(atSara, atAhmed, "everyone receives the same event");

            JsonNode ack = a.await("ack").path("payload");
            assertEquals("c1", ack.path("ref").asText());
            assertEquals(atSara.path("id").asText(), ack.path("messageId").asText());
            assertEquals(atSara.path("seq").asLong(), ack.path("seq").asLong());
        }
    }

    @Test
    void sendMessageWithoutRoomGoesToGeneralAndWithoutIdIsNotAcked() {
        try (TestClient a = TestClient.guest(ws, Unique.name("omar")); TestClient b = TestClient.guest(ws, Unique.name("lina"))) {
            String text = Unique.name("no room given ");
            a.send("{\"type\":\"send_message\",\"payload\":{\"message\":\"" + text + "\"}}");
            JsonNode message = b.await("new_message", e -> text.equals(e.path("payload").path("message").asText()));
            assertEquals("general", message.path("payload").path("room").asText());
            a.expectNone("ack", Duration.ofMillis(300));
        }
    }

    @Test
    void seqIncreasesStrictlyInDeliveryOrder() {
        try (TestClient a = TestClient.guest(ws, Unique.name("seqa")); TestClient b = TestClient.guest(ws, Unique.name("seqb"))) {
            String prefix = Unique.name("order-");
            for (int i = 0; i < 50; i++) {
                (i % 2 == 0 ? a : b).send("{\"type\":\"send_message\",\"payload\":{\"message\":\"" + prefix + " " + i + "\"}}");
            }
            long last = 0;
            for (int i = 0; i < 50; i++) {
                JsonNode m = a.await("new_message", e -> e.path("payload").path("message").asText().startsWith(prefix + " "));
                long seq = m.path("payload").path("seq").asLong();
                assertTrue(seq > last, "seq " + seq + " after " + last);
                last = seq;
            }
        }
    }

    @Test
    void privateMessageReachesBothParticipantsAndNobodyElse() {
        String ahmed = Unique.name("ahmed");
        String sara = Unique.name("Sara");
        try (TestClient a = TestClient.guest(ws, ahmed); TestClient s = TestClient.guest(ws, sara);
                TestClient third = TestClient.guest(ws, Unique.name("eve"))) {
            String text = Unique.name("Hey ");
            a.send("{\"type\":\"private_message\",\"id\":\"p1\",\"payload\":{\"message\":\"" + text + "\",\"to\":\""
                    + sara.toLowerCase() + "\",\"from\":\"" + sara + "\"}}");
            JsonNode atSara = s.await("new_message", e -> text.equals(e.path("payload").path("message").asText())).path("payload");
            assertEquals(ahmed, atSara.path("from").asText());
            assertEquals(sara, atSara.path("to").asText(), "to names the recipient as it registered");
            assertFalse(atSara.has("room"));
            JsonNode atAhmed = a.await("new_message", e -> text.equals(e.path("payload").path("message").asText())).path("payload");
            assertEquals(atSara, atAhmed);
            a.awaitAck("p1");
            third.expectNone("new_message", Duration.ofMillis(500));
        }
    }

    @Test
    void privateMessagesToUnknownUsersAndToOneselfAreRefused() {
        String me = Unique.name("solo");
        try (TestClient a = TestClient.guest(ws, me)) {
            a.send("{\"type\":\"private_message\",\"id\":\"x1\",\"payload\":{\"message\":\"hi\",\"to\":\"nobody-here-" + me + "\"}}");
            a.awaitError("user_not_found", "x1");
            a.send("{\"type\":\"private_message\",\"id\":\"x2\",\"payload\":{\"message\":\"hi\",\"to\":\"" + me.toUpperCase() + "\"}}");
            a.awaitError("invalid_payload", "x2");
            a.send("{\"type\":\"private_message\",\"id\":\"x3\",\"payload\":{\"message\":\"hi\"}}");
            a.awaitError("invalid_payload", "x3");
            a.assertAlive();
        }
    }

    @Test
    void messageTextRules() {
        try (TestClient a = TestClient.guest(ws, Unique.name("texts"))) {
            a.send("send_message", "long", org.majlis.testing.Json.object("message", "x".repeat(4001)));
            a.awaitError("too_large", "long");
            a.send("send_message", "max", org.majlis.testing.Json.object("message", "ب".repeat(4000)));
            a.awaitAck("max");
            a.send("send_message", "ctl", org.majlis.testing.Json.object("message", "bell\u0007"));
            a.awaitError("invalid_payload", "ctl");
            a.send("send_message", "nl", org.majlis.testing.Json.object("message", "line one\n\tline two"));
            a.awaitAck("nl");
            a.send("send_message", "empty", org.majlis.testing.Json.object("message", ""));
            a.awaitError("invalid_payload", "empty");
            a.send("send_message", "room", org.majlis.testing.Json.object("message", "hi", "room", "nowhere"));
            a.awaitError("room_not_found", "room");
            a.send("send_message", "both", org.majlis.testing.Json.object("message", "hi", "room", "general", "to", "x"));
            a.awaitError("invalid_payload", "both");
            a.send("send_message", "att", org.majlis.testing.Json.object("message", "hi", "attachments", List.of("f_1")));
            a.awaitError("not_found", "att");
            a.send("send_message", "twice", org.majlis.testing.Json.object("message", "hi", "attachments", List.of("f_1", "f_1")));
            a.awaitError("invalid_payload", "twice");
            String html = "<img src=x onerror=alert(1)> & \"quotes\"";
            a.send("send_message", "html", org.majlis.testing.Json.object("message", html));
            assertEquals(html, a.await("new_message", e -> e.path("payload").path("message").asText().startsWith("<img")).path("payload").path("message").asText(),
                    "text is relayed exactly as sent");
            a.assertAlive();
        }
    }
}
