package org.majlis.files;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.majlis.auth.Identity;
import org.majlis.auth.Sessions;
import org.majlis.config.MajlisConfig;
import org.majlis.limits.Limits;
import org.majlis.names.Names;
import org.majlis.ws.ProtocolException;

/**
 * {@code POST /api/files} stores an upload of a logged-in user; {@code GET /api/files/<id>?key=}
 * serves it to whoever has the url (it reaches others only inside a message's attachments), with
 * {@code nosniff} from the page filter.
 */
@Path("/api/files")
public class FileResource {

    private static final int MAX_NAME = 255;

    private final FileStore files;
    private final Sessions sessions;
    private final Limits limits;
    private final long maxSize;

    public FileResource(FileStore files, Sessions sessions, Limits limits, MajlisConfig config) {
        this.files = files;
        this.sessions = sessions;
        this.limits = limits;
        this.maxSize = config.files().maxSize().asLongValue();
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@HeaderParam("Authorization") String authorization, @RestForm("file") FileUpload file)
            throws IOException {
        Identity uploader = sessions.verifyBearer(authorization);
        if (uploader == null) {
            return error(Response.Status.UNAUTHORIZED, "auth_failed", "a valid bearer token is required");
        }
        if (file == null) {
            return error(Response.Status.BAD_REQUEST, "invalid_payload", "the multipart field \"file\" is required");
        }
        if (file.size() > maxSize) {
            return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too_large", "files are limited to " + maxSize + " bytes");
        }
        try {
            limits.message(uploader.username());
            limits.clusterMessage(uploader.username());
        } catch (ProtocolException refused) {
            long retryAfterMs = refused.retryAfterMs() == null ? 1000 : refused.retryAfterMs();
            return Response.status(Response.Status.TOO_MANY_REQUESTS).header("Retry-After", (retryAfterMs + 999) / 1000)
                    .entity(Map.of("code", refused.code().wire(), "message", refused.getMessage())).build();
        }
        return Response.status(Response.Status.CREATED).entity(files.save(Names.key(uploader.username()), name(file.fileName()),
                ContentTypes.of(file.uploadedFile(), file.contentType()), file.size(), file.uploadedFile())).build();
    }

    @GET
    @Path("{id}")
    @Blocking
    public Response download(@PathParam("id") String id, @QueryParam("key") String key) throws IOException {
        FileStore.Content content = files.open(id, key);
        if (content == null) {
            return error(Response.Status.NOT_FOUND, "not_found", "no such file");
        }
        boolean inline = ContentTypes.inline(content.contentType());
        String encodedName = URLEncoder.encode(content.name(), StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(content.path() != null ? content.path().toFile() : content.bytes(), content.contentType())
                .header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename*=UTF-8''" + encodedName)
                .header("Cache-Control", "private, max-age=86400")
                .build();
    }

    /** The file's name as shown to others: no path, no control characters, at most 255 characters. */
    static String name(String uploaded) {
        String name = uploaded == null ? "" : uploaded.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}|[\\p{Cf}]", "").strip();
        if (name.isEmpty()) {
            return "file";
        }
        return name.codePointCount(0, name.length()) <= MAX_NAME ? name : name.substring(0, name.offsetByCodePoints(0, MAX_NAME));
    }

    private static Response error(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("code", code, "message", message)).build();
    }
}
