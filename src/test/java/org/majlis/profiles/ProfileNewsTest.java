package org.majlis.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Accounts;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Tightened;
import org.majlis.testing.Unique;

/**
 * {@code profile_changed} in a large community (the {@code subscribed} presence scope, above
 * {@link Tightened#PRESENCE_THRESHOLD} online): to the account's own connections and those that
 * subscribed to its presence, not to everyone.
 */
@QuarkusTest
@TestProfile(Tightened.class)
class ProfileNewsTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void aChangeReachesWhoWatchesTheAccountAndNotAStranger() {
        String name = Unique.name("news");
        String token = Accounts.newAccount(name);
        try (TestClient owner = TestClient.withToken(ws, token);
                TestClient watcher = TestClient.guest(ws, Unique.name("watch"));
                TestClient stranger = TestClient.guest(ws, Unique.name("strange"));
                TestClient another = TestClient.guest(ws, Unique.name("other"))) {
            owner.await("welcome");
            if (!"subscribed".equals(another.welcome().path("presence").asText())) {
                another.await("presence", p -> "subscribed".equals(p.path("payload").path("scope").asText()));
            }
            watcher.send("presence_subscribe", "p", Json.object("users", List.of(name)));
            watcher.awaitAnswer("p");

            assertEquals(200, ProfilesTest.setText(token, "Nūr", "in a meeting").statusCode());

            JsonNode heard = watcher.await("profile_changed").path("payload");
            assertEquals(name, heard.path("username").asText());
            assertEquals("Nūr", heard.path("displayName").asText());
            assertEquals("in a meeting", heard.path("statusText").asText());
            assertEquals(true, heard.path("avatarUrl").isNull(), heard::toString);
            assertEquals("Nūr", owner.await("profile_changed").path("payload").path("displayName").asText(),
                    "the account's own connections hear of it");
            stranger.expectNone("profile_changed", Duration.ofMillis(700));

            String avatarUrl = ProfilesTest.setAvatar(token, "image/png", Pictures.halves(20, 20, "png")).path("avatarUrl");
            assertEquals(avatarUrl, watcher.await("profile_changed", e -> !e.path("payload").path("avatarUrl").isNull())
                    .path("payload").path("avatarUrl").asText());
            stranger.expectNone("profile_changed", Duration.ofMillis(300));
        }
    }
}
