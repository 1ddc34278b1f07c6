package org.majlis.http;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The REST API's OpenAPI description at {@code /q/openapi} on the management interface: YAML, or
 * JSON for {@code ?format=json} or an {@code Accept} of {@code application/json}. The build writes
 * both documents (smallrye-open-api-maven-plugin in pom.xml); each is read on its first request.
 * Quarkus' OpenAPI extension, which this replaces, parsed and wrote its document at every start.
 */
@ApplicationScoped
public class ApiDescription {

    private static final String DOCUMENTS = "META-INF/majlis-openapi/openapi.";

    enum Format {
        YAML("yaml", "application/yaml;charset=UTF-8"),
        JSON("json", "application/json;charset=UTF-8");

        final String extension;
        final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }

        static Format requestedBy(HttpServerRequest request) {
            String format = request.getParam("format");
            if (format != null) {
                return format.equalsIgnoreCase("json") ? JSON : YAML;
            }
            String accept = request.getHeader(HttpHeaders.ACCEPT);
            return accept != null && accept.contains("application/json") ? JSON : YAML;
        }
    }

    private final String path;
    private final Map<Format, Buffer> loaded = new ConcurrentHashMap<>();

    public ApiDescription(@ConfigProperty(name = "quarkus.management.root-path", defaultValue = "/q") String managementRoot) {
        this.path = managementRoot.replaceAll("/+$", "") + "/openapi";
    }

    void register(@Observes ManagementInterface management) {
        management.router().get(path).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        Format format = Format.requestedBy(context.request());
        Buffer document = loaded.get(format);
        if (document != null) {
            send(context, format, document);
            return;
        }
        context.vertx().executeBlocking(() -> load(format), false).onComplete(result -> {
            if (result.failed()) {
                context.fail(result.cause());
            } else if (result.result().isEmpty()) {
                // the build's process-classes phase writes it (quarkus dev too, at its start)
                context.response().setStatusCode(404).end("no OpenAPI document in this build: run ./mvnw process-classes");
            } else {
                send(context, format, result.result().get());
            }
        });
    }

    private Optional<Buffer> load(Format format) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(DOCUMENTS + format.extension)) {
            if (in == null) {
                return Optional.empty();
            }
            Buffer document = Buffer.buffer(in.readAllBytes());
            loaded.put(format, document);
            return Optional.of(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(RoutingContext context, Format format, Buffer document) {
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, format.contentType).end(document);
    }
}
