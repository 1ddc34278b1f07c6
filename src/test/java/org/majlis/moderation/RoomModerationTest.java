package org.majlis.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.majlis.moderation.Moderation.ok;
import static org.majlis.moderation.Moderation.post;
import static org.majlis.moderation.Moderation.refused;
import static org.majlis.moderation.Moderation.reply;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** A room's owner and the moderators it names, against members, on one node: what each may do, and what it may not. */
@QuarkusTest
class RoomModerationTest {

    @TestHTTPResource("/ws")
    URI ws;

    /** Joins the room (or, as a member, asks for it) and returns the room as it is now. */
    private static JsonNode join(TestClient client, String room) {
        client.drain("room");
        ok(client, "join_room", "room", room);
        return client.await("room", e -> room.equals(e.path("payload").path("room").asText())).path("payload");
    }

    @Test
    void moderatorsRemoveMuteKickAndBanMembersButNotTheOwner() {
        String room = Unique.name("modroom");
        String ownerName = Unique.name("owner");
        String modName = Unique.name("mod");
        String memberName = Unique.name("member");
        try (TestClient owner = TestClient.guest(ws, ownerName); TestClient mod = TestClient.guest(ws, modName);
                TestClient member = TestClient.guest(ws, memberName)) {
            ok(owner, "create_room", "room", room);
            join(mod, room);
            join(member, room);
            String ownerMessage = post(owner, room, "welcome all");

            // members moderate nothing
            refused("forbidden", member, "remove_message", "messageId", ownerMessage);
            refused("forbidden", member, "kick", "room", room, "username", modName);
            refused("forbidden", mod, "set_moderator", "room", room, "username", memberName, "moderator", true);

            ok(owner, "set_moderator", "room", room, "username", modName, "moderator", true);
            JsonNode updated = member.await("room_updated").path("payload");
            assertEquals(List.of(modName), Json.strings(updated.path("moderators")));

            // a message removed by a moderator, live and in history
            String spam = post(member, room, "buy cheap things");
            ok(mod, "remove_message", "messageId", spam, "reason", "spam");
            JsonNode removed = owner.await("message_deleted", e -> spam.equals(e.path("payload").path("messageId").asText()))
                    .path("payload");
            assertTrue(removed.path("removed").asBoolean(), removed::toString);
            JsonNode page = reply(owner, "history", "room", room).path("messages");
            JsonNode gone = null;
            for (JsonNode message : page) {
                gone = spam.equals(message.path("id").asText()) ? message : gone;
            }
            assertEquals(List.of(true, true, ""), List.of(gone.path("deleted").asBoolean(), gone.path("removed").asBoolean(),
                    gone.path("message").asText()));
            refused("not_found", mod, "remove_message", "messageId", spam);

            // nobody acts on the owner; a moderator not on itself
            refused("forbidden", mod, "kick", "room", room, "username", ownerName);
            refused("invalid_payload", mod, "mute", "room", room, "username", modName, "minutes", 5);

            // a mute: reads, cannot post nor edit, until unmuted
            String earlier = post(member, room, "before the mute");
            refused("invalid_payload", mod, "mute", "room", room, "username", memberName, "minutes", 0);
            ok(mod, "mute", "room", room, "username", memberName, "minutes", 10, "reason", "calm down");
            assertTrue(member.await("member_muted").path("payload").has("until"));
            refused("muted", member, "send_message", "room", room, "message", "still here");
            refused("muted", member, "edit_message", "messageId", earlier, "message", "edited");
            post(owner, room, "the muted still read");
            member.await("new_message", e -> "the muted still read".equals(e.path("payload").path("message").asText()));
            ok(mod, "unmute", "room", room, "username", memberName);
            assertFalse(member.await("member_muted").path("payload").has("until"));
            post(member, room, "back");

            // a kick: out, and back in by itself (a public room)
            ok(mod, "kick", "room", room, "username", memberName, "reason", "cool off");
            JsonNode kicked = member.await("member_left").path("payload");
            assertEquals(List.of(memberName, true, "cool off"), List.of(kicked.path("username").asText(),
                    kicked.path("removed").asBoolean(), kicked.path("reason").asText()));
            refused("not_found", mod, "kick", "room", room, "username", memberName);
            join(member, room);

            // a ban: out, cannot join, read, search or be invited, until unbanned
            ok(mod, "ban", "room", room, "username", memberName, "reason", "again");
            assertTrue(member.await("member_left", e -> e.path("payload").path("banned").asBoolean()).path("payload")
                    .path("removed").asBoolean());
            refused("forbidden", member, "join_room", "room", room);
            refused("forbidden", member, "history", "room", room);
            refused("forbidden", member, "search", "query", "welcome", "room", room, "publicRooms", true);
            refused("forbidden", owner, "invite", "room", room, "username", memberName);
            assertFalse(reply(member, "rooms").toString().contains(room), "a room one is banned from is not listed");
            JsonNode seenByOwner = join(owner, room);
            assertEquals(List.of(memberName), Json.strings(seenByOwner.path("banned")), "moderators see who is banned");
            assertTrue(join(mod, room).has("banned"));
            ok(mod, "unban", "room", room, "username", memberName);
            JsonNode seenByMember = join(member, room);
            assertFalse(seenByMember.has("banned"), "members do not see the bans");
            assertEquals(List.of(modName), Json.strings(seenByMember.path("moderators")));
        }
    }

