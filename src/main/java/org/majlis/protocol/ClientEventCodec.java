package org.majlis.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Decodes one text frame into a {@link ClientEvent}, telling apart the protocol's three kinds of
 * bad frame: not an object or no string type ({@code bad_request}), a type nobody handles
 * ({@code unknown_type}), fields of the wrong shape ({@code invalid_payload}).
 *
 * <p>A frame is bound to its record in one pass. Only a frame that pass refuses is read again as
 * a tree, to say what is wrong with it: reading every frame as a tree first doubled what decoding
 * allocates, when decoding was half of what a message allocated on the event loop.
 */
@Singleton
public class ClientEventCodec {

    static final int MAX_ID_LENGTH = 64;

    private final ObjectMapper mapper;
    private final ObjectReader binder;

    public ClientEventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.binder = mapper.readerFor(ClientEvent.class).withHandler(new EnvelopeRules());
    }

    public ClientEvent decode(String text) {
        ClientEvent event = bind(text);
        if (event == null) {
            return decodeTree(text);
        }
        checkId(event.id());
        return event;
    }

    /** The event of a well-formed frame, or null: a frame this refuses may still be valid (a repeated field). */
    private ClientEvent bind(String text) {
        try {
            return binder.readValue(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private ClientEvent decodeTree(String text) {
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
        if (!id.isTextual()) {
            throw badId();
        }
        return checkId(id.textValue());
    }

    private static String checkId(String id) {
        if (id != null && id.length() > MAX_ID_LENGTH) {
            throw badId();
        }
        return id;
    }

    private static ProtocolException badId() {
        return new ProtocolException(ErrorCode.BAD_REQUEST, "\"id\" must be a string of at most " + MAX_ID_LENGTH + " characters");
    }

    /**
     * What binding a record skips as an unknown field but the protocol refuses, so that the tree
     * says it: a second {@code type}, and a payload that is not an object on an event without one.
     */
    private static final class EnvelopeRules extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                Object beanOrClass, String name) throws IOException {
            // a record's unknown fields are handled once it is built, so the envelope comes as the event itself
            boolean payloadShape = p.hasToken(JsonToken.START_OBJECT) || p.hasToken(JsonToken.VALUE_NULL);
            if (beanOrClass instanceof ClientEvent && (name.equals("type") || name.equals("payload") && !payloadShape)) {
                throw MismatchedInputException.from(p, ClientEvent.class, "\"" + name + "\" is left to the tree");
            }
            return false;
        }
    }
}
