package org.majlis.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.majlis.protocol.ServerEvent.Ack;
import org.majlis.protocol.ServerEvent.NewMessage;

/**
 * The two frames of every stored message, {@code new_message} and its {@code ack}, written field
 * by field: Jackson's record serializer reads each component through reflection, a quarter of
 * the delivery thread's profile at 5,000 private messages a second. The JSON is the record
 * serializer's, absent fields left out (FrequentEventJsonTest compares the two).
 */
final class FrequentEventJson {

    private FrequentEventJson() {
    }

    /** An object of fields written by {@link #fields}; Jackson creates each through its public constructor. */
    private abstract static class FieldByField<T> extends StdSerializer<T> {

        FieldByField(Class<T> type) {
            super(type);
        }

        @Override
        public final void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject(value);
            fields(value, gen, provider);
            gen.writeEndObject();
        }

        abstract void fields(T value, JsonGenerator gen, SerializerProvider provider) throws IOException;
    }

    public static final class NewMessageSerializer extends FieldByField<NewMessage> {

        public NewMessageSerializer() {
            super(NewMessage.class);
        }

        @Override
        void fields(NewMessage message, JsonGenerator gen, SerializerProvider provider) throws IOException {
            text(gen, "id", message.id());
            text(gen, "room", message.room());
            text(gen, "to", message.to());
            gen.writeNumberField("seq", message.seq());
            text(gen, "from", message.from());
            text(gen, "message", message.message());
            text(gen, "sent", message.sent());
            text(gen, "timestamp", message.timestamp());
            value(gen, provider, "attachments", message.attachments());
            value(gen, provider, "edited", message.edited());
            text(gen, "editedAt", message.editedAt());
            value(gen, provider, "deleted", message.deleted());
            value(gen, provider, "removed", message.removed());
            value(gen, provider, "reactions", message.reactions());
            value(gen, provider, "replyTo", message.replyTo());
            value(gen, provider, "mentions", message.mentions());
            value(gen, provider, "bot", message.bot());
            text(gen, "via", message.via());
        }
    }

    public static final class AckSerializer extends FieldByField<Ack> {

        public AckSerializer() {
            super(Ack.class);
        }

        @Override
        void fields(Ack ack, JsonGenerator gen, SerializerProvider provider) throws IOException {
            text(gen, "ref", ack.ref());
            text(gen, "messageId", ack.messageId());
            if (ack.seq() != null) {
                gen.writeNumberField("seq", ack.seq());
            }
        }
    }

    private static void text(JsonGenerator gen, String name, String value) throws IOException {
        if (value != null) {
            gen.writeStringField(name, value);
        }
    }

    /** Anything else through Jackson's own serializer for it (records inside, lists, maps). */
    private static void value(JsonGenerator gen, SerializerProvider provider, String name, Object value) throws IOException {
        if (value != null) {
            provider.defaultSerializeField(name, value, gen);
        }
    }
}
