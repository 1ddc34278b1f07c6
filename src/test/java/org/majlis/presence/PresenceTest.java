package org.majlis.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Login rules, presence changes and the online list, with real clients. */
@QuarkusTest
class PresenceTest {

    @TestHTTPResource("/ws")
    URI ws;


    @Test
    void othersSeeAUserComeChangeStatusAndGo() {
        String watcher = Unique.name("watcher");
        String sara = Unique.name("sara");
        try (TestClient w = TestClient.guest(ws, watcher)) {
            TestClient s = TestClient.guest(ws, sara);
            w.await("presence", p -> Json.presenceOf(p, sara, "online"));
            s.send("{\"type\":\"status\",\"payload\":{\"status\":\"away\"}}");
            w.await("presence", p -> Json.presenceOf(p, sara, "away"));
            s.send("{\"type\":\"status\",\"payload\":{\"status\":\"busy\"}}");
            w.await("presence", p -> Json.presenceOf(p, sara, "busy"));
            s.close();
            JsonNode offline = w.await("presence", p -> Json.presenceOf(p, sara, "offline"));
            for (JsonNode change : offline.path("payload").path("changes")) {
                if (sara.equals(change.path("username").asText())) {
                    assertTrue(change.path("lastSeen").asText().endsWith("Z"), change::toString);
                }
            }
        }
    }

    @Test
    void welcomeAndUsersListWhoIsOnline() {
        String first = Unique.name("first");
        String second = Unique.name("second");
        try (TestClient a = TestClient.guest(ws, first)) {
            a.send("{\"type\":\"status\",\"payload\":{\"status\":\"busy\"}}");
            try (TestClient b = TestClient.connect(ws)) {
                b.send("{\"type\":\"login\",\"payload\":{\"username\":\"" + second + "\"}}");
                JsonNode welcome = b.await("welcome").path("payload");
                boolean sawFirst = false;
                for (JsonNode user : welcome.path("users")) {
                    assertFalse(second.equals(user.path("username").asText()), "welcome lists the others");
                    sawFirst |= first.equals(user.path("username").asText());
                }
                assertTrue(sawFirst, welcome::toString);
                b.send("{\"type\":\"users\",\"id\":\"u1\"}");
                JsonNode users = b.await("users").path("payload");
                assertEquals("u1", users.path("ref").asText());
                boolean firstBusy = false;
                boolean self = false;
                for (JsonNode user : users.path("users")) {
                    firstBusy |= first.equals(user.path("username").asText()) && "busy".equals(user.path("status").asText());
                    self |= second.equals(user.path("username").asText());
                }
                assertTrue(firstBusy && self, users::toString);
            }
        }
    }

    @Test
    void aGuestNameIsTakenWhateverItsCaseOrNormalization() {
        String name = Unique.name("José");
        try (TestClient owner = TestClient.guest(ws, name)) {
            for (String attempt : new String[] {name.toUpperCase(), name.toLowerCase(), name.replace("é", "e\u0301")}) {
                try (TestClient other = TestClient.connect(ws)) {
                    other.send("{\"type\":\"login\",\"id\":\"l\",\"payload\":{\"username\":\"" + attempt + "\"}}");
                    other.awaitError("username_taken", "l");
                    other.assertAlive();
                }
            }
        }
        // once the owner has gone, the name is free again
        try (TestClient again = TestClient.guestOnceFree(ws, name)) {
            assertEquals(name, again.await("welcome").path("payload").path("username").asText());
        }
    }

    @Test
    void invalidAndReservedNamesAreRefused() {
        try (TestClient client = TestClient.connect(ws)) {
            for (String bad : new String[] {"admin", "General", "has space", "x\u202Ey", "a\u200Bb", "_x", "a".repeat(33), ""}) {
                client.send("{\"type\":\"login\",\"id\":\"b\",\"payload\":{\"username\":" + TestClient.quote(bad) + "}}");
                client.awaitError("username_invalid", "b");
            }
            client.send("{\"type\":\"login\",\"payload\":{\"username\":\"" + Unique.name("أحمد") + "\"}}");
            client.await("welcome");
        }
    }
}
