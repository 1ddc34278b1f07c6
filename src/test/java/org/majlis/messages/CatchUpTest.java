package org.majlis.messages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * An account disconnects, others send room and direct messages, it reconnects: comparing welcome's
 * lastSeq with what it saw and asking history after that, it gets exactly the missed ones, in order.
 */
@QuarkusTest
class CatchUpTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void roomAndDirectMessagesMissedWhileAwayComeBackExactlyOnceInOrder() {
        String name = Unique.name("nomad");
        String friend = Unique.name("friend");
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "long password"))
                .post("/api/auth/register").then().statusCode(201);
        String token = given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "long password"))
                .post("/api/auth/login").then().statusCode(200).extract().path("token");

        long seenRoom;
        long seenDirect;
        String friendToken;
        try (TestClient f = TestClient.guest(ws, friend); TestClient me = login(token)) {
            me.await("welcome"); // logged in before the friend writes: what follows arrives live
            friendToken = f.welcome().path("token").asText();
            seenRoom = HistoryTest.sendAll(f, Unique.name("before"), 1, null).get(0);
            seenDirect = HistoryTest.sendAll(f, Unique.name("dm-before"), 1, name).get(0);
            me.await("new_message", m -> m.path("payload").path("seq").asLong() == seenDirect
                    && friend.equals(m.path("payload").path("from").asText()) && m.path("payload").has("to"));
            me.send("read", null, Json.object("to", friend, "seq", seenDirect));
            f.await("read", r -> name.equals(r.path("payload").path("by").asText()));
        }
        String roomPrefix = Unique.name("room-missed");
        String directPrefix = Unique.name("dm-missed");
        try (TestClient f = TestClient.guest(ws, Unique.name("friend2")); TestClient f1 = TestClient.withToken(ws, friendToken)) {
            f1.await("welcome"); // the same guest friend (a new guest of that name would start afresh)
            HistoryTest.sendAll(f, roomPrefix, 5, null);
            HistoryTest.sendAll(f1, directPrefix, 3, name);
        }
        try (TestClient me = login(token)) {
            JsonNode welcome = me.await("welcome").path("payload");
            long roomLast = welcome.path("rooms").get(0).path("lastSeq").asLong();
            long directLast = -1;
            for (JsonNode direct : welcome.path("directs")) {
                if (friend.equals(direct.path("to").asText())) {
                    directLast = direct.path("lastSeq").asLong();
                    assertEquals(3, direct.path("unread").asLong(), direct::toString);
                }
            }
            assertEquals(seenDirect + 3, directLast);
            List<String> room = catchUp(me, "room", "general", seenRoom, roomLast);
            assertEquals(List.of(roomPrefix + " 0", roomPrefix + " 1", roomPrefix + " 2", roomPrefix + " 3", roomPrefix + " 4"),
                    room.stream().filter(t -> t.startsWith(roomPrefix)).toList());
            assertEquals(List.of(directPrefix + " 0", directPrefix + " 1", directPrefix + " 2"),
                    catchUp(me, "to", friend, seenDirect, directLast));
        }
    }

    private TestClient login(String token) {
        TestClient client = TestClient.connect(ws);
        client.send("login", null, Json.object("token", token));
        return client;
    }

    /** Pages of history after the last seen seq, up to lastSeq; fails on a gap, a duplicate or disorder. */
    private static List<String> catchUp(TestClient client, String key, String value, long seen, long lastSeq) {
        List<String> texts = new ArrayList<>();
        long cursor = seen;
        while (cursor < lastSeq) {
            String ref = key + cursor;
            client.send("history", ref, Json.object(key, value, "after", cursor, "limit", 2));
            JsonNode page = client.await("history", h -> ref.equals(h.path("payload").path("ref").asText())).path("payload");
            for (JsonNode message : page.path("messages")) {
                assertEquals(cursor + 1, message.path("seq").asLong(), "no gap, no duplicate, in order");
                cursor = message.path("seq").asLong();
                texts.add(message.path("message").asText());
            }
        }
        return texts;
    }
}
