package org.majlis.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Frames a client sends. The {@code type} field picks the record; {@code id} is the client's
 * reference that answers carry back as {@code ref}. Unknown fields are ignored.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientEvent.Login.class, name = "login"),
        @JsonSubTypes.Type(value = ClientEvent.SendMessage.class, name = "send_message"),
        @JsonSubTypes.Type(value = ClientEvent.PrivateMessage.class, name = "private_message"),
        @JsonSubTypes.Type(value = ClientEvent.Search.class, name = "search"),
        @JsonSubTypes.Type(value = ClientEvent.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = ClientEvent.SetStatus.class, name = "status"),
        @JsonSubTypes.Type(value = ClientEvent.ListUsers.class, name = "users"),
        @JsonSubTypes.Type(value = ClientEvent.History.class, name = "history"),
        @JsonSubTypes.Type(value = ClientEvent.Read.class, name = "read"),
        @JsonSubTypes.Type(value = ClientEvent.Typing.class, name = "typing"),
        @JsonSubTypes.Type(value = ClientEvent.React.class, name = "react"),
        @JsonSubTypes.Type(value = ClientEvent.EditMessage.class, name = "edit_message"),
        @JsonSubTypes.Type(value = ClientEvent.DeleteMessage.class, name = "delete_message"),
        @JsonSubTypes.Type(value = ClientEvent.CreateRoom.class, name = "create_room"),
        @JsonSubTypes.Type(value = ClientEvent.JoinRoom.class, name = "join_room"),
        @JsonSubTypes.Type(value = ClientEvent.LeaveRoom.class, name = "leave_room"),
        @JsonSubTypes.Type(value = ClientEvent.Invite.class, name = "invite"),
        @JsonSubTypes.Type(value = ClientEvent.ListRooms.class, name = "rooms"),
        @JsonSubTypes.Type(value = ClientEvent.DeclineInvite.class, name = "decline_invite"),
        @JsonSubTypes.Type(value = ClientEvent.Logout.class, name = "logout"),
        @JsonSubTypes.Type(value = ClientEvent.PresenceSubscribe.class, name = "presence_subscribe"),
        @JsonSubTypes.Type(value = ClientEvent.RemoveMessage.class, name = "remove_message"),
        @JsonSubTypes.Type(value = ClientEvent.Kick.class, name = "kick"),
        @JsonSubTypes.Type(value = ClientEvent.Ban.class, name = "ban"),
        @JsonSubTypes.Type(value = ClientEvent.Unban.class, name = "unban"),
        @JsonSubTypes.Type(value = ClientEvent.Mute.class, name = "mute"),
        @JsonSubTypes.Type(value = ClientEvent.Unmute.class, name = "unmute"),
        @JsonSubTypes.Type(value = ClientEvent.SetModerator.class, name = "set_moderator"),
        @JsonSubTypes.Type(value = ClientEvent.UpdateRoom.class, name = "update_room"),
        @JsonSubTypes.Type(value = ClientEvent.DeleteRoom.class, name = "delete_room"),
        @JsonSubTypes.Type(value = ClientEvent.RenameRoom.class, name = "rename_room"),
        @JsonSubTypes.Type(value = ClientEvent.Report.class, name = "report"),
})
public sealed interface ClientEvent {

    String id();

    record Login(String id, LoginPayload payload) implements ClientEvent {
    }

    record LoginPayload(String username, String token) {
    }

    record SendMessage(String id, MessagePayload payload) implements ClientEvent {
    }

    record PrivateMessage(String id, MessagePayload payload) implements ClientEvent {
    }

    /**
     * The body of both message events; {@code from} is not read: the server sets the sender.
     * {@code replyTo}: the id of a message of the same conversation this one answers, or null.
     */
    record MessagePayload(String message, String room, String to, List<String> attachments, String replyTo) {
    }

    record Ping(String id) implements ClientEvent {
    }

    /** Ends the connection's login session: its tokens stop working on every node. */
    record Logout(String id) implements ClientEvent {
    }

    record SetStatus(String id, StatusPayload payload) implements ClientEvent {
    }

    record StatusPayload(String status) {
    }

    record ListUsers(String id, UsersPayload payload) implements ClientEvent {
    }

    /** A page of the users online, by name: those whose name starts with {@code prefix}, after {@code after}. */
    record UsersPayload(String prefix, String after, Integer limit) {
    }

