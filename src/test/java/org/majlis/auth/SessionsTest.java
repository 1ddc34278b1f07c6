package org.majlis.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.majlis.protocol.CloseCodes;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * A token speaks for its login session, not just for a name: a guest name's earlier holders
 * cannot come back as its new holder, a new holder inherits nothing private, and a logout ends
 * the session's tokens.
 */
@QuarkusTest
class SessionsTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void aReconnectKeepsAYoungTokenRatherThanSigningANewOne() {
        String token;
        try (TestClient guest = TestClient.guest(ws, Unique.name("keeper"))) {
            token = guest.welcome().path("token").asText();
        }
        try (TestClient back = TestClient.withToken(ws, token)) {
            JsonNode welcome = back.await("welcome").path("payload");
            assertEquals(token, welcome.path("token").asText(), "a day's token with most of its day left is kept");
        }
    }

    @Test
    void anEarlierGuestsTokenAsABearerOnTheUpgradeIsRefusedAndTheConnectionStaysUsable() {
        String name = Unique.name("bearing");
        String oldToken;
        try (TestClient first = TestClient.guest(ws, name)) {
            oldToken = first.welcome().path("token").asText();
        }
        try (TestClient second = TestClient.guestOnceFree(ws, name);
                TestClient replay = TestClient.connect(ws, new WebSocketConnectOptions().addHeader("Authorization", "Bearer " + oldToken))) {
            second.await("welcome");
            replay.awaitError("username_taken", null); // refused at open, answered through @OnError
            replay.send("login", "again", Json.object("username", Unique.name("other")));
            replay.await("welcome");
        }
    }

    @Test
    void anEarlierGuestsTokenNeitherJoinsNorTakesOverTheNamesNewHolder() {
        String name = Unique.name("nadia");
        String oldToken;
        try (TestClient watcher = TestClient.guest(ws, Unique.name("watcher"))) {
            try (TestClient first = TestClient.guest(ws, name)) {
                oldToken = first.welcome().path("token").asText();
            }
            watcher.await("presence", p -> Json.presenceOf(p, name, "offline"));
            try (TestClient second = TestClient.guestOnceFree(ws, name); TestClient partner = TestClient.guest(ws, Unique.name("p"))) {
                second.await("welcome");
                try (TestClient replay = TestClient.withToken(ws, oldToken)) {
                    replay.awaitError("username_taken", null);
                }
                partner.send("private_message", "dm", Json.object("to", name, "message", "for the new holder only"));
                second.await("new_message", m -> m.path("payload").path("message").asText().equals("for the new holder only"));
            }
            watcher.await("presence", p -> Json.presenceOf(p, name, "offline"));
        }
        // the name is free again, yet the first guest's session ended when the second took the name
        try (TestClient replay = TestClient.withToken(ws, oldToken)) {
            replay.awaitError("auth_failed", null);
        }
    }

    @Test
    void aNewGuestWithAFreedNameInheritsNoDirectConversationsNorReadMarks() {
        String name = Unique.name("omar");
        String partnerName = Unique.name("sara");
        try (TestClient watcher = TestClient.guest(ws, Unique.name("watcher")); TestClient partner = TestClient.guest(ws, partnerName)) {
            try (TestClient first = TestClient.guest(ws, name)) {
                partner.send("private_message", "dm", Json.object("to", name, "message", "a secret for the first " + name));
                partner.awaitAck("dm");
                first.await("new_message");
            }
            watcher.await("presence", p -> Json.presenceOf(p, name, "offline"));
            try (TestClient second = TestClient.guestOnceFree(ws, name)) {
                JsonNode welcome = second.await("welcome").path("payload");
                assertEquals(0, welcome.path("directs").size(), welcome::toString);
                second.send("history", "h", Json.object("to", partnerName));
                JsonNode history = second.await("history").path("payload");
                assertEquals(0, history.path("messages").size(), history::toString);
                partner.send("private_message", "dm2", Json.object("to", name, "message", "for the new holder"));
                assertEquals(1, partner.awaitAck("dm2").path("payload").path("seq").asLong(),
                        "a new conversation, numbered from the database (on the embedded store, not from the journal's seqs in memory)");
                second.await("new_message");
            }
            // the partner's side of that conversation went with it
            partner.send("history", "h2", Json.object("to", name));
            JsonNode left = partner.await("history").path("payload").path("messages");
            assertEquals(1, left.size(), left::toString);
            assertEquals("for the new holder", left.get(0).path("message").asText(), "nothing of the first holder's");
        }
    }

    @Test
    void registeringADepartedGuestsNameGivesNoneOfItsPrivateRoomsNorDirectMessages() {
        String name = Unique.name("Tariq");
        String partnerName = Unique.name("sara");
        String room = Unique.name("secret");
        String guestToken;
        try (TestClient watcher = TestClient.guest(ws, Unique.name("watcher")); TestClient partner = TestClient.guest(ws, partnerName)) {
            try (TestClient guest = TestClient.guest(ws, name)) {
                guestToken = guest.welcome().path("token").asText();
                guest.send("create_room", "c", Json.object("room", room, "private", true));
                guest.await("room");
                guest.send("send_message", "m", Json.object("room", room, "message", "the guest's own notes"));
                guest.awaitAck("m");
                partner.send("private_message", "dm", Json.object("to", name, "message", "a secret for the guest"));
                guest.await("new_message", m -> m.path("payload").path("message").asText().equals("a secret for the guest"));
            }
            watcher.await("presence", p -> Json.presenceOf(p, name, "offline"));
        }
        AccountsTest.register(name, "correct horse");
        try (TestClient account = TestClient.withToken(ws, AccountsTest.token(name, "correct horse"))) {
            JsonNode welcome = account.await("welcome").path("payload");
            assertEquals(0, welcome.path("directs").size(), welcome::toString);
            for (JsonNode listed : welcome.path("rooms")) {
                assertNotEquals(room, listed.path("room").asText(), welcome::toString);
            }
            account.send("history", "h", Json.object("room", room));
            account.awaitError("room_not_found", "h");
        }
        try (TestClient replay = TestClient.withToken(ws, guestToken)) {
            replay.awaitError("username_taken", null); // the name is the account's now, and the guest's session ended
        }
    }

    @Test
    void aGuestEditsItsMessagesAfterAReconnectButANewGuestWithTheNameCannot() {
        String name = Unique.name("karim");
        String messageId;
        try (TestClient watcher = TestClient.guest(ws, Unique.name("watcher"))) {
            String token;
            try (TestClient first = TestClient.guest(ws, name)) {
                token = first.welcome().path("token").asText();
                first.send("send_message", "m", Json.object("message", "said by the first " + name));
                messageId = first.awaitAck("m").path("payload").path("messageId").asText();
            }
            watcher.await("presence", p -> Json.presenceOf(p, name, "offline"));
            try (TestClient back = TestClient.withToken(ws, token)) { // the same guest: its session goes on
                back.await("welcome");
                back.send("edit_message", "own", Json.object("messageId", messageId, "message", "corrected"));
                back.await("message_edited");
            }
            watcher.await("presence", p -> Json.presenceOf(p, name, "offline"));
        }
        try (TestClient second = TestClient.guestOnceFree(ws, name)) {
            second.await("welcome");
            second.send("edit_message", "e", Json.object("messageId", messageId, "message", "words put in their mouth"));
            second.awaitError("forbidden", "e");
            second.send("delete_message", "d", Json.object("messageId", messageId));
            second.awaitError("forbidden", "d");
        }
    }

    @Test
    void logoutEndsTheSessionOnItsConnectionAndForItsTokens() {
        String name = Unique.name("leila");
        TestClient client = TestClient.guest(ws, name);
        String token = client.welcome().path("token").asText();
        client.send("logout", "bye", Json.object());
        client.awaitAck("bye");
        assertEquals(CloseCodes.NORMAL, client.awaitClose());
        try (TestClient replay = TestClient.withToken(ws, token)) {
            replay.awaitError("auth_failed", null);
        }
        given().header("Authorization", "Bearer " + token).get("/api/users/online").then().statusCode(401);
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfTheAccountAndClosesItsConnections() {
        String name = Unique.name("Hana");
        AccountsTest.register(name, "correct horse");
        String laptop = AccountsTest.token(name, "correct horse");
        String phone = AccountsTest.token(name, "correct horse");
        try (TestClient open = TestClient.withToken(ws, laptop)) {
            open.await("welcome");
            given().header("Authorization", "Bearer " + phone).delete("/api/sessions").then().statusCode(200);
            assertEquals(CloseCodes.NORMAL, open.awaitClose());
        }
        given().header("Authorization", "Bearer " + laptop).get("/api/users/online").then().statusCode(401);
        given().header("Authorization", "Bearer " + phone).get("/api/users/online").then().statusCode(401);
        String later = AccountsTest.token(name, "correct horse"); // a password login starts a new session
        given().header("Authorization", "Bearer " + later).get("/api/users/online").then().statusCode(200);
    }

    @Test
    void aRestLogoutEndsOnlyThatSession() {
        String name = Unique.name("Yara");
        AccountsTest.register(name, "correct horse");
        String ending = AccountsTest.token(name, "correct horse");
        String staying = AccountsTest.token(name, "correct horse");
        given().header("Authorization", "Bearer " + ending).delete("/api/sessions/current").then().statusCode(204);
        given().header("Authorization", "Bearer " + ending).delete("/api/sessions/current").then().statusCode(401);
        given().header("Authorization", "Bearer " + staying).get("/api/users/online").then().statusCode(200);
        try (TestClient client = TestClient.withToken(ws, staying)) {
            assertTrue(client.await("welcome").path("payload").path("token").asText().length() > 20);
        }
    }
}
