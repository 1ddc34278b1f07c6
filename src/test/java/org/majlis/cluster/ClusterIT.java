package org.majlis.cluster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * Two nodes as separate processes on the local PostgreSQL and Redis (real connections), with the
 * protocol's default limits: what happens on one is seen on the other, and a node that dies or
 * stops does not lose anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    /** One secret for every node, as a cluster is configured: a session token from one node logs in on another. */
    private static final String TOKEN_SECRET = "the cluster's token secret, shared by all its nodes";
    private static final Duration OFFLINE_WITHIN = Duration.ofSeconds(30);
    private static ServerProcess nodeA;
    private static ServerProcess nodeB;
    private static Path data;

    /** A node; they share one data directory (the files) and the token secret. */
    static ServerProcess node(String name) throws Exception {
        return ServerProcess.start(data, data.resolve(name + ".log"), "-Dquarkus.profile=prod,cluster", "-Dmajlis.admins=clusteradmin",
                "-Dmajlis.cluster.node-name=" + Unique.name(name + "-"), "-Dmajlis.cluster.heartbeat-interval=2s",
                "-Dmajlis.cluster.node-timeout=8s", "-Dmajlis.jwt.secret=" + TOKEN_SECRET);
    }

    @BeforeAll
    static void start() throws Exception {
        data = ServerProcess.tempDir("cluster-");
        nodeA = node("a");
        nodeB = node("b");
        // the administrator's account (the database outlives runs: it may be there already)
        given().baseUri(nodeA.base()).contentType(ContentType.JSON)
                .body(Map.of("username", "clusteradmin", "password", "cluster admin password")).post("/api/auth/register");
    }

    @AfterAll
    static void stop() throws Exception {
        ServerProcess.closeAll(nodeA, nodeB);
    }

    @Test
    @Order(1)
    void roomAndDirectMessagesPresenceAndNamesCrossNodes() {
        String room = Unique.name("span");
        String a = Unique.name("ca");
        String b = Unique.name("cb");
        try (TestClient onA = TestClient.guest(nodeA.ws(), a); TestClient onB = TestClient.guest(nodeB.ws(), b)) {
            // presence and the online list cross nodes
            onA.await("presence", p -> p.toString().contains(b));
            onA.send("users", "u", Json.object());
            assertTrue(onA.await("users").toString().contains(b), "B's user is listed on A");

            // a private room created on A, its invitation accepted on B
            onA.send("create_room", "c", Json.object("room", room, "private", true, "members", List.of(b)));
            assertEquals(a, onB.await("invited").path("payload").path("by").asText());
            onB.send("join_room", "j", Json.object("room", room));
            JsonNode info = onB.await("room").path("payload");
            assertEquals(List.of(a, b), Json.strings(info.path("members")));
            onA.send("send_message", "m1", Json.object("room", room, "message", "from A"));
            assertEquals("from A", onB.await("new_message").path("payload").path("message").asText());
            onB.send("send_message", "m2", Json.object("room", room, "message", "from B"));
            JsonNode stored = onB.await("ack", e -> true, "error");
            assertEquals("ack", stored.path("type").asText(), stored::toString);
            assertEquals("from B", onA.await("new_message", e -> "from B".equals(e.path("payload").path("message").asText()))
                    .path("payload").path("message").asText());

            // direct messages both ways
            onB.send("private_message", "p1", Json.object("to", a, "message", "psst"));
            JsonNode direct = onA.await("new_message", e -> "psst".equals(e.path("payload").path("message").asText())).path("payload");
            assertEquals(b, direct.path("from").asText());
            assertEquals(a, direct.path("to").asText());

            // typing crosses nodes too
            onA.send("typing", null, Json.object("room", room, "active", true));
            assertEquals(a, onB.await("typing").path("payload").path("from").asText());

            // a guest name in use on A is taken on B
            try (TestClient twin = TestClient.connect(nodeB.ws())) {
                twin.send("login", null, Json.object("username", a.toUpperCase()));
                twin.awaitError("username_taken", null);
            }
        }
    }

    @Test
    @Order(1)
    void aGuestBackOnAnotherNodeKeepsItsNameWhenItsFirstConnectionCloses() throws Exception {
        String name = Unique.name("roam");
        TestClient first = TestClient.guest(nodeA.ws(), name);
        try (TestClient back = TestClient.connect(nodeB.ws())) {
            // a page reload that the load balancer sends to the other node
            back.send("login", null, Json.object("token", first.welcome().path("token").asText()));
            assertEquals(name, back.await("welcome").path("payload").path("username").asText());
            first.close();
            Thread.sleep(1000); // the first connection's node gives the name back
            try (TestClient impostor = TestClient.connect(nodeA.ws())) {
                impostor.send("login", null, Json.object("username", name));
                impostor.awaitError("username_taken", null);
            }
        }
        // once the guest has left everywhere, the name is free again
        TestClient.guestOnceFree(nodeA.ws(), name).close();
    }

    @Test
    @Order(2)
    void endingSessionsOnOneNodeClosesTheirConnectionsOnTheOther() {
        String name = Unique.name("xs");
        String password = "cluster password";
        given().baseUri(nodeA.base()).contentType(ContentType.JSON).body(Map.of("username", name, "password", password))
                .post("/api/auth/register").then().statusCode(201);
        String onA = login(nodeA, name, password);
        String revoked = login(nodeB, name, password);
        String signedOut = login(nodeB, name, password);
        try (TestClient a = TestClient.withToken(nodeA.ws(), onA); TestClient b1 = TestClient.withToken(nodeB.ws(), revoked);
                TestClient b2 = TestClient.withToken(nodeB.ws(), signedOut)) {
            List.of(a, b1, b2).forEach(client -> client.await("welcome"));
            String revokedId = given().baseUri(nodeB.base()).header("Authorization", "Bearer " + revoked).get("/api/sessions")
                    .then().statusCode(200).extract().path("sessions.find { it.current }.id");

            given().baseUri(nodeA.base()).header("Authorization", "Bearer " + onA).delete("/api/sessions/" + revokedId)
                    .then().statusCode(204);
            assertEquals(1000, b1.awaitClose(), "a session ended on A is closed on B");
            given().baseUri(nodeA.base()).contentType(ContentType.JSON).header("Authorization", "Bearer " + onA)
                    .body(Map.of("password", password, "newPassword", "a new cluster password")).put("/api/auth/password")
                    .then().statusCode(204);
            assertEquals(1008, b2.awaitClose(), "a password changed on A signs out the other sessions on B");
            a.assertAlive();
        }
    }

    @Test
    @Order(2)
    void moderationOnOneNodeHoldsOnTheOther() {
        String room = Unique.name("modspan");
        String ownerName = Unique.name("mo");
        String memberName = Unique.name("mm");
        try (TestClient owner = TestClient.guest(nodeA.ws(), ownerName); TestClient member = TestClient.guest(nodeB.ws(), memberName)) {
            owner.send("create_room", "c", Json.object("room", room));
            owner.awaitAck("c");
            // B applies the room's creation before any event A publishes after it; A's ack alone can reach the test first
            owner.send("private_message", "p", Json.object("to", memberName, "message", "join " + room));
            assertEquals("join " + room, member.await("new_message").path("payload").path("message").asText());
            member.send("join_room", "j", Json.object("room", room));
            member.awaitAck("j");
            owner.send("mute", "m", Json.object("room", room, "username", memberName, "minutes", 5));
            owner.awaitAck("m");
            member.await("member_muted");
            member.send("send_message", "s1", Json.object("room", room, "message", "muted on B?"));
            member.awaitError("muted", "s1");
            owner.send("ban", "b", Json.object("room", room, "username", memberName));
            owner.awaitAck("b");
            assertTrue(member.await("member_left").path("payload").path("banned").asBoolean());
            member.send("join_room", "j2", Json.object("room", room));
            member.awaitError("forbidden", "j2");
        }
        String admin = login(nodeA, "clusteradmin", "cluster admin password");
        String name = Unique.name("xd");
        given().baseUri(nodeA.base()).contentType(ContentType.JSON).body(Map.of("username", name, "password", "a long password"))
                .post("/api/auth/register").then().statusCode(201);
        try (TestClient onB = TestClient.withToken(nodeB.ws(), login(nodeB, name, "a long password"))) {
            onB.await("welcome");
            given().baseUri(nodeA.base()).contentType(ContentType.JSON).header("Authorization", "Bearer " + admin)
                    .body(Map.of("reason", "testing")).post("/api/admin/accounts/" + name + "/disable").then().statusCode(204);
            assertEquals(1008, onB.awaitClose(), "an account disabled on A is closed on B");
        }
    }

    private static String login(ServerProcess node, String name, String password) {
        return given().baseUri(node.base()).contentType(ContentType.JSON).body(Map.of("username", name, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().path("token");
    }

    @Test
    @Order(2)
    void theMessageLimitIsSharedByTheNodes() throws Exception {
        String name = Unique.name("lim");
        try (TestClient onA = TestClient.guest(nodeA.ws(), name); TestClient onB = TestClient.connect(nodeB.ws())) {
            onB.send("login", null, Json.object("token", onA.welcome().path("token").asText()));
            onB.await("welcome");
            // start at the beginning of a counting window (2 s with the default 10/s and bursts of 20)
            while (System.currentTimeMillis() % 2000 > 100) {
                Thread.sleep(10);
            }
            for (int i = 0; i < 15; i++) {
                onA.send("send_message", "a" + i, Json.object("message", "a " + i));
            }
            for (int i = 0; i < 15; i++) {
                onA.await("ack", e -> true, "error");
            }
            for (int i = 0; i < 15; i++) {
                onB.send("send_message", "b" + i, Json.object("message", "b " + i));
            }
            int refused = 0;
            for (int i = 0; i < 15; i++) {
                JsonNode answer = onB.await("ack", e -> true, "error");
                if ("error".equals(answer.path("type").asText())) {
                    assertEquals("rate_limited", answer.path("payload").path("code").asText(), answer::toString);
                    refused++;
                }
            }
            assertTrue(refused >= 5, "B refused " + refused + " of 15 although A had used 15 of the burst of 20");
        }
    }

    @Test
    @Order(3)
    void aKilledNodesUsersGoOfflineAndItsClientsCatchUpOnTheOther() throws Exception {
        String room = Unique.name("lifeboat");
        String stranded = Unique.name("str");
        String watcher = Unique.name("wat");
        TestClient onA = TestClient.guest(nodeA.ws(), stranded);
        try (TestClient onB = TestClient.guest(nodeB.ws(), watcher)) {
            onA.send("create_room", "c", Json.object("room", room, "members", List.of(watcher)));
            onB.await("invited");
            onB.send("join_room", "j", Json.object("room", room));
            onB.await("room");
            onA.send("send_message", "seen", Json.object("room", room, "message", "before the crash"));
            long lastSeen = onA.awaitAck("seen").path("payload").path("seq").asLong();
            String token = onA.welcome().path("token").asText();

            nodeA.kill();
            onA.close();
            long killedAt = System.currentTimeMillis();
            List<String> missed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                onB.send("send_message", "w" + i, Json.object("room", room, "message", "while away " + i));
                missed.add("while away " + i);
                onB.awaitAck("w" + i);
            }
            onB.await("presence", p -> p.path("payload").path("changes").toString().contains("\"username\":\"" + stranded
                    + "\",\"status\":\"offline\""), null, OFFLINE_WITHIN);
            assertTrue(System.currentTimeMillis() - killedAt < OFFLINE_WITHIN.toMillis());

            // the stranded client comes back on B with its session token and catches up
            try (TestClient back = TestClient.connect(nodeB.ws())) {
                back.send("login", null, Json.object("token", token));
                JsonNode welcome = back.await("welcome").path("payload");
                assertEquals(stranded, welcome.path("username").asText());
                back.send("history", "h", Json.object("room", room, "after", lastSeen));
                JsonNode page = back.await("history").path("payload");
                List<String> texts = new ArrayList<>();
                page.path("messages").forEach(m -> texts.add(m.path("message").asText()));
                assertEquals(missed, texts, "every message sent while away, once, in order");
            }
        }
    }

    @Test
    @Order(4)
    void aGracefulStopClosesWith1012() throws Exception {
        ServerProcess nodeC = node("c");
        TestClient client = TestClient.guest(nodeC.ws(), Unique.name("leaving"));
        try {
            nodeC.close();
            assertEquals(1012, client.awaitClose());
        } finally {
            client.close();
        }
    }
}
