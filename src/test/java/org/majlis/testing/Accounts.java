package org.majlis.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;

/** Accounts over the REST API of the server under test (rest-assured's base URI). */
public final class Accounts {

    /** The administrator of the test profile ({@code %test.majlis.admins}). */
    public static final String ADMIN = "testadmin";
    private static final String ADMIN_PASSWORD = "the tests' admin password";

    private Accounts() {
    }

    public static void register(String name, String password) {
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", password))
                .post("/api/auth/register").then().statusCode(201);
    }

    /** A token of a new session of the account. */
    public static String token(String name, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", name, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().path("token");
    }

    /** A new account's token. */
    public static String newAccount(String name) {
        register(name, name + " password");
        return token(name, name + " password");
    }

    /** A token of the tests' administrator, registered first when the database does not have it yet. */
    public static String adminToken() {
        int status = given().contentType(ContentType.JSON).body(Map.of("username", ADMIN, "password", ADMIN_PASSWORD))
                .post("/api/auth/register").then().extract().statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("registering the test administrator answered " + status);
        }
        return token(ADMIN, ADMIN_PASSWORD);
    }
}
