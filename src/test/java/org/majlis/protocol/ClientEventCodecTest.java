package org.majlis.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Decoding client frames, without a server: the three kinds of bad frame and every event type. */
class ClientEventCodecTest {

    /** The mapper as the application gets it: Quarkus ignores unknown properties, {@link StrictJson} does the rest. */
    private static ObjectMapper applicationMapper() {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new StrictJson().customize(mapper);
        return mapper;
    }

    private final ClientEventCodec codec = new ClientEventCodec(applicationMapper());

    private ClientEvent decode(String text) {
        return codec.decode(text);
    }

    private ProtocolException refused(String text) {
        return assertThrows(ProtocolException.class, () -> decode(text), text);
    }

    private void assertRefused(ErrorCode code, String ref, String text) {
        ProtocolException e = refused(text);
        assertEquals(code, e.code(), text);
        assertEquals(ref, e.ref(), text);
    }

    /** One frame of each type the protocol knows, with every field set, and the event it decodes to. */
    private static final Map<String, ClientEvent> EVERY_TYPE = Map.ofEntries(
            Map.entry("{\"type\":\"login\",\"id\":\"1\",\"payload\":{\"username\":\"sara\",\"token\":\"t\"}}",
                    new ClientEvent.Login("1", new ClientEvent.LoginPayload("sara", "t"))),
            Map.entry("{\"type\":\"send_message\",\"id\":\"2\",\"payload\":{\"message\":\"hi\",\"room\":\"dev\",\"attachments\":[\"f1\"],\"replyTo\":\"m0\"}}",
                    new ClientEvent.SendMessage("2", new ClientEvent.MessagePayload("hi", "dev", null, List.of("f1"), "m0"))),
            Map.entry("{\"type\":\"private_message\",\"id\":\"3\",\"payload\":{\"message\":\"psst\",\"to\":\"omar\"}}",
                    new ClientEvent.PrivateMessage("3", new ClientEvent.MessagePayload("psst", null, "omar", null, null))),
            Map.entry("{\"type\":\"ping\",\"id\":\"4\"}", new ClientEvent.Ping("4")),
            Map.entry("{\"type\":\"status\",\"id\":\"5\",\"payload\":{\"status\":\"away\"}}",
                    new ClientEvent.SetStatus("5", new ClientEvent.StatusPayload("away"))),
            Map.entry("{\"type\":\"users\",\"id\":\"6\"}", new ClientEvent.ListUsers("6", null)),
            Map.entry("{\"type\":\"users\",\"id\":\"6p\",\"payload\":{\"prefix\":\"sa\",\"after\":\"sam\",\"limit\":50}}",
                    new ClientEvent.ListUsers("6p", new ClientEvent.UsersPayload("sa", "sam", 50))),
            Map.entry("{\"type\":\"presence_subscribe\",\"id\":\"6s\",\"payload\":{\"users\":[\"sara\",\"omar\"]}}",
                    new ClientEvent.PresenceSubscribe("6s", new ClientEvent.SubscribePayload(List.of("sara", "omar")))),
            Map.entry("{\"type\":\"history\",\"id\":\"7\",\"payload\":{\"room\":\"dev\",\"before\":90,\"after\":10,\"limit\":50}}",
                    new ClientEvent.History("7", new ClientEvent.HistoryPayload("dev", null, 90L, 10L, 50))),
            Map.entry("{\"type\":\"read\",\"id\":\"8\",\"payload\":{\"to\":\"omar\",\"seq\":12}}",
                    new ClientEvent.Read("8", new ClientEvent.ReadPayload(null, "omar", 12L))),
            Map.entry("{\"type\":\"typing\",\"payload\":{\"room\":\"dev\",\"active\":true}}",
                    new ClientEvent.Typing(null, new ClientEvent.TypingPayload("dev", null, true))),
            Map.entry("{\"type\":\"react\",\"id\":\"9\",\"payload\":{\"messageId\":\"m1\",\"emoji\":\"👍\",\"on\":false}}",
                    new ClientEvent.React("9", new ClientEvent.ReactPayload("m1", "👍", false))),
            Map.entry("{\"type\":\"edit_message\",\"id\":\"10\",\"payload\":{\"messageId\":\"m1\",\"message\":\"fixed\"}}",
                    new ClientEvent.EditMessage("10", new ClientEvent.EditPayload("m1", "fixed"))),
            Map.entry("{\"type\":\"delete_message\",\"id\":\"11\",\"payload\":{\"messageId\":\"m1\"}}",
                    new ClientEvent.DeleteMessage("11", new ClientEvent.MessageRef("m1"))),
            Map.entry("{\"type\":\"create_room\",\"id\":\"12\",\"payload\":{\"room\":\"ops\",\"private\":true,\"members\":[\"omar\"]}}",
                    new ClientEvent.CreateRoom("12", new ClientEvent.CreateRoomPayload("ops", true, List.of("omar")))),
            Map.entry("{\"type\":\"join_room\",\"id\":\"13\",\"payload\":{\"room\":\"ops\"}}",
                    new ClientEvent.JoinRoom("13", new ClientEvent.RoomRef("ops"))),
            Map.entry("{\"type\":\"leave_room\",\"id\":\"14\",\"payload\":{\"room\":\"ops\"}}",
                    new ClientEvent.LeaveRoom("14", new ClientEvent.RoomRef("ops"))),
            Map.entry("{\"type\":\"invite\",\"id\":\"15\",\"payload\":{\"room\":\"ops\",\"username\":\"omar\"}}",
                    new ClientEvent.Invite("15", new ClientEvent.InvitePayload("ops", "omar"))),
            Map.entry("{\"type\":\"rooms\",\"id\":\"16\",\"payload\":{\"after\":\"dev\",\"limit\":20}}",
                    new ClientEvent.ListRooms("16", new ClientEvent.ListRoomsPayload("dev", 20))),
            Map.entry("{\"type\":\"decline_invite\",\"id\":\"17\",\"payload\":{\"room\":\"ops\"}}",
                    new ClientEvent.DeclineInvite("17", new ClientEvent.RoomRef("ops"))),
            Map.entry("{\"type\":\"search\",\"id\":\"19\",\"payload\":{\"query\":\"lunch\",\"room\":\"dev\",\"to\":\"omar\","
                    + "\"from\":\"sara\",\"since\":\"2026-11-01T00:00:00Z\",\"until\":\"2026-12-01T00:00:00Z\",\"publicRooms\":true,"
                    + "\"before\":\"42\",\"limit\":10}}",
                    new ClientEvent.Search("19", new ClientEvent.SearchPayload("lunch", "dev", "omar", "sara", "2026-11-01T00:00:00Z",
                            "2026-12-01T00:00:00Z", true, "42", 10))),
            Map.entry("{\"type\":\"logout\",\"id\":\"18\"}", new ClientEvent.Logout("18")),
            Map.entry("{\"type\":\"remove_message\",\"id\":\"20\",\"payload\":{\"messageId\":\"m1\",\"reason\":\"spam\"}}",
                    new ClientEvent.RemoveMessage("20", new ClientEvent.RemovePayload("m1", "spam"))),
            Map.entry("{\"type\":\"kick\",\"id\":\"21\",\"payload\":{\"room\":\"ops\",\"username\":\"zed\",\"reason\":\"spam\"}}",
                    new ClientEvent.Kick("21", new ClientEvent.MemberAction("ops", "zed", "spam", null))),
            Map.entry("{\"type\":\"ban\",\"id\":\"22\",\"payload\":{\"room\":\"ops\",\"username\":\"zed\",\"reason\":\"spam\"}}",
                    new ClientEvent.Ban("22", new ClientEvent.MemberAction("ops", "zed", "spam", null))),
            Map.entry("{\"type\":\"unban\",\"id\":\"23\",\"payload\":{\"room\":\"ops\",\"username\":\"zed\",\"reason\":\"spam\"}}",
                    new ClientEvent.Unban("23", new ClientEvent.MemberAction("ops", "zed", "spam", null))),
            Map.entry("{\"type\":\"mute\",\"id\":\"24\",\"payload\":{\"room\":\"ops\",\"username\":\"zed\",\"reason\":\"spam\",\"minutes\":30}}",
                    new ClientEvent.Mute("24", new ClientEvent.MemberAction("ops", "zed", "spam", 30))),
            Map.entry("{\"type\":\"unmute\",\"id\":\"25\",\"payload\":{\"room\":\"ops\",\"username\":\"zed\",\"reason\":\"spam\"}}",
                    new ClientEvent.Unmute("25", new ClientEvent.MemberAction("ops", "zed", "spam", null))),
            Map.entry("{\"type\":\"set_moderator\",\"id\":\"26\",\"payload\":{\"room\":\"ops\",\"username\":\"omar\",\"moderator\":true}}",
                    new ClientEvent.SetModerator("26", new ClientEvent.ModeratorPayload("ops", "omar", true))),
            Map.entry("{\"type\":\"update_room\",\"id\":\"27\",\"payload\":{\"room\":\"ops\",\"topic\":\"deploys\",\"readOnly\":true}}",
                    new ClientEvent.UpdateRoom("27", new ClientEvent.UpdateRoomPayload("ops", "deploys", true))),
            Map.entry("{\"type\":\"delete_room\",\"id\":\"28\",\"payload\":{\"room\":\"ops\"}}",
                    new ClientEvent.DeleteRoom("28", new ClientEvent.RoomRef("ops"))),
            Map.entry("{\"type\":\"rename_room\",\"id\":\"30\",\"payload\":{\"room\":\"ops\",\"name\":\"ops-2\"}}",
                    new ClientEvent.RenameRoom("30", new ClientEvent.RenamePayload("ops", "ops-2"))),
            Map.entry("{\"type\":\"report\",\"id\":\"29\",\"payload\":{\"messageId\":\"m1\",\"reason\":\"abuse\"}}",
                    new ClientEvent.Report("29", new ClientEvent.ReportPayload("m1", "abuse"))));

