package org.majlis.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Jackson reads and writes the event records by reflection, which a native executable only allows
 * for registered classes: every event and every record it carries must be in {@link NativeReflection}.
 */
class NativeReflectionTest {

    /** The event records and, transitively, the protocol's records in their components (in lists and maps too). */
    static Set<Class<?>> eventRecords() {
        Set<Class<?>> found = new HashSet<>();
        Deque<Type> toVisit = new ArrayDeque<>();
        toVisit.addAll(Arrays.asList(ClientEvent.class.getPermittedSubclasses()));
        toVisit.addAll(Arrays.asList(ServerEvent.class.getPermittedSubclasses()));
        while (!toVisit.isEmpty()) {
            Type type = toVisit.pop();
            if (type instanceof ParameterizedType generic) {
                toVisit.addAll(Arrays.asList(generic.getActualTypeArguments()));
            } else if (type instanceof Class<?> c && c.isRecord() && c.getPackageName().equals("org.majlis.protocol")
                    && found.add(c)) {
                for (RecordComponent component : c.getRecordComponents()) {
                    toVisit.push(component.getGenericType());
                }
            }
        }
        return found;
    }

    private static TreeSet<String> names(Set<Class<?>> classes) {
        return classes.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyEventRecordAndPayloadIsRegistered() {
        Set<Class<?>> registered = Set.of(NativeReflection.class.getAnnotation(RegisterForReflection.class).targets());
        TreeSet<String> missing = names(eventRecords());
        missing.removeAll(names(registered));
        assertEquals(new TreeSet<>(), missing, "add them to NativeReflection's targets");
    }

    @Test
    void theWalkFindsPayloadsAndRecordsInsideLists() {
        Set<Class<?>> records = eventRecords();
        // a payload, and records that are only elements of lists
        for (Class<?> expected : new Class<?>[] {ClientEvent.LoginPayload.class, ServerEvent.UserStatus.class,
                ServerEvent.Attachment.class, ServerEvent.RoomListing.class}) {
            assertTrue(records.contains(expected), expected.getName());
        }
    }
}