    @Test
    void theOwnerSetsTheTopicAndReadOnlyAndDeletesTheRoom() {
        String room = Unique.name("ownroom");
        String ownerName = Unique.name("owner");
        String memberName = Unique.name("member");
        try (TestClient owner = TestClient.guest(ws, ownerName); TestClient member = TestClient.guest(ws, memberName)) {
            ok(owner, "create_room", "room", room);
            join(member, room);
            post(member, room, "an old message");
            refused("forbidden", member, "update_room", "room", room, "topic", "mine now");
            refused("forbidden", member, "delete_room", "room", room);
            refused("invalid_payload", owner, "update_room", "room", room);
            refused("invalid_payload", owner, "update_room", "room", room, "topic", "x".repeat(301));
            refused("invalid_payload", owner, "update_room", "room", room, "topic", "bell\u0007");

            ok(owner, "update_room", "room", room, "topic", "  announcements only  ", "readOnly", true);
            JsonNode updated = member.await("room_updated").path("payload");
            assertEquals(List.of("announcements only", true), List.of(updated.path("topic").asText(),
                    updated.path("readOnly").asBoolean()));
            refused("forbidden", member, "send_message", "room", room, "message", "may I?");
            post(owner, room, "the owner posts");
            JsonNode info = join(member, room);
            assertEquals(List.of("announcements only", true), List.of(info.path("topic").asText(), info.path("readOnly").asBoolean()));
            ok(owner, "update_room", "room", room, "readOnly", false);
            assertEquals("announcements only", member.await("room_updated").path("payload").path("topic").asText(),
                    "a field not given stays");
            post(member, room, "now I may");

            refused("forbidden", owner, "delete_room", "room", "general");
            ok(owner, "delete_room", "room", room);
            member.await("room_deleted");
            refused("room_not_found", member, "join_room", "room", room);
            ok(member, "create_room", "room", room);
            assertEquals(0, reply(member, "history", "room", room).path("messages").size(), "a new room of the name inherits nothing");
        }
    }

    @Test
    void theOwnerRenamesTheRoomWithEverythingInIt() {
        String room = Unique.name("oldname");
        String renamed = Unique.name("newname");
        String taken = Unique.name("taken");
        try (TestClient owner = TestClient.guest(ws, Unique.name("owner")); TestClient member = TestClient.guest(ws, Unique.name("member"))) {
            ok(owner, "create_room", "room", room);
            ok(owner, "create_room", "room", taken);
            join(member, room);
            post(member, room, "said before the rename");
            refused("forbidden", member, "rename_room", "room", room, "name", renamed);
            refused("room_exists", owner, "rename_room", "room", room, "name", taken.toUpperCase());
            refused("forbidden", owner, "rename_room", "room", "general", "name", renamed);
            refused("invalid_payload", owner, "rename_room", "room", room, "name", "not a name");

            ok(owner, "rename_room", "room", room, "name", renamed);
            JsonNode told = member.await("room_renamed").path("payload");
            assertEquals(List.of(room, renamed), List.of(told.path("room").asText(), told.path("name").asText()));
            assertEquals("said before the rename", reply(member, "history", "room", renamed).path("messages").get(0).path("message").asText());
            post(member, renamed, "said after it");
            refused("room_not_found", member, "history", "room", room);
            ok(owner, "rename_room", "room", renamed, "name", renamed.toUpperCase());
            assertEquals(renamed.toUpperCase(), member.await("room_renamed").path("payload").path("name").asText(), "a change of case only");
            assertEquals(2, reply(member, "history", "room", renamed).path("messages").size());
            ok(member, "create_room", "room", room);
            assertEquals(0, reply(member, "history", "room", room).path("messages").size(), "the old name is free, and empty");
        }
    }
}
