package org.majlis.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.majlis.names.Names;
import org.majlis.store.Database;
import org.majlis.store.Sql;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Accounts stored before V4 (no skeleton, keys without NFKC) are brought up to date at start. */
@QuarkusTest
class SkeletonBackfillTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    Database database;

    /** The key as it was computed before NFKC. */
    private static String oldKey(String name) {
        return Normalizer.normalize(name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }

    @Test
    void accountsFromBeforeGetTheirSkeletonAndTheirNewKey() throws Exception {
        String plain = Unique.name("legacy");
        String fullwidth = AccountNamesTest.fullwidth(Unique.name("wide"));
        for (String name : new String[] {plain, fullwidth}) {
            AccountNamesTest.register(name, "password-1").statusCode(201);
            try (Connection connection = database.connect()) {
                Sql.update(connection, "UPDATE accounts SET username_key = ?, username_skeleton = NULL WHERE username_key = ?",
                        oldKey(name), Names.key(name));
            }
        }

        new SkeletonBackfill(database);

        try (TestClient guest = TestClient.connect(ws)) {
            guest.send("login", "g", Json.object("username", plain.replace('e', '\u0435')));
            guest.awaitError("username_taken", "g");
        }
        given().contentType(ContentType.JSON).body(Map.of("username", fullwidth, "password", "password-1"))
                .post("/api/auth/login").then().statusCode(200).body("username", equalTo(fullwidth));
    }
}
