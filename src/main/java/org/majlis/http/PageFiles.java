package org.majlis.http;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the web page (its HTML, scripts, styles) from {@code META-INF/resources} so that an
 * upgrade reaches browsers at once: every file is revalidated ({@code Cache-Control: no-cache}
 * with a content {@code ETag}, answered {@code 304} while unchanged) and sent gzip-compressed to
 * browsers that accept it. Quarkus' static handler would send plain names with a day's
 * {@code max-age} and, through sendfile, uncompressed. Files are read and compressed once, on
 * first use, off the event loop; in dev mode every request reads them again (live reload).
 */
@ApplicationScoped
public class PageFiles {

    private static final String ROOT = "META-INF/resources";

    private final Map<String, PageFile> loaded = new ConcurrentHashMap<>();
    private final boolean reloadEachTime = LaunchMode.current() == LaunchMode.DEVELOPMENT;

    void register(@Observes Router router) {
        router.route().method(HttpMethod.GET).method(HttpMethod.HEAD)
                .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(this::handle);
    }

    private void handle(RoutingContext context) {
        String path = context.normalizedPath();
        String name = path.endsWith("/") ? path + "index.html" : path;
        Optional<String> type = PageFile.contentTypeOf(name);
        if (type.isEmpty() || name.contains("/.")) {
            context.next();
            return;
        }
        PageFile cached = loaded.get(name);
        if (cached != null) {
            send(context, cached);
            return;
        }
        context.vertx().executeBlocking(() -> load(name, type.get()), false).onComplete(result -> {
            if (result.failed()) {
                context.fail(result.cause());
            } else if (result.result() == null) {
                context.next();
            } else {
                send(context, result.result());
            }
        });
    }

    /** The file, or null when the page has no such file (the request goes on to other routes). */
    private PageFile load(String name, String contentType) {
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = classLoader.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return null;
            }
            PageFile file = PageFile.of(contentType, in.readAllBytes());
            if (!reloadEachTime) {
                loaded.put(name, file);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(RoutingContext context, PageFile file) {
        boolean gzipped = file.hasGzip() && Negotiation.allowsGzip(context.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
        String tag = gzipped ? file.tag(true) : file.tag(false);
        var response = context.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader(HttpHeaders.ETAG, tag)
                .putHeader(HttpHeaders.VARY, "Accept-Encoding");
        if (Negotiation.matchesAny(context.request().getHeader(HttpHeaders.IF_NONE_MATCH), tag)) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, file.contentType());
        if (gzipped) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        response.end(Buffer.buffer(gzipped ? file.gzip() : file.identity()));
    }
}
