package org.majlis.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response.Status;

/**
 * A request body read as a JSON object by the integrations themselves, so that every malformed
 * one gets the API's {@code {"code","message"}} answer (400, or 413 when too long).
 */
final class JsonBody {

    /** Far above what any of these requests needs (a 4000-character text, escaped). */
    static final int MAX_LENGTH = 65_536;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode object;

    private JsonBody(JsonNode object) {
        this.object = object;
    }

    static JsonBody parse(String body) {
        if (body != null && body.length() > MAX_LENGTH) {
            throw Refusal.thrown(Status.REQUEST_ENTITY_TOO_LARGE, "too_large", "the body is longer than " + MAX_LENGTH + " characters");
        }
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw invalid("the body is a JSON object");
            }
            return new JsonBody(node);
        } catch (JsonProcessingException e) {
            throw invalid("the body is not valid JSON");
        }
    }

    /** The string field, or null when absent or null; refuses another type. */
    String optional(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field + " is a string");
        }
        return value.textValue();
    }

    /** The string field, which must be present. */
    String required(String field) {
        String value = optional(field);
        if (value == null) {
            throw invalid(field + " is required");
        }
        return value;
    }

    static jakarta.ws.rs.WebApplicationException invalid(String message) {
        return Refusal.thrown(Status.BAD_REQUEST, "invalid_payload", message);
    }
}
