package org.majlis.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.LogCapture;
import org.majlis.testing.RawSocketClient;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** Frames that break RFC 6455 close the connection with the code the RFC gives for them. */
@QuarkusTest
class ProtocolViolationsTest {

    private static final int TEXT = 0x1;
    private static final int CONTINUATION = 0x0;

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void aMessageOver64KiBInFragmentsClosesWith1009AndLogsNoError() throws Exception {
        try (LogCapture log = LogCapture.errors(); RawSocketClient client = new RawSocketClient(ws, 65536)) {
            byte[] part = new byte[40_000];
            Arrays.fill(part, (byte) 'a');
            client.sendFrame(false, 0, TEXT, part);
            client.sendFrame(true, 0, CONTINUATION, part);
            assertEquals(1009, client.readUntilClose());
            assertEquals(List.of(), log.lines());
        }
    }

    @Test
    void aFragmentedMessageUnderTheLimitIsAnEventLikeAnyOther() throws Exception {
        try (RawSocketClient client = new RawSocketClient(ws, 65536)) {
            client.sendFrame(false, 0, TEXT, "{\"type\":".getBytes(StandardCharsets.UTF_8));
            client.sendFrame(true, 0, CONTINUATION, "\"ping\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals("{\"type\":\"pong\"}", client.readFrame());
        }
    }

    @Test
    void aCharacterSplitAcrossFragmentsIsValidUtf8() throws Exception {
        byte[] whole = "{\"type\":\"ping\",\"id\":\"\u0623\"}".getBytes(StandardCharsets.UTF_8);
        int cut = whole.length - 3; // between the two bytes of the alef
        try (RawSocketClient client = new RawSocketClient(ws, 65536)) {
            client.sendFrame(false, 0, TEXT, Arrays.copyOfRange(whole, 0, cut));
            client.sendFrame(true, 0, CONTINUATION, Arrays.copyOfRange(whole, cut, whole.length));
            assertEquals("{\"type\":\"pong\",\"payload\":{\"ref\":\"\u0623\"}}", client.readFrame(), "the id, whole again");
        }
    }

    @Test
    void aConnectionResetByTheClientLogsNoError() throws Exception {
        try (LogCapture log = LogCapture.errors(); TestClient watcher = TestClient.guest(ws, Unique.name("watcher"))) {
            String name = Unique.name("resetter");
            RawSocketClient client = new RawSocketClient(ws, 65536);
            client.sendText("{\"type\":\"login\",\"payload\":{\"username\":\"" + name + "\"}}");
            watcher.await("presence", p -> Json.presenceOf(p, name, "online"));
            client.reset();
            watcher.await("presence", p -> Json.presenceOf(p, name, "offline"));
            assertEquals(List.of(), log.lines());
        }
    }

    @Test
    void invalidUtf8InATextFrameClosesWith1007() throws Exception {
        try (RawSocketClient client = new RawSocketClient(ws, 65536)) {
            client.sendFrame(TEXT, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            assertEquals(1007, client.readUntilClose());
        }
    }

    @Test
    void aReservedBitWithoutAnExtensionClosesWith1002() throws Exception {
        try (RawSocketClient client = new RawSocketClient(ws, 65536)) {
            client.sendFrame(true, 4, TEXT, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(1002, client.readUntilClose());
        }
    }
}
