package org.majlis.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
}
