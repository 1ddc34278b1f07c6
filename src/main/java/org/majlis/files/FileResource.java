package org.majlis.files;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.majlis.auth.Identity;
import org.majlis.auth.SessionResource;
import org.majlis.auth.Sessions;
import org.majlis.config.MajlisConfig;
import org.majlis.http.JsonErrors;
import org.majlis.limits.Limits;
import org.majlis.names.Names;
import org.majlis.protocol.ProtocolException;

/** {@code POST /api/files} stores an upload of a logged-in user; {@link FileDownloads} serves it. */
@Path("/api/files")
public class FileResource {

    private static final int MAX_NAME = 255;

    private final FileStore files;
    private final Sessions sessions;
    private final Limits limits;
    private final UploadAllowance allowance;
    private final long maxSize;

    public FileResource(FileStore files, Sessions sessions, Limits limits, UploadAllowance allowance, MajlisConfig config) {
        this.files = files;
        this.sessions = sessions;
        this.limits = limits;
        this.allowance = allowance;
        this.maxSize = config.files().maxSize().asLongValue();
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@HeaderParam("Authorization") String authorization, @RestForm("file") FileUpload file) {
        Identity uploader = sessions.verifyBearer(authorization);
        if (uploader == null) {
            return SessionResource.unauthorized();
        }
        if (file == null) {
            return JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_payload", "the multipart field \"file\" is required");
        }
        if (file.size() > maxSize) {
            return JsonErrors.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too_large", "files are limited to " + maxSize + " bytes");
        }
        try {
            limits.message(uploader.username(), uploader.guest());
            limits.clusterMessage(uploader.username(), uploader.guest());
        } catch (ProtocolException refused) {
            return refusal(new UploadAllowance.Refusal(Response.Status.TOO_MANY_REQUESTS.getStatusCode(), refused.code().wire(),
                    refused.getMessage(), refused.retryAfterMs() == null ? 1000 : refused.retryAfterMs()));
        }
        String ownerKey = Names.key(uploader.username());
        UploadAllowance.Refusal refused = allowance.take(ownerKey, file.size());
        if (refused != null) {
            return refusal(refused);
        }
        try {
            return Response.status(Response.Status.CREATED).entity(files.save(ownerKey, name(file.fileName()),
                    ContentTypes.of(file.uploadedFile(), file.contentType()), file.size(), file.uploadedFile())).build();
        } catch (IOException e) {
            // the server's own files: not the client's fault, unlike the parser's IOException below
            throw new UncheckedIOException(e);
        }
    }

    /** The multipart parser's complaint about a body that ends early or breaks its boundary: the client's error. */
    @ServerExceptionMapper
    Response unreadableUpload(IOException e, HttpServerResponse response) throws IOException {
        if (response.ended()) {
            // answered already (413 over the body limit): Quarkus takes it for a client gone, as before
            throw e;
        }
        return JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_payload", "the multipart body is incomplete or malformed");
    }

    /** The file's name as shown to others: no path, no control characters, at most 255 characters. */
    static String name(String uploaded) {
        String name = uploaded == null ? "" : uploaded.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}|[\\p{Cf}]", "").strip();
        if (name.isEmpty()) {
            return "file";
        }
        return name.codePointCount(0, name.length()) <= MAX_NAME ? name : name.substring(0, name.offsetByCodePoints(0, MAX_NAME));
    }

    private static Response refusal(UploadAllowance.Refusal refused) {
        Response.ResponseBuilder response = Response.status(refused.status()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", refused.code(), "message", refused.message()));
        if (refused.retryAfterMs() > 0) {
            response.header("Retry-After", (refused.retryAfterMs() + 999) / 1000);
        }
        return response.build();
    }
}