    @Test
    void everyEventTypeDecodesWithItsPayload() {
        EVERY_TYPE.forEach((text, expected) -> assertEquals(expected, decode(text), text));
    }

    @Test
    void theSamplesCoverEveryTypeTheProtocolKnows() {
        TreeSet<String> known = new TreeSet<>(Arrays.stream(ClientEvent.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name).toList());
        TreeSet<String> sampled = new TreeSet<>(EVERY_TYPE.values().stream().map(ClientEventCodecTest::typeOf).toList());
        assertEquals(known, sampled);
        assertEquals(ClientEvent.class.getPermittedSubclasses().length, known.size(), "every event record has a type name");
    }

    private static String typeOf(ClientEvent event) {
        return Arrays.stream(ClientEvent.class.getAnnotation(JsonSubTypes.class).value())
                .filter(type -> type.value() == event.getClass()).findFirst().orElseThrow().name();
    }

    @Test
    void unknownFieldsAndAMissingOrNullPayloadAreAccepted() {
        assertEquals(new ClientEvent.Ping("a"), decode("{\"type\":\"ping\",\"id\":\"a\",\"extra\":[1,2],\"payload\":{\"x\":1}}"));
        assertEquals(new ClientEvent.SetStatus(null, null), decode("{\"type\":\"status\"}"));
        assertEquals(new ClientEvent.SetStatus(null, null), decode("{\"type\":\"status\",\"id\":null,\"payload\":null}"));
    }

