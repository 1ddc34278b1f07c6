package org.majlis.files;

import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.majlis.config.MajlisConfig;
import org.majlis.http.JsonErrors;
import org.majlis.limits.ClientAddress;
import org.majlis.limits.ConcurrencyLimit;

/**
 * {@code GET /api/files/<id>?key=} serves a file to whoever has the url (it reaches others only
 * inside a message's attachments), with {@code nosniff} from the page filter. A file in a directory
 * is sent by the kernel; one in the database is read slice by slice, the next slice only once the
 * client has taken the last one, so a download holds one slice in memory however slowly it is read.
 */
@ApplicationScoped
public class FileDownloads {

    static final int SLICE = 128 * 1024;

    private final FileStore files;
    private final Vertx vertx;
    private final ConcurrencyLimit perAddress;

    public FileDownloads(FileStore files, Vertx vertx, MajlisConfig config) {
        this.files = files;
        this.vertx = vertx;
        this.perAddress = new ConcurrencyLimit(config.files().downloadsPerAddress());
    }

    void route(@Observes Router router) {
        router.get("/api/files/:id").handler(this::download);
    }

    private void download(RoutingContext context) {
        String address = ClientAddress.of(context.request());
        if (!perAddress.tryAcquire(address)) {
            JsonErrors.tooMany(context.response(), "too many downloads from your address at once");
            return;
        }
        context.addEndHandler(ended -> perAddress.release(address));
        String id = context.pathParam("id");
        String key = context.request().getParam("key");
        vertx.executeBlocking(() -> files.open(id, key), false).onComplete(opened -> {
            if (opened.failed()) {
                Log.warnf(opened.cause(), "could not open file %s", id);
                JsonErrors.send(context.response(), 503, "unavailable", "the file store is unavailable, try again");
            } else if (opened.result() == null) {
                JsonErrors.send(context.response(), 404, "not_found", "no such file");
            } else {
                serve(context.response(), opened.result());
            }
        });
    }

    private void serve(HttpServerResponse response, FileStore.Content content) {
        String disposition = ContentTypes.inline(content.contentType()) ? "inline" : "attachment";
        response.putHeader("Content-Type", content.contentType())
                .putHeader("Content-Disposition", disposition + "; filename*=UTF-8''"
                        + URLEncoder.encode(content.name(), StandardCharsets.UTF_8).replace("+", "%20"))
                .putHeader("Cache-Control", "private, max-age=86400");
        if (content.path() != null) {
            response.sendFile(content.path().toString()).onFailure(FileDownloads::endedEarly);
            return;
        }
        response.putHeader("Content-Length", Long.toString(content.size()));
        sendSlices(response, content, 0);
    }

    /** A reader that goes away mid-file is ordinary, not an error of the server. */
    private static void endedEarly(Throwable gone) {
        Log.debugf("a download ended early: %s", gone);
    }

    private void sendSlices(HttpServerResponse response, FileStore.Content content, long offset) {
        if (offset >= content.size()) {
            response.end();
            return;
        }
        if (response.closed()) {
            return;
        }
        int length = (int) Math.min(SLICE, content.size() - offset);
        vertx.executeBlocking(() -> files.read(content.id(), offset, length), false).onComplete(read -> {
            if (read.failed() || read.result() == null || read.result().length != length) {
                if (read.failed()) {
                    Log.warnf(read.cause(), "reading file %s failed at byte %d", content.id(), offset);
                }
                // deleted meanwhile, or failed: the headers are out, only cutting the connection tells the client
                response.reset();
                return;
            }
            response.write(Buffer.buffer(read.result()));
            if (response.writeQueueFull()) {
                response.drainHandler(drained -> sendSlices(response, content, offset + length));
            } else {
                sendSlices(response, content, offset + length);
            }
        });
    }
}
