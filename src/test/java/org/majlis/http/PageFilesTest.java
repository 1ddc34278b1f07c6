package org.majlis.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The page's files: revalidated by ETag rather than cached for a day, and sent gzip-compressed. */
@QuarkusTest
class PageFilesTest {

    @TestHTTPResource("/")
    URI root;

    /** HTTP/2 (h2c upgrade), as browsers speak over TLS: compression must not happen twice there. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] source(String name) throws IOException {
        try (InputStream in = PageFilesTest.class.getClassLoader().getResourceAsStream("META-INF/resources/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void aModuleIsSentGzippedAndRevalidatedByItsTag() throws Exception {
        HttpResponse<byte[]> first = get("/app.js", "Accept-Encoding", "gzip, deflate, br");
        assertEquals(200, first.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, first.version());
        assertEquals("gzip", header(first, "Content-Encoding"));
        assertEquals("no-cache", header(first, "Cache-Control"));
        assertEquals("Accept-Encoding", header(first, "Vary"));
        assertTrue(header(first, "Content-Type").startsWith("text/javascript"), header(first, "Content-Type"));
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(first.body())).readAllBytes();
        assertArrayEquals(source("app.js"), unzipped);
        assertTrue(first.body().length < unzipped.length / 2, first.body().length + " of " + unzipped.length);

        String tag = header(first, "ETag");
        HttpResponse<byte[]> again = get("/app.js", "Accept-Encoding", "gzip", "If-None-Match", tag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(tag, header(again, "ETag"));
        assertEquals(200, get("/app.js", "Accept-Encoding", "gzip", "If-None-Match", "\"older\"").statusCode());
    }

    @Test
    void withoutGzipTheBytesAreTheFileUnderAnotherTag() throws Exception {
        HttpResponse<byte[]> plain = get("/style.css");
        HttpResponse<byte[]> refused = get("/style.css", "Accept-Encoding", "gzip;q=0, identity");
        for (HttpResponse<byte[]> response : List.of(plain, refused)) {
            assertEquals(200, response.statusCode());
            assertNotEquals("gzip", header(response, "Content-Encoding"));
            assertArrayEquals(source("style.css"), response.body());
        }
        assertNotEquals(header(plain, "ETag"), header(get("/style.css", "Accept-Encoding", "gzip"), "ETag"));
        assertEquals(304, get("/style.css", "If-None-Match", "W/" + header(plain, "ETag")).statusCode());
    }

    @Test
    void theEntryPointIsTheIndexWithThePagesSecurityHeaders() throws Exception {
        HttpResponse<byte[]> index = get("/", "Accept-Encoding", "gzip");
        assertEquals(200, index.statusCode());
        assertTrue(header(index, "Content-Type").startsWith("text/html"));
        assertEquals("no-cache", header(index, "Cache-Control"));
        assertTrue(header(index, "Content-Security-Policy").contains("script-src 'self'"));
        assertArrayEquals(source("index.html"), new GZIPInputStream(new ByteArrayInputStream(index.body())).readAllBytes());
        assertEquals(header(index, "ETag"), header(get("/index.html", "Accept-Encoding", "gzip"), "ETag"));
    }

    @Test
    void filesThePageDoesNotHaveAreNotFound() throws Exception {
        assertEquals(404, get("/no-such-module.js").statusCode());
        assertEquals(404, get("/app/../../application.properties").statusCode());
        assertEquals(Optional.empty(), get("/no-such-module.js").headers().firstValue("ETag"));
    }
}