    @Test
    void aFrameThatIsNotAnObjectWithAStringTypeIsABadRequest() {
        assertRefused(ErrorCode.BAD_REQUEST, null, "not json");
        assertRefused(ErrorCode.BAD_REQUEST, null, "{\"type\":\"ping\"");
        assertRefused(ErrorCode.BAD_REQUEST, null, "{\"type\":\"ping\"} {}");
        assertRefused(ErrorCode.BAD_REQUEST, null, "[{\"type\":\"ping\"}]");
        assertRefused(ErrorCode.BAD_REQUEST, null, "\"ping\"");
        assertRefused(ErrorCode.BAD_REQUEST, null, "null");
        assertRefused(ErrorCode.BAD_REQUEST, null, "");
        assertRefused(ErrorCode.BAD_REQUEST, "r1", "{\"id\":\"r1\"}");
        assertRefused(ErrorCode.BAD_REQUEST, "r2", "{\"id\":\"r2\",\"type\":7}");
        assertRefused(ErrorCode.BAD_REQUEST, "r3", "{\"id\":\"r3\",\"type\":null}");
        assertRefused(ErrorCode.BAD_REQUEST, "r4", "{\"id\":\"r4\",\"type\":[\"ping\"]}");
    }

    @Test
    void fieldsComeInAnyOrderAndARepeatedFieldHasItsLastValue() {
        assertEquals(new ClientEvent.SetStatus("x", new ClientEvent.StatusPayload("away")),
                decode("{\"payload\":{\"status\":\"away\"},\"id\":\"x\",\"type\":\"status\"}"));
        assertEquals(new ClientEvent.Ping("b"), decode("{\"id\":\"a\",\"type\":\"ping\",\"id\":\"b\"}"));
        assertEquals(new ClientEvent.SetStatus(null, new ClientEvent.StatusPayload("b")),
                decode("{\"type\":\"status\",\"payload\":{\"status\":\"a\"},\"payload\":{\"status\":\"b\"}}"));
        assertEquals(new ClientEvent.SetStatus(null, new ClientEvent.StatusPayload("b")),
                decode("{\"type\":\"status\",\"payload\":{\"status\":\"a\",\"status\":\"b\"}}"));
        assertEquals(new ClientEvent.SetStatus(null, null), decode("{\"type\":\"ping\",\"type\":\"status\"}"));
        assertEquals(new ClientEvent.Ping(null), decode("{\"type\":7,\"type\":\"ping\"}"));
        assertRefused(ErrorCode.BAD_REQUEST, null, "{\"type\":\"ping\",\"type\":7}");
        assertRefused(ErrorCode.UNKNOWN_TYPE, null, "{\"type\":\"ping\",\"type\":\"nope\"}");
        assertRefused(ErrorCode.INVALID_PAYLOAD, null, "{\"type\":\"ping\",\"payload\":{},\"payload\":7}");
        assertRefused(ErrorCode.BAD_REQUEST, null, "{\"type\":\"ping\",\"id\":\"a\",\"id\":7}");
    }

