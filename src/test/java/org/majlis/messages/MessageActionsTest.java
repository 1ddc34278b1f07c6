package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Reactions, edits, deletes and typing, between real clients, with their refusals. */
@QuarkusTest
class MessageActionsTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    Reactions reactions;

    /** Sends a direct message and returns its id once the partner has it. */
    private static String direct(TestClient from, TestClient to, String partner, String text) {
        from.send("private_message", "p-" + text, Json.object("to", partner, "message", text));
        return to.await("new_message", e -> text.equals(e.path("payload").path("message").asText())).path("payload")
                .path("id").asText();
    }

    @Test
    void reactionsAreRelayedAggregatedAndLimited() {
        String a = Unique.name("ra");
        String b = Unique.name("rb");
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b);
                TestClient outsider = TestClient.guest(ws, Unique.name("rx"))) {
            String id = direct(ca, cb, b, Unique.name("react-me"));
            cb.send("react", "x1", Json.object("messageId", id, "emoji", "👍", "on", true));
            JsonNode relayed = ca.await("reaction").path("payload");
            assertEquals(id, relayed.path("messageId").asText());
            assertEquals(b, relayed.path("by").asText());
            assertEquals(a, relayed.path("to").asText(), "to names the partner of who reacted");
            assertTrue(relayed.path("on").asBoolean());
            cb.await("reaction");
            ca.send("react", "x2", Json.object("messageId", id, "emoji", "👍", "on", true));
            ca.send("react", "x3", Json.object("messageId", id, "emoji", "👨‍👩‍👧", "on", true));
            ca.await("reaction", e -> "👨‍👩‍👧".equals(e.path("payload").path("emoji").asText()));

            JsonNode message = HistoryTest.history(ca, "h1", "to", b).path("messages").get(0);
            assertEquals(List.of(b, a), Json.strings(message.path("reactions").path("👍")));
            assertEquals(List.of(a), Json.strings(message.path("reactions").path("👨‍👩‍👧")));

            cb.send("react", "x4", Json.object("messageId", id, "emoji", "👍", "on", false));
            JsonNode off = ca.await("reaction", e -> !e.path("payload").path("on").asBoolean()).path("payload");
            assertEquals(b, off.path("by").asText());
            assertEquals(List.of(a), Json.strings(HistoryTest.history(ca, "h2", "to", b).path("messages").get(0)
                    .path("reactions").path("👍")));

            for (String bad : List.of("a", "1", "👍 ", "", "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂")) {
                cb.send("react", "bad", Json.object("messageId", id, "emoji", bad, "on", true));
                cb.awaitError("invalid_payload", "bad");
            }
            cb.send("react", "nf", Json.object("messageId", "m_unknown", "emoji", "👍", "on", true));
            cb.awaitError("not_found", "nf");
            outsider.send("react", "fb", Json.object("messageId", id, "emoji", "👍", "on", true));
            outsider.awaitError("forbidden", "fb");

            // at most 20 different emoji on one message (2 there already)
            List<String> more = List.of("😀", "😁", "😂", "🤣", "😃", "😄", "😅", "😆", "😉", "😊", "😋", "😎", "😍", "😘", "🥰", "😗", "😙", "😚");
            for (String emoji : more) {
                cb.send("react", "m-" + emoji, Json.object("messageId", id, "emoji", emoji, "on", true));
                cb.await("reaction", e -> emoji.equals(e.path("payload").path("emoji").asText()));
            }
            cb.send("react", "21", Json.object("messageId", id, "emoji", "🙃", "on", true));
            cb.awaitError("invalid_payload", "21");
            cb.send("react", "again", Json.object("messageId", id, "emoji", "😀", "on", false));
            cb.await("reaction", e -> "😀".equals(e.path("payload").path("emoji").asText()) && !e.path("payload").path("on").asBoolean());
        }
    }

    @Test
    void reactionsInOneMillisecondKeepTheOrderTheyCameIn() {
        String a = Unique.name("ro");
        String b = Unique.name("rp");
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b)) {
            String id = direct(ca, cb, b, Unique.name("order-me"));
            // back to back, names in reverse alphabetical order: many fall in one millisecond
            List<String> reactors = IntStream.range(0, 20).mapToObj(i -> (char) ('z' - i) + a).toList();
            reactors.forEach(name -> assertEquals(Reactions.Reacted.ADDED, reactions.react(id, "👍", name, true, 20)));
            assertEquals(Reactions.Reacted.UNCHANGED, reactions.react(id, "👍", reactors.get(3), true, 20), "the same reaction again");
            assertEquals(Reactions.Reacted.TOO_MANY_EMOJI, reactions.react(id, "🎉", a, true, 1), "a second emoji past a limit of one");
            assertEquals(Reactions.Reacted.ADDED, reactions.react(id, "👍", a, true, 1), "the emoji already there, by someone new");
            JsonNode message = HistoryTest.history(ca, "h", "to", b).path("messages").get(0);
            assertEquals(Stream.concat(reactors.stream(), Stream.of(a)).toList(), Json.strings(message.path("reactions").path("👍")));
            assertTrue(message.path("reactions").path("🎉").isMissingNode(), "the refused emoji is not stored");
        }
    }

    @Test
    void onlyTheAuthorEditsAndDeletes() {
        String a = Unique.name("ea");
        String b = Unique.name("eb");
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b)) {
            String id = direct(ca, cb, b, Unique.name("typo"));
            cb.send("edit_message", "e0", Json.object("messageId", id, "message", "not mine"));
            cb.awaitError("forbidden", "e0");
            cb.send("delete_message", "d0", Json.object("messageId", id));
            cb.awaitError("forbidden", "d0");
            ca.send("edit_message", "e1", Json.object("messageId", id, "message", ""));
            ca.awaitError("invalid_payload", "e1");
            ca.send("edit_message", "e2", Json.object("messageId", "m_nothing", "message", "x"));
            ca.awaitError("not_found", "e2");

            ca.send("edit_message", "e3", Json.object("messageId", id, "message", "fixed"));
            JsonNode edited = cb.await("message_edited").path("payload");
            assertEquals(id, edited.path("messageId").asText());
            assertEquals("fixed", edited.path("message").asText());
            assertEquals(a, edited.path("from").asText());
            assertEquals(b, edited.path("to").asText(), "to names the partner of the author");
            assertFalse(edited.path("editedAt").asText().isEmpty());
            JsonNode inHistory = HistoryTest.history(cb, "h1", "to", a).path("messages").get(0);
            assertEquals("fixed", inHistory.path("message").asText());
            assertTrue(inHistory.path("edited").asBoolean());
            assertEquals(edited.path("editedAt").asText(), inHistory.path("editedAt").asText());

            cb.send("react", "r1", Json.object("messageId", id, "emoji", "🎉", "on", true));
            ca.await("reaction");
            ca.send("delete_message", "d1", Json.object("messageId", id));
            JsonNode deleted = cb.await("message_deleted").path("payload");
            assertEquals(id, deleted.path("messageId").asText());
            ca.await("message_deleted");
            JsonNode gone = HistoryTest.history(cb, "h2", "to", a).path("messages").get(0);
            assertEquals(id, gone.path("id").asText());
            assertTrue(gone.path("deleted").asBoolean());
            assertEquals("", gone.path("message").asText());
            assertEquals(0, gone.path("reactions").size());
            assertEquals(0, gone.path("attachments").size());

            ca.send("edit_message", "e4", Json.object("messageId", id, "message", "back"));
            ca.awaitError("not_found", "e4");
            cb.send("react", "r2", Json.object("messageId", id, "emoji", "🎉", "on", true));
            cb.awaitError("not_found", "r2");
        }
    }

    @Test
    void typingReachesTheOthersAtMostOnceASecond() {
        String room = Unique.name("typers");
        String a = Unique.name("ta");
        String b = Unique.name("tb");
        try (TestClient ca = TestClient.guest(ws, a); TestClient cb = TestClient.guest(ws, b);
                TestClient outsider = TestClient.guest(ws, Unique.name("tx"))) {
            ca.send("create_room", "c", Json.object("room", room, "private", true, "members", List.of(b)));
            cb.await("invited");
            cb.send("join_room", "j", Json.object("room", room));
            cb.await("room");
            ca.send("typing", null, Json.object("room", room, "active", true));
            JsonNode typing = cb.await("typing").path("payload");
            assertEquals(a, typing.path("from").asText());
            assertEquals(room, typing.path("room").asText());
            assertTrue(typing.path("active").asBoolean());
            // within the same second: held, and the latest state is sent when the second ends
            ca.send("typing", null, Json.object("room", room, "active", true));
            ca.send("typing", null, Json.object("room", room, "active", false));
            cb.expectNone("typing", Duration.ofMillis(500));
            assertFalse(cb.await("typing").path("payload").path("active").asBoolean());
            ca.expectNone("typing", Duration.ofMillis(200));
            outsider.expectNone("typing", Duration.ofMillis(1));

            // direct: to names the partner, i.e. the receiver
            cb.send("typing", null, Json.object("to", a, "active", true));
            JsonNode direct = ca.await("typing").path("payload");
            assertEquals(b, direct.path("from").asText());
            assertEquals(a, direct.path("to").asText());

            outsider.send("typing", "t1", Json.object("room", room, "active", true));
            outsider.awaitError("room_not_found", "t1"); // a private room shows to nobody outside it
            ca.send("typing", "t2", Json.object("room", room));
            ca.awaitError("invalid_payload", "t2");
        }
    }
}
