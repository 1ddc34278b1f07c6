package org.majlis.profiles;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * {@code profile_changed} across two nodes (separate processes on the local PostgreSQL and Redis)
 * in a large community (a presence threshold of 1): a change made on one node reaches the
 * account's watchers on the other, and not a stranger there.
 */
class ProfileClusterIT {

    private static ServerProcess nodeA;
    private static ServerProcess nodeB;

    static ServerProcess node(Path data, String name) throws Exception {
        return ServerProcess.start(data, data.resolve(name + ".log"), "-Dquarkus.profile=prod,cluster",
                "-Dmajlis.cluster.node-name=" + Unique.name(name + "-"), "-Dmajlis.presence.large-threshold=1",
                "-Dmajlis.jwt.secret=the profile cluster's token secret, shared by its nodes");
    }

    @BeforeAll
    static void start() throws Exception {
        Path data = ServerProcess.tempDir("profiles-cluster-");
        nodeA = node(data, "a");
        nodeB = node(data, "b");
    }

    @AfterAll
    static void stop() throws Exception {
        ServerProcess.closeAll(nodeA, nodeB);
    }

    @Test
    void aChangeOnOneNodeReachesTheWatchersOnTheOther() {
        String name = Unique.name("pc");
        String password = "profile cluster password";
        given().baseUri(nodeA.base()).contentType(ContentType.JSON).body(Map.of("username", name, "password", password))
                .post("/api/auth/register").then().statusCode(201);
        String token = given().baseUri(nodeA.base()).contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", password)).post("/api/auth/login").then().statusCode(200)
                .extract().path("token");
        try (TestClient watcher = TestClient.guest(nodeB.ws(), Unique.name("pw"));
                TestClient stranger = TestClient.guest(nodeB.ws(), Unique.name("ps"))) {
            awaitSubscribedScope(stranger, stranger.welcome());
            // each node decides the scope from its count, the other node's users counted once a second
            try (TestClient owner = connectOnceCounted(token)) {
                watcher.send("presence_subscribe", "p", Json.object("users", List.of(name)));
                watcher.awaitAnswer("p");
                changeAndHear(token, name, watcher, stranger);
            }
        }
    }

    /** A change made on node A: the watcher on B hears of it, the stranger on B does not. */
    private static void changeAndHear(String token, String name, TestClient watcher, TestClient stranger) {
        given().baseUri(nodeA.base()).header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("displayName", "عبر العقد")).put("/api/profile").then().statusCode(200);

        JsonNode heard = watcher.await("profile_changed").path("payload");
        assertEquals(name, heard.path("username").asText());
        assertEquals("عبر العقد", heard.path("displayName").asText());
        assertEquals("عبر العقد", given().baseUri(nodeB.base()).header("Authorization", "Bearer " + token)
                .get("/api/users/" + name + "/profile").then().statusCode(200).extract().path("displayName"),
                "the other node reads the same profile");
        stranger.expectNone("profile_changed", Duration.ofMillis(800));
    }

    /** Logs in on node A once A has counted node B's users (it counts them once a second). */
    private static TestClient connectOnceCounted(String token) {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TestClient client = TestClient.withToken(nodeA.ws(), token);
        awaitSubscribedScope(client, client.await("welcome").path("payload"));
        return client;
    }

    private static void awaitSubscribedScope(TestClient client, JsonNode welcome) {
        if (!"subscribed".equals(welcome.path("presence").asText())) {
            client.await("presence", p -> "subscribed".equals(p.path("payload").path("scope").asText()));
        }
    }
}
