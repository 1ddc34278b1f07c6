package org.majlis.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.majlis.protocol.ServerEvent.Ack;
import org.majlis.protocol.ServerEvent.Attachment;
import org.majlis.protocol.ServerEvent.NewMessage;
import org.majlis.protocol.ServerEvent.Quote;

/** The hand-written serializers write byte for byte what Jackson's record serializer writes. */
class FrequentEventJsonTest {

    private final ObjectMapper written = new ObjectMapper();
    /** The same mapper with the hand-written serializers taken off again: the record serializer. */
    private final ObjectMapper byReflection = new ObjectMapper()
            .addMixIn(NewMessage.class, RecordSerializer.class)
            .addMixIn(Ack.class, RecordSerializer.class);

    @JsonSerialize(using = JsonSerializer.None.class)
    private interface RecordSerializer {
    }

    @Test
    void newMessageAsTheRecordSerializerWritesIt() throws Exception {
        Map<String, List<String>> reactions = new LinkedHashMap<>();
        reactions.put("👍", List.of("amira", "Bob"));
        reactions.put("😂", List.of("c"));
        List<NewMessage> messages = List.of(
                new NewMessage("m1", "general", null, 1, "amira", "hello", "06:40:00", "2026-12-01T06:40:00.123Z", List.of(),
                        null, null, null, null, null, null, null, null, null),
                new NewMessage("m2", null, "bob", 42, "amira", "\"quoted\" \\ line\nnext \u0001 </script> سلام 🎉", "23:59:59",
                        "2026-12-01T23:59:59.999Z", List.of(new Attachment("f1", "a \"b\".png", 12_345, "image/png", "/files/f1")),
                        null, null, null, null, null, new Quote("m1", "amira", "hello", null), List.of("bob", "Cara"), Boolean.TRUE, "bot"),
                new NewMessage("m3", "team", null, Long.MAX_VALUE, "bob", "", "00:00:00", "1970-01-01T00:00:00.000Z", null,
                        true, "2026-12-01T07:00:00.000Z", false, true, reactions, new Quote("m0", null, null, true), null, null, "webhook"));
        for (NewMessage message : messages) {
            String json = written.writeValueAsString(message);
            assertEquals(byReflection.writeValueAsString(message), json);
        }
        // and the payload that carries it: history's list
        ServerEvent history = new ServerEvent.History(null, "general", null, messages, true, Map.of("amira", 3L));
        assertEquals(byReflection.writeValueAsString(history), written.writeValueAsString(history));
    }

    @Test
    void everyComponentIsWrittenWhenSet() throws Exception {
        // a component added to the records later, and forgotten in the serializer, fails here
        for (Class<?> type : List.of(NewMessage.class, Ack.class)) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = sampleOf(components[i].getType());
            }
            Object event = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
                    .newInstance(values);
            String json = written.writeValueAsString(event);
            assertEquals(byReflection.writeValueAsString(event), json);
            Set<String> fields = new HashSet<>();
            written.readTree(json).fieldNames().forEachRemaining(fields::add);
            assertEquals(Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet()), fields, type.getSimpleName());
        }
    }

    private static Object sampleOf(Class<?> type) {
        if (type == String.class) {
            return "x";
        } else if (type == long.class || type == Long.class) {
            return 3L;
        } else if (type == Boolean.class) {
            return Boolean.TRUE;
        } else if (type == List.class) {
            return List.of();
        } else if (type == Map.class) {
            return Map.of();
        } else if (type == Quote.class) {
            return new Quote("q", "amira", "hi", null);
        }
        throw new IllegalArgumentException("no sample of " + type + ": add one");
    }

    @Test
    void ackAsTheRecordSerializerWritesIt() throws Exception {
        for (Ack ack : List.of(Ack.of("r1"), new Ack("r2", "m1", 7L), new Ack(null, "m2", 0L), new Ack(null, null, null))) {
            assertEquals(byReflection.writeValueAsString(ack), written.writeValueAsString(ack));
        }
    }

    @Test
    void theMixInReallyTakesTheHandWrittenSerializerOff() throws Exception {
        // otherwise both sides above would be the hand-written one, and the tests would compare it with itself
        assertNotEquals(byReflection.getSerializerProviderInstance().findValueSerializer(Ack.class).getClass(),
                written.getSerializerProviderInstance().findValueSerializer(Ack.class).getClass());
    }
}
