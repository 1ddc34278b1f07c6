package org.majlis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Small builders for payloads in tests. */
public final class Json {

    private Json() {
    }

    public static ObjectNode object(Object... keysAndValues) {
        ObjectNode node = TestClient.JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.putPOJO((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return node;
    }

    /** The texts of a JSON array, in order. */
    public static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(n -> strings.add(n.asText()));
        return strings;
    }

    /** Whether a {@code presence} event says that the user has that status now. */
    public static boolean presenceOf(JsonNode presence, String user, String status) {
        for (JsonNode change : presence.path("payload").path("changes")) {
            if (user.equals(change.path("username").asText()) && status.equals(change.path("status").asText())) {
                return true;
            }
        }
        return false;
    }
}
