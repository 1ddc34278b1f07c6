package org.majlis.rooms;

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

/** Group chats: creating, joining, inviting, leaving, listing, and who receives a room's messages. */
@QuarkusTest
class RoomsTest {

    @TestHTTPResource("/ws")
    URI ws;

    static JsonNode roomEvent(TestClient client, String room) {
        return client.await("room", e -> room.equals(e.path("payload").path("room").asText())).path("payload");
    }

    @Test
    void privateRoomReachesMembersOnlyAndNeedsAnInvitation() {
        String room = Unique.name("team");
        String owner = Unique.name("own");
        String member = Unique.name("mem");
        String outsider = Unique.name("out");
        try (TestClient o = TestClient.guest(ws, owner); TestClient m = TestClient.guest(ws, member);
                TestClient x = TestClient.guest(ws, outsider)) {
            o.send("create_room", "c1", Json.object("room", room, "private", true, "members", List.of(member)));
            JsonNode created = roomEvent(o, room);
            assertTrue(created.path("private").asBoolean());
            assertEquals(owner, created.path("owner").asText());
            assertEquals(List.of(owner, member), Json.strings(created.path("members")));
            assertEquals(List.of(owner, member), Json.strings(roomEvent(m, room).path("members")));

            o.send("send_message", "s1", Json.object("room", room, "message", "members only"));
            o.await("ack");
            JsonNode delivered = m.await("new_message", e -> room.equals(e.path("payload").path("room").asText())).path("payload");
            assertEquals("members only", delivered.path("message").asText());
            x.expectNone("new_message", Duration.ofMillis(300));

            x.send("send_message", "s2", Json.object("room", room, "message", "let me in"));
            x.awaitError("forbidden", "s2");
            x.send("join_room", "j1", Json.object("room", room));
            x.awaitError("forbidden", "j1");
            x.send("history", "h1", Json.object("room", room));
            x.awaitError("forbidden", "h1");
            x.send("invite", "i0", Json.object("room", room, "username", outsider));
            x.awaitError("forbidden", "i0");

            // a member invites: the invitee gets the room, the others hear of it
            m.send("invite", "i1", Json.object("room", room, "username", outsider));
            assertEquals(3, roomEvent(x, room).path("members").size());
            JsonNode joined = o.await("member_joined").path("payload");
            assertEquals(outsider, joined.path("username").asText());
            assertEquals(room, joined.path("room").asText());
            m.await("member_joined");
            x.send("send_message", "s3", Json.object("room", room, "message", "thanks"));
            x.await("ack");
            o.await("new_message", e -> "thanks".equals(e.path("payload").path("message").asText()));

            // leaving: everyone, the leaver included, hears it; then the room is closed to the leaver
            x.send("leave_room", "l1", Json.object("room", room));
            assertEquals(outsider, o.await("member_left").path("payload").path("username").asText());
            assertEquals(outsider, x.await("member_left").path("payload").path("username").asText());
            x.send("send_message", "s4", Json.object("room", room, "message", "still here?"));
            x.awaitError("forbidden", "s4");
        }
    }

    @Test
    void publicRoomsCanBeJoinedListedAndSurviveALogin() {
        String room = Unique.name("lobby");
        String owner = Unique.name("pown");
        String visitor = Unique.name("vis");
        String secret = Unique.name("secret");
        try (TestClient o = TestClient.guest(ws, owner); TestClient v = TestClient.guest(ws, visitor)) {
            o.send("create_room", "c1", Json.object("room", room));
            assertFalse(roomEvent(o, room).path("private").asBoolean());
            o.send("create_room", "c2", Json.object("room", secret, "private", true));
            roomEvent(o, secret);
            o.send("send_message", "s1", Json.object("room", room, "message", "welcome"));
            o.await("ack");

            v.send("rooms", "r1", Json.object());
            JsonNode list = v.await("rooms").path("payload");
            assertEquals("r1", list.path("ref").asText());
            assertEquals("general", list.path("rooms").get(0).path("room").asText());
            JsonNode lobby = find(list.path("rooms"), room);
            assertFalse(lobby.path("joined").asBoolean());
            assertEquals(1, lobby.path("members").asInt());
            assertEquals(1, lobby.path("lastSeq").asLong());
            assertTrue(find(list.path("rooms"), secret).isMissingNode(), "a private room is listed for members only");

            v.send("join_room", "j1", Json.object("room", room.toUpperCase()));
            assertEquals(List.of(owner, visitor), Json.strings(roomEvent(v, room).path("members")));
            assertEquals(visitor, o.await("member_joined").path("payload").path("username").asText());
            v.send("history", "h1", Json.object("room", room));
            assertEquals("welcome", v.await("history").path("payload").path("messages").get(0).path("message").asText());

            o.send("rooms", "r2", Json.object());
            JsonNode mine = o.await("rooms").path("payload").path("rooms");
            assertTrue(find(mine, secret).path("joined").asBoolean());
        }
        // the owner's rooms are in its next welcome only while it keeps its name: a new guest of that name starts afresh
        try (TestClient again = TestClient.guestOnceFree(ws, owner)) {
            JsonNode rooms = again.await("welcome").path("payload").path("rooms");
            assertEquals(1, rooms.size(), rooms::toString);
            assertEquals("general", rooms.get(0).path("room").asText());
        }
    }

    @Test
    void roomErrors() {
        String room = Unique.name("dup");
        try (TestClient c = TestClient.guest(ws, Unique.name("err"))) {
            c.send("create_room", "c1", Json.object("room", room));
            roomEvent(c, room);
            c.send("create_room", "c2", Json.object("room", room.toUpperCase()));
            c.awaitError("room_exists", "c2");
            c.send("create_room", "c3", Json.object("room", "General"));
            c.awaitError("room_exists", "c3");
            c.send("create_room", "c4", Json.object("room", "no spaces"));
            c.awaitError("invalid_payload", "c4");
            c.send("create_room", "c5", Json.object("room", Unique.name("x"), "members", List.of(Unique.name("nobody"))));
            c.awaitError("user_not_found", "c5");
            c.send("create_room", "c6", Json.object("room", Unique.name("x"), "private", "yes"));
            c.awaitError("invalid_payload", "c6");
            c.send("join_room", "j1", Json.object("room", Unique.name("missing")));
            c.awaitError("room_not_found", "j1");
            c.send("send_message", "s1", Json.object("room", Unique.name("missing"), "message", "hi"));
            c.awaitError("room_not_found", "s1");
            c.send("leave_room", "l1", Json.object("room", "general"));
            c.awaitError("forbidden", "l1");
            c.send("invite", "i1", Json.object("room", room, "username", Unique.name("ghost")));
            c.awaitError("user_not_found", "i1");
            c.assertAlive();
        }
    }

    static JsonNode find(JsonNode rooms, String room) {
        for (JsonNode r : rooms) {
            if (r.path("room").asText().equals(room)) {
                return r;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