    /** Whose presence the connection shows, replacing what it said before. */
    record PresenceSubscribe(String id, SubscribePayload payload) implements ClientEvent {
    }

    record SubscribePayload(List<String> users) {
    }

    record History(String id, HistoryPayload payload) implements ClientEvent {
    }

    record Search(String id, SearchPayload payload) implements ClientEvent {
    }

    /**
     * Messages with every word of {@code query}, newest first, in the caller's conversations (and
     * public rooms with {@code publicRooms}); optionally only one conversation ({@code room} or
     * {@code to}), one sender ({@code from}), a time range (ISO-8601 instants). {@code before}:
     * the {@code next} of the page before.
     */
    record SearchPayload(String query, String room, String to, String from, String since, String until,
            Boolean publicRooms, String before, Integer limit) {
    }

    /** A page of a room ({@code general} when neither is given) or of the direct conversation with {@code to}. */
    record HistoryPayload(String room, String to, Long before, Long after, Integer limit) {
    }

    record Read(String id, ReadPayload payload) implements ClientEvent {
    }

    /** Everything up to {@code seq} of the room or of the direct conversation with {@code to} is read. */
    record ReadPayload(String room, String to, Long seq) {
    }

    record Typing(String id, TypingPayload payload) implements ClientEvent {
    }

    /** The user started ({@code active}) or stopped typing in the room or to {@code to}. */
    record TypingPayload(String room, String to, Boolean active) {
    }

    record React(String id, ReactPayload payload) implements ClientEvent {
    }

    record ReactPayload(String messageId, String emoji, Boolean on) {
    }

    record EditMessage(String id, EditPayload payload) implements ClientEvent {
    }

    record EditPayload(String messageId, String message) {
    }

    record DeleteMessage(String id, MessageRef payload) implements ClientEvent {
    }

    record MessageRef(String messageId) {
    }

    record CreateRoom(String id, CreateRoomPayload payload) implements ClientEvent {
    }

    record CreateRoomPayload(String room, @JsonProperty("private") Boolean isPrivate, List<String> members) {
    }

    record JoinRoom(String id, RoomRef payload) implements ClientEvent {
    }

    record LeaveRoom(String id, RoomRef payload) implements ClientEvent {
    }

    record RoomRef(String room) {
    }

    record Invite(String id, InvitePayload payload) implements ClientEvent {
    }

    record InvitePayload(String room, String username) {
    }

    record ListRooms(String id, ListRoomsPayload payload) implements ClientEvent {
    }

    /** A page of the room list: the rooms named after {@code after} (none: the first page), at most {@code limit}. */
    record ListRoomsPayload(String after, Integer limit) {
    }

    record DeclineInvite(String id, RoomRef payload) implements ClientEvent {
    }

    /** A moderator removes someone else's message; {@code reason} goes to the audit log. */
    record RemoveMessage(String id, RemovePayload payload) implements ClientEvent {
    }

    record RemovePayload(String messageId, String reason) {
    }

    /** What a moderator does to a member of a room: who, why, and (to mute) for how many minutes. */
    record MemberAction(String room, String username, String reason, Integer minutes) {
    }

    record Kick(String id, MemberAction payload) implements ClientEvent {
    }

    record Ban(String id, MemberAction payload) implements ClientEvent {
    }

    record Unban(String id, MemberAction payload) implements ClientEvent {
    }

    record Mute(String id, MemberAction payload) implements ClientEvent {
    }

    record Unmute(String id, MemberAction payload) implements ClientEvent {
    }

    record SetModerator(String id, ModeratorPayload payload) implements ClientEvent {
    }

    record ModeratorPayload(String room, String username, Boolean moderator) {
    }

    /** The owner changes the room: its topic ("" clears it) and whether only moderators post; null leaves a field as it is. */
    record UpdateRoom(String id, UpdateRoomPayload payload) implements ClientEvent {
    }

    record UpdateRoomPayload(String room, String topic, Boolean readOnly) {
    }

    record DeleteRoom(String id, RoomRef payload) implements ClientEvent {
    }

    /** The owner gives the room a new {@code name}. */
    record RenameRoom(String id, RenamePayload payload) implements ClientEvent {
    }

    record RenamePayload(String room, String name) {
    }

    /** Anyone reports a message they can see to the administrators. */
    record Report(String id, ReportPayload payload) implements ClientEvent {
    }

    record ReportPayload(String messageId, String reason) {
    }
}
