package org.majlis.store;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.PreparedDataDir;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;

/**
 * An upgrade from a version that kept the embedded store in H2: the data directory holds
 * majlis.mv.db at the last H2 schema, and after the start its account, rooms and messages are
 * in SQLite, the sequence goes on where it stopped, and the H2 file is kept aside.
 */
@QuarkusTest
@WithTestResource(H2ImportTest.EarlierVersionData.class)
class H2ImportTest {

    static final String ACCOUNT = "oldtimer";
    static final String PASSWORD = "kept-password-1";
    static final Path DATA = ServerProcess.staticDataDir("majlis-h2-import-");

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void theH2DatabaseOfAnEarlierVersionIsImportedOnce() {
        assertFalse(Files.exists(DATA.resolve("majlis.mv.db")), "the H2 file is moved aside");
        assertTrue(Files.exists(DATA.resolve("majlis.mv.db.imported")));

        String token = given().contentType("application/json").body(Json.object("username", ACCOUNT, "password", PASSWORD).toString())
                .post("/api/auth/login").then().statusCode(200).extract().path("token");
        try (TestClient client = TestClient.withToken(ws, token)) {
            JsonNode welcome = client.await("welcome").path("payload");
            List<String> rooms = texts(welcome.path("rooms"), "room");
            assertTrue(rooms.contains("attic"), "the private room and its membership: " + rooms);

            client.send("history", "general", Json.object("room", "general", "limit", 10));
            JsonNode page = client.await("history", h -> "general".equals(h.path("payload").path("ref").asText())).path("payload");
            assertEquals(List.of("before the upgrade", "still here"), texts(page.path("messages"), "message"));
            assertEquals(List.of(1L, 2L), List.of(page.path("messages").get(0).path("seq").asLong(),
                    page.path("messages").get(1).path("seq").asLong()));

            client.send("send_message", "after", Json.object("message", "after the upgrade"));
            assertEquals(3, client.awaitAck("after").path("payload").path("seq").asLong(), "the sequence goes on");
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.path(field).asText()));
        return texts;
    }


    /** The data directory an H2-based version left: the schema it migrated to and a few rows. */
    public static class EarlierVersionData extends PreparedDataDir {

        @Override
        protected Path dir() {
            return DATA;
        }

        @Override
        protected void prepare(Path dir) throws SQLException {
            try (Connection h2 = H2Import.openAtLastSchema(dir)) {
                Sql.update(h2, "INSERT INTO accounts (username_key, username, password_hash, created_at) VALUES (?, ?, ?, ?)",
                        ACCOUNT, ACCOUNT, BcryptUtil.bcryptHash(PASSWORD, 10), 1L);
                Sql.update(h2, "UPDATE conversations SET last_seq = 2 WHERE id = 'r:general'");
                Sql.update(h2, "INSERT INTO conversations (id, room_name, is_private, owner, last_seq, created_at)"
                        + " VALUES ('r:attic', 'attic', TRUE, ?, 0, 1)", ACCOUNT);
                Sql.update(h2, "INSERT INTO room_members (conversation_id, username_key, username, joined_at) VALUES ('r:attic', ?, ?, 1)",
                        ACCOUNT, ACCOUNT);
                String insert = "INSERT INTO messages (conversation_id, seq, id, sender, sender_key, body, sent_at) VALUES ('r:general', ?, ?, ?, ?, ?, ?)";
                Sql.update(h2, insert, 1L, Ids.next(Ids.MESSAGE, 1000), ACCOUNT, ACCOUNT, "before the upgrade", 1000L);
                Sql.update(h2, insert, 2L, Ids.next(Ids.MESSAGE, 2000), ACCOUNT, ACCOUNT, "still here", 2000L);
            }
        }
    }
}
