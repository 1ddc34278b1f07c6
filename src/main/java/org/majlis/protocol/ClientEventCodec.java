package org.majlis.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

/**
 * Decodes one text frame into a {@link ClientEvent}, telling apart the protocol's three kinds of
 * bad frame: not an object or no string type ({@code bad_request}), a type nobody handles
 * ({@code unknown_type}), fields of the wrong shape ({@code invalid_payload}).
 */
@Singleton
public class ClientEventCodec {

    static final int MAX_ID_LENGTH = 64;

    private final ObjectMapper mapper;

    public ClientEventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ClientEvent decode(String text) {
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "the frame is not valid JSON");
        }
        if (!(tree instanceof ObjectNode frame)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "the frame is not a JSON object");
        }
        String ref = ref(frame.get("id"));
        if (!(frame.get("type") instanceof JsonNode typeNode) || !typeNode.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "\"type\" must be a string", ref);
        }
        JsonNode payload = frame.get("payload");
        if (payload != null && !payload.isObject() && !payload.isNull()) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "\"payload\" must be an object", ref);
        }
        try {
            return mapper.treeToValue(frame, ClientEvent.class);
        } catch (InvalidTypeIdException e) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown type \"" + typeNode.textValue() + "\"", ref);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "a field has the wrong type", ref);
        }
    }

    private static String ref(JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() || id.textValue().length() > MAX_ID_LENGTH) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "\"id\" must be a string of at most " + MAX_ID_LENGTH + " characters");
        }
        return id.textValue();
    }
}