    @Test
    void anIdMustBeAStringOfAtMost64Characters() {
        String longest = "i".repeat(ClientEventCodec.MAX_ID_LENGTH);
        assertEquals(64, longest.length());
        assertEquals(longest, decode("{\"type\":\"ping\",\"id\":\"" + longest + "\"}").id());
        // refused before anything else, and without a ref: the id cannot be echoed
        assertRefused(ErrorCode.BAD_REQUEST, null, "{\"type\":\"ping\",\"id\":\"" + longest + "i\"}");
        assertRefused(ErrorCode.BAD_REQUEST, null, "{\"type\":\"nope\",\"id\":\"" + longest + "i\"}");
        assertRefused(ErrorCode.BAD_REQUEST, null, "{\"type\":\"ping\",\"id\":42}");
        assertRefused(ErrorCode.BAD_REQUEST, null, "{\"type\":\"ping\",\"id\":{\"a\":1}}");
    }

    @Test
    void aTypeNobodyHandlesIsUnknownType() {
        assertRefused(ErrorCode.UNKNOWN_TYPE, "u1", "{\"type\":\"teleport\",\"id\":\"u1\",\"payload\":{}}");
        assertRefused(ErrorCode.UNKNOWN_TYPE, null, "{\"type\":\"PING\"}");
        assertRefused(ErrorCode.UNKNOWN_TYPE, null, "{\"type\":\"\"}");
        assertEquals("unknown type \"teleport\"", refused("{\"type\":\"teleport\"}").getMessage());
    }

    @Test
    void fieldsOfTheWrongShapeAreAnInvalidPayload() {
        assertRefused(ErrorCode.INVALID_PAYLOAD, "p1", "{\"type\":\"login\",\"id\":\"p1\",\"payload\":\"sara\"}");
        assertRefused(ErrorCode.INVALID_PAYLOAD, "p2", "{\"type\":\"login\",\"id\":\"p2\",\"payload\":[\"sara\"]}");
        assertRefused(ErrorCode.INVALID_PAYLOAD, "p3", "{\"type\":\"login\",\"id\":\"p3\",\"payload\":{\"username\":5}}");
        assertRefused(ErrorCode.INVALID_PAYLOAD, "p4", "{\"type\":\"history\",\"id\":\"p4\",\"payload\":{\"limit\":\"50\"}}");
        assertRefused(ErrorCode.INVALID_PAYLOAD, "p5", "{\"type\":\"history\",\"id\":\"p5\",\"payload\":{\"limit\":2.5}}");
        assertRefused(ErrorCode.INVALID_PAYLOAD, "p6", "{\"type\":\"typing\",\"id\":\"p6\",\"payload\":{\"active\":1}}");
        assertRefused(ErrorCode.INVALID_PAYLOAD, "p7", "{\"type\":\"send_message\",\"id\":\"p7\",\"payload\":{\"attachments\":\"f1\"}}");
        assertRefused(ErrorCode.INVALID_PAYLOAD, "p8", "{\"type\":\"react\",\"id\":\"p8\",\"payload\":{\"on\":\"true\"}}");
        assertRefused(ErrorCode.INVALID_PAYLOAD, null, "{\"type\":\"read\",\"payload\":{\"seq\":\"12\"}}");
        assertRefused(ErrorCode.INVALID_PAYLOAD, "p9", "{\"type\":\"login\",\"id\":\"p9\",\"payload\":\"\"}");
    }

    @Test
    void aPayloadThatIsNotAnObjectIsRefusedForEveryType() {
        for (ClientEvent event : EVERY_TYPE.values()) {
            for (String payload : List.of("\"x\"", "\"\"", "[]", "7", "true")) {
                assertRefused(ErrorCode.INVALID_PAYLOAD, "q", "{\"type\":\"" + typeOf(event) + "\",\"id\":\"q\",\"payload\":" + payload + "}");
            }
        }
    }
}
