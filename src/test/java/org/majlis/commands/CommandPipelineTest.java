package org.majlis.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.majlis.protocol.ClientEvent;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/**
 * The command pipeline: every client event type has exactly one command, and every request that
 * carries an {@code id} gets exactly one answer ({@code ack}, a reply with {@code ref}, or an
 * {@code error}); a new event type fails here until it has both.
 */
@QuarkusTest
class CommandPipelineTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    CommandPipeline pipeline;

    @Test
    void everyClientEventTypeHasExactlyOneCommand() {
        Map<Class<?>, Command<?>> table = pipeline.table();
        assertEquals(names(Set.of(ClientEvent.class.getPermittedSubclasses())), names(table.keySet()));
        table.forEach((type, command) -> assertEquals(type, command.event()));
    }

    @Test
    void everyValidRequestWithAnIdGetsExactlyOneAnswer() {
        String alice = Unique.name("alice");
        String bob = Unique.name("bob");
        String room = Unique.name("pipeline");
        try (TestClient a = TestClient.connect(ws); TestClient b = TestClient.guest(ws, bob)) {
            String[] messageId = new String[1];
            // in an order that works: the message exists before it is edited, the room before it is left...
            Map<String, Function<JsonNode, ObjectNode>> requests = new LinkedHashMap<>();
            requests.put("login", last -> Json.object("username", alice));
            requests.put("ping", last -> null);
            requests.put("status", last -> Json.object("status", "away"));
            requests.put("users", last -> null);
            requests.put("presence_subscribe", last -> Json.object("users", List.of(bob)));
            requests.put("send_message", last -> Json.object("message", "hello"));
            requests.put("private_message", last -> {
                messageId[0] = last.path("payload").path("messageId").asText();
                return Json.object("to", bob, "message", "psst");
            });
            requests.put("history", last -> Json.object("room", "general"));
            requests.put("search", last -> Json.object("query", "hello"));
            requests.put("read", last -> Json.object("room", "general", "seq", 1));
            requests.put("typing", last -> Json.object("room", "general", "active", true));
            requests.put("react", last -> Json.object("messageId", messageId[0], "emoji", "👍", "on", true));
            requests.put("edit_message", last -> Json.object("messageId", messageId[0], "message", "hello again"));
            requests.put("delete_message", last -> Json.object("messageId", messageId[0]));
            requests.put("create_room", last -> Json.object("room", room));
            requests.put("invite", last -> Json.object("room", room, "username", bob));
            requests.put("rooms", last -> null);
            requests.put("join_room", last -> Json.object("room", room));
            requests.put("set_moderator", last -> {
                b.send("join_room", "b-joins", Json.object("room", room));
                b.awaitAck("b-joins");
                return Json.object("room", room, "username", bob, "moderator", true);
            });
            requests.put("mute", last -> Json.object("room", room, "username", bob, "minutes", 5));
            requests.put("unmute", last -> Json.object("room", room, "username", bob));
            requests.put("kick", last -> Json.object("room", room, "username", bob));
            requests.put("ban", last -> Json.object("room", room, "username", bob, "reason", "testing"));
            requests.put("unban", last -> Json.object("room", room, "username", bob));
            requests.put("update_room", last -> Json.object("room", room, "topic", "pipelines", "readOnly", true));
            requests.put("report", last -> {
                a.send("send_message", "to-remove", Json.object("room", room, "message", "reported"));
                messageId[0] = a.awaitAck("to-remove").path("payload").path("messageId").asText();
                return Json.object("messageId", messageId[0], "reason", "testing");
            });
            requests.put("remove_message", last -> Json.object("messageId", messageId[0]));
            requests.put("rename_room", last -> Json.object("room", room, "name", room + "-renamed"));
            requests.put("leave_room", last -> Json.object("room", room + "-renamed"));
            requests.put("delete_room", last -> Json.object("room", room + "-renamed"));
            requests.put("decline_invite", last -> Json.object("room", Unique.name("nowhere")));
            requests.put("logout", last -> null);
            assertEquals(wireNames(), new TreeSet<>(requests.keySet()), "every event type is tried here");

            JsonNode last = null;
            for (var request : requests.entrySet()) {
                String id = "one-" + request.getKey();
                a.send(request.getKey(), id, request.getValue().apply(last));
                JsonNode answer = a.awaitAnswer(id);
                assertNotEquals("error", answer.path("type").asText(), () -> request.getKey() + " was refused: " + answer);
                last = answer;
                if (!request.getKey().equals("logout")) {
                    a.send("ping", "fence-" + id, null); // answered after anything the request still had to say
                    a.awaitAnswer("fence-" + id);
                }
                assertEquals(List.of(), a.drainAnswers(id), request.getKey() + " was answered twice");
            }
            assertEquals(1000, a.awaitClose(), "logout closes the connection after its ack");
        }
    }

    @Test
    void aRequestNeedingALoginIsRefusedWithItsRef() {
        try (TestClient client = TestClient.connect(ws)) {
            client.send("users", "before-login", null);
            client.awaitError("not_logged_in", "before-login");
            client.send("ping", "still-free", null);
            assertEquals("pong", client.awaitAnswer("still-free").path("type").asText());
        }
    }

    private static Set<String> wireNames() {
        return Arrays.stream(ClientEvent.class.getAnnotation(JsonSubTypes.class).value()).map(JsonSubTypes.Type::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(Set<Class<?>> classes) {
        return classes.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
    }
}
