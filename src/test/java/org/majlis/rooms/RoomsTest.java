package org.majlis.rooms;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Group chats: creating, joining, inviting (and accepting), leaving, listing in pages, and who receives a room's messages. */
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
            assertEquals(List.of(owner), Json.strings(created.path("members")), "the listed member is invited, not added");
            JsonNode invitation = invitedEvent(m, room);
            assertEquals(owner, invitation.path("by").asText());
            assertTrue(invitation.path("private").asBoolean());
            m.send("join_room", "j0", Json.object("room", room));
            assertEquals(List.of(owner, member), Json.strings(roomEvent(m, room).path("members")));
            assertEquals(member, o.await("member_joined").path("payload").path("username").asText());

            o.send("send_message", "s1", Json.object("room", room, "message", "members only"));
            o.awaitAck("s1");
            JsonNode delivered = m.await("new_message", e -> room.equals(e.path("payload").path("room").asText())).path("payload");
            assertEquals("members only", delivered.path("message").asText());
            x.expectNone("new_message", Duration.ofMillis(300));

            // to an outsider, the private room answers as a room that does not exist
            x.send("send_message", "s2", Json.object("room", room, "message", "let me in"));
            x.awaitError("room_not_found", "s2");
            x.send("join_room", "j1", Json.object("room", room));
            x.awaitError("room_not_found", "j1");
            x.send("history", "h1", Json.object("room", room));
            x.awaitError("room_not_found", "h1");
            x.send("invite", "i0", Json.object("room", room, "username", outsider));
            x.awaitError("room_not_found", "i0");

            // a member invites: the invitee is told and becomes a member by joining; the others hear of it
            m.send("invite", "i1", Json.object("room", room, "username", outsider));
            m.awaitAck("i1");
            assertEquals(member, invitedEvent(x, room).path("by").asText());
            x.send("join_room", "j2", Json.object("room", room));
            assertEquals(3, roomEvent(x, room).path("members").size());
            JsonNode joined = o.await("member_joined").path("payload");
            assertEquals(outsider, joined.path("username").asText());
            assertEquals(room, joined.path("room").asText());
            m.await("member_joined");
            x.send("send_message", "s3", Json.object("room", room, "message", "thanks"));
            x.awaitAck("s3");
            o.await("new_message", e -> "thanks".equals(e.path("payload").path("message").asText()));

            // leaving: everyone, the leaver included, hears it; then the room is closed to the leaver
            x.send("leave_room", "l1", Json.object("room", room));
            assertEquals(outsider, o.await("member_left").path("payload").path("username").asText());
            assertEquals(outsider, x.await("member_left").path("payload").path("username").asText());
            x.send("send_message", "s4", Json.object("room", room, "message", "still here?"));
            x.awaitError("room_not_found", "s4");
        }
    }

    @Test
    void anInviteeIsNoMemberUntilItAcceptsAndMayDecline() {
        String room = Unique.name("consent");
        String owner = Unique.name("cown");
        String invitee = Unique.name("cinv");
        try (TestClient o = TestClient.guest(ws, owner); TestClient i = TestClient.guest(ws, invitee)) {
            o.send("create_room", "c1", Json.object("room", room, "private", true));
            roomEvent(o, room);
            o.send("invite", "i1", Json.object("room", room, "username", invitee));
            o.awaitAck("i1");
            invitedEvent(i, room);
            JsonNode told = o.await("member_invited").path("payload");
            assertEquals(List.of(room, invitee, owner),
                    List.of(told.path("room").asText(), told.path("username").asText(), told.path("by").asText()));

            // invited, not a member: no messages, no history, not listed among its rooms
            o.send("send_message", "s1", Json.object("room", room, "message", "before accepting"));
            o.awaitAck("s1");
            i.expectNone("new_message", Duration.ofMillis(300));
            i.send("history", "h1", Json.object("room", room));
            i.awaitError("forbidden", "h1");
            o.send("invite", "i2", Json.object("room", room, "username", invitee));
            o.awaitAck("i2");
            i.expectNone("invited", Duration.ofMillis(300)); // invited once, told once
            o.expectNone("member_invited", Duration.ofMillis(100));
            i.expectNone("member_invited", Duration.ofMillis(100)); // to members only
            assertTrue(find(allRooms(i), room).isMissingNode());
            i.send("rooms", "r1", Json.object());
            assertEquals(owner, find(i.await("rooms").path("payload").path("invitations"), room).path("by").asText());

            i.send("decline_invite", "d1", Json.object("room", room));
            i.awaitAck("d1");
            i.send("join_room", "j1", Json.object("room", room));
            i.awaitError("room_not_found", "j1");
            i.send("rooms", "r2", Json.object());
            assertTrue(find(i.await("rooms").path("payload").path("invitations"), room).isMissingNode());
            assertEquals(1, find(allRooms(o), room).path("members").asInt());
        }
    }

    @Test
    void anInvitationWaitsForAnInviteeWhoIsOffline() {
        String room = Unique.name("later");
        String owner = Unique.name("lown");
        String invitee = Unique.name("linv");
        given().contentType(ContentType.JSON).body(Map.of("username", invitee, "password", "correct horse"))
                .post("/api/auth/register").then().statusCode(201);
        try (TestClient o = TestClient.guest(ws, owner)) {
            o.send("create_room", "c1", Json.object("room", room, "private", true, "members", List.of(invitee)));
            assertEquals(List.of(owner), Json.strings(roomEvent(o, room).path("members")));
        }
        String token = given().contentType(ContentType.JSON).body(Map.of("username", invitee, "password", "correct horse"))
                .post("/api/auth/login").then().statusCode(200).extract().path("token");
        try (TestClient i = TestClient.connect(ws)) {
            i.send("login", null, Json.object("token", token));
            i.await("welcome");
            i.send("rooms", "r1", Json.object());
            JsonNode invitation = find(i.await("rooms").path("payload").path("invitations"), room);
            assertEquals(owner, invitation.path("by").asText());
            assertTrue(invitation.path("private").asBoolean());
            i.send("join_room", "j1", Json.object("room", room));
            assertEquals(List.of(owner, invitee), Json.strings(roomEvent(i, room).path("members")));
        }
    }

    @Test
    void aGuestsInvitationsAreNotTheNextGuestsOfThatName() {
        String room = Unique.name("gone");
        String invitee = Unique.name("ginv");
        try (TestClient o = TestClient.guest(ws, Unique.name("gown"))) {
            try (TestClient i = TestClient.guest(ws, invitee)) {
                o.send("create_room", "c1", Json.object("room", room, "private", true, "members", List.of(invitee)));
                invitedEvent(i, room);
            }
            try (TestClient next = TestClient.guestOnceFree(ws, invitee)) {
                next.await("welcome");
                next.send("rooms", "r1", Json.object());
                assertTrue(find(next.await("rooms").path("payload").path("invitations"), room).isMissingNode());
                next.send("join_room", "j1", Json.object("room", room));
                next.awaitError("room_not_found", "j1");
            }
        }
    }

    @Test
    void aPrivateRoomAnswersAsAnUnknownOne() {
        String room = Unique.name("hidden");
        String missing = Unique.name("nothing");
        try (TestClient o = TestClient.guest(ws, Unique.name("hown")); TestClient x = TestClient.guest(ws, Unique.name("hout"))) {
            o.send("create_room", "c1", Json.object("room", room, "private", true));
            roomEvent(o, room);
            for (String type : List.of("join_room", "leave_room", "send_message", "history", "read", "invite")) {
                ObjectNode payload = Json.object("room", room, "message", "hi", "seq", 1, "username", "sara");
                x.send(type, "a", payload);
                JsonNode hidden = x.await("error").path("payload");
                x.send(type, "a", payload.put("room", missing));
                JsonNode unknown = x.await("error").path("payload");
                assertEquals(unknown, hidden, type);
                assertEquals("room_not_found", hidden.path("code").asText(), type);
            }
            x.send("typing", null, Json.object("room", room, "active", true));
            x.awaitError("room_not_found", null);
            x.send("decline_invite", "d1", Json.object("room", room));
            x.awaitAck("d1");
            x.send("decline_invite", "d2", Json.object("room", missing));
            x.awaitAck("d2");
            x.send("create_room", "c2", Json.object("room", room));
            x.awaitError("room_exists", "c2"); // the one place a taken name shows: names are one namespace
        }
    }

    @Test
    void roomsComeInPages() {
        String prefix = Unique.name("pg");
        List<String> created = List.of(prefix + "-c", prefix + "-a", prefix + "-b");
        try (TestClient c = TestClient.guest(ws, Unique.name("pager"))) {
            for (String room : created) {
                c.send("create_room", room, Json.object("room", room));
                roomEvent(c, room);
            }
            List<String> seen = new ArrayList<>();
            String after = null;
            do {
                c.send("rooms", "p", after == null ? Json.object("limit", 2) : Json.object("after", after, "limit", 2));
                JsonNode page = c.await("rooms").path("payload");
                assertTrue(page.path("rooms").size() <= 2, page::toString);
                assertEquals(after == null, page.has("invitations"), "invitations come with the first page only");
                seen.addAll(page.path("rooms").findValuesAsText("room"));
                after = page.path("next").isMissingNode() ? null : page.path("next").asText();
            } while (after != null);
            assertEquals("general", seen.get(0));
            assertEquals(seen.size(), seen.stream().distinct().count(), seen::toString);
            List<String> ours = seen.stream().filter(name -> name.startsWith(prefix)).toList();
            assertEquals(List.of(prefix + "-a", prefix + "-b", prefix + "-c"), ours);
            List<String> others = seen.subList(1, seen.size()).stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
            assertEquals(others.stream().sorted().toList(), others, "by name after general");

            c.send("rooms", "all", Json.object());
            assertTrue(c.await("rooms").path("payload").path("rooms").size() >= 4);
            c.send("rooms", "r0", Json.object("limit", 0));
            c.awaitError("invalid_payload", "r0");
            c.send("rooms", "r1", Json.object("after", "no spaces"));
            c.awaitError("invalid_payload", "r1");
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
            o.awaitAck("s1");

            v.send("rooms", "r1", Json.object());
            JsonNode first = v.await("rooms").path("payload");
            assertEquals("r1", first.path("ref").asText());
            assertEquals("general", first.path("rooms").get(0).path("room").asText());
            ArrayNode list = allRooms(v);
            JsonNode lobby = find(list, room);
            assertFalse(lobby.path("joined").asBoolean());
            assertEquals(1, lobby.path("members").asInt());
            assertEquals(1, lobby.path("lastSeq").asLong());
            assertTrue(find(list, secret).isMissingNode(), "a private room is listed for members only");

            v.send("join_room", "j1", Json.object("room", room.toUpperCase()));
            assertEquals(List.of(owner, visitor), Json.strings(roomEvent(v, room).path("members")));
            assertEquals(visitor, o.await("member_joined").path("payload").path("username").asText());
            v.send("history", "h1", Json.object("room", room));
            assertEquals("welcome", v.await("history").path("payload").path("messages").get(0).path("message").asText());

            JsonNode mine = allRooms(o);
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

    /** Every room {@code rooms} lists for the client, page after page. */
    static ArrayNode allRooms(TestClient client) {
        ArrayNode all = TestClient.JSON.createArrayNode();
        String after = null;
        do {
            client.send("rooms", "all", after == null ? Json.object("limit", 500) : Json.object("after", after, "limit", 500));
            JsonNode page = client.await("rooms").path("payload");
            all.addAll((ArrayNode) page.path("rooms"));
            after = page.path("next").isMissingNode() ? null : page.path("next").asText();
        } while (after != null);
        return all;
    }

    static JsonNode invitedEvent(TestClient client, String room) {
        return client.await("invited", e -> room.equals(e.path("payload").path("room").asText())).path("payload");
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
