package org.majlis.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The OpenAPI description the build made, served on the management interface. */
@QuarkusTest
class ApiDescriptionTest {

    @TestHTTPResource(value = "/openapi", management = true)
    URI openapi;

    @Test
    void yamlByDefaultWithTheRestApiAndItsAuthScheme() {
        given().get(openapi).then().statusCode(200).contentType(startsWith("application/yaml"))
                .body(startsWith("---\nopenapi: 3.1.0")).body(containsString("title: Majlis REST API"))
                .body(containsString("/api/auth/login:")).body(containsString("/api/auth/register:"))
                .body(containsString("/api/users/online:")).body(containsString("/api/admin/bans:"))
                .body(containsString("scheme: bearer")).body(containsString("bearerFormat: JWT"));
    }

    @Test
    void jsonWhenAskedByFormatOrByAccept() {
        given().queryParam("format", "json").get(openapi).then().statusCode(200).contentType(startsWith("application/json"))
                .body("info.title", equalTo("Majlis REST API"))
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"))
                .body("paths", hasKey("/api/auth/login"));
        given().accept("application/json").get(openapi).then().statusCode(200).contentType(startsWith("application/json"))
                .body("paths", hasKey("/api/sessions"));
        given().queryParam("format", "yaml").accept("application/json").get(openapi).then().statusCode(200)
                .contentType(startsWith("application/yaml"));
    }
}
