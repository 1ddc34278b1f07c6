package org.majlis.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;

/**
 * Frames the server sends. Each record is the {@code payload}; {@link #type()} is the envelope's
 * {@code type}. Absent optional fields are left out of the JSON.
 */
public sealed interface ServerEvent {

    @JsonIgnore
    String type();

    /**
     * {@code maxFileSize}: the largest upload in bytes, so that a client refuses a bigger file before
     * sending it. {@code admin}: true for a server administrator, left out otherwise.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Welcome(String ref, String username, boolean guest, String token, String expiresAt, List<UserStatus> users,
            String presence, int online, List<RoomSummary> rooms, List<DirectSummary> directs, long maxFileSize, Boolean admin)
            implements ServerEvent {
        public String type() {
            return "welcome";
        }
    }

    record RoomSummary(String room, @JsonProperty("private") boolean isPrivate, long lastSeq, long unread) {
    }

    record DirectSummary(String to, long lastSeq, long unread) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserStatus(String username, String status, String lastSeen) {
    }

    /**
     * A message. Live ({@code new_message}) edited, editedAt, deleted and reactions are null and left
     * out; in {@code history} they say whether it was edited (and when) or deleted ({@code removed}
     * too, only when a moderator removed it), and who reacted
     * with what. {@code replyTo} (a quote of the message answered) and {@code mentions} (the names
     * written as {@code @name}) are left out when there are none. {@code bot} is true for a message
     * a bot account or an incoming webhook posted ({@code via}: {@code bot} or {@code webhook}), left
     * out for a person's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonSerialize(using = FrequentEventJson.NewMessageSerializer.class)
    record NewMessage(String id, String room, String to, long seq, String from, String message, String sent,
            String timestamp, List<Attachment> attachments, Boolean edited, String editedAt, Boolean deleted, Boolean removed,
            Map<String, List<String>> reactions, Quote replyTo, List<String> mentions, Boolean bot, String via)
            implements ServerEvent {
        public String type() {
            return "new_message";
        }
    }

    /**
     * The message a reply answers, as it is now: its author and the start of its text, or
     * {@code deleted} (and neither) once it is deleted or removed by retention.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Quote(String id, String from, String message, Boolean deleted) {
    }

    /**
     * The answer to {@code search}: hits newest first, {@code next} while more follow; on the first
     * page also the accounts and people online ({@code people}) and the rooms ({@code rooms}) whose
     * name starts with the query.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SearchResults(String ref, List<SearchHit> hits, String next, List<String> people, List<FoundRoom> rooms)
            implements ServerEvent {
        public String type() {
            return "search";
        }
    }

    /** A message found, as in history, and where its text has the query's words ([start, end) UTF-16 offsets). */
    record SearchHit(NewMessage message, List<int[]> highlights) {
    }

    /** A room whose name starts with the query: public, or one of the caller's. */
    record FoundRoom(String room, @JsonProperty("private") boolean isPrivate, boolean joined) {
    }

    /** An uploaded file: the answer to an upload and an element of a message's attachments. */
    record Attachment(String id, String name, long size, String contentType, String url) {
    }

    /** A request done: a stored message's id and seq, or just the ref for any other request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonSerialize(using = FrequentEventJson.AckSerializer.class)
    record Ack(String ref, String messageId, Long seq) implements ServerEvent {
        public static Ack of(String ref) {
            return new Ack(ref, null, null);
        }

        public String type() {
            return "ack";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String code, String message, String ref, Long retryAfterMs) implements ServerEvent {
        public String type() {
            return "error";
        }
    }

    /**
     * Presence changes. {@code ref} answers a {@code presence_subscribe}; {@code scope} and
     * {@code online} come when the scope switches (then, to {@code all}, the changes are everyone online).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Presence(String ref, List<UserStatus> changes, String scope, Integer online) implements ServerEvent {
        /** Changes, as every presence event before scopes carried them. */
        public static Presence of(List<UserStatus> changes) {
            return new Presence(null, changes, null, null);
        }

        public String type() {
            return "presence";
        }
    }

    /** Who is online: everyone, or a page of them by name ({@code next}: the {@code after} of the next page). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Users(String ref, List<UserStatus> users, String next, Integer online) implements ServerEvent {
        public String type() {
            return "users";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record History(String ref, String room, String to, List<NewMessage> messages, boolean hasMore,
            Map<String, Long> readSeqs) implements ServerEvent {
        public String type() {
            return "history";
        }
    }

    /** A read mark moved: {@code by} has read everything up to {@code seq}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReadReceipt(String by, String room, String to, long seq) implements ServerEvent {
        public String type() {
            return "read";
        }
    }

    /** Answers a client's {@code ping}; the only event without a payload. */
    /** The answer to a client's {@code ping}, with its {@code id} as {@code ref} when it had one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pong(String ref) implements ServerEvent {
        public String type() {
            return "pong";
        }
    }

    /**
     * A room, to a user who has just become a member of it: with its {@code topic},
     * {@code readOnly} and {@code moderators}; to its moderators also who is {@code banned} and who
     * is muted until when ({@code muted}). Those not set are left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoomInfo(String room, @JsonProperty("private") boolean isPrivate, String owner, List<String> members, String topic,
            Boolean readOnly, List<String> moderators, List<String> banned, Map<String, String> muted) implements ServerEvent {
        public String type() {
            return "room";
        }
    }

    /** To a room's members: what its owner changed. */
    record RoomUpdated(String room, String topic, boolean readOnly, List<String> moderators) implements ServerEvent {
        public String type() {
            return "room_updated";
        }
    }

    /** To a room's members: the room {@code room} is called {@code name} from now on, with all it had. */
    record RoomRenamed(String room, String name) implements ServerEvent {
        public String type() {
            return "room_renamed";
        }
    }

    /** To a room's members: the room is gone, with its messages. */
    record RoomDeleted(String room) implements ServerEvent {
        public String type() {
            return "room_deleted";
        }
    }

    /** To a room's members: a member is muted until {@code until} (ISO-8601), or no longer (null). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MemberMuted(String room, String username, String until) implements ServerEvent {
        public String type() {
            return "member_muted";
        }
    }

    record MemberJoined(String room, String username) implements ServerEvent {
        public String type() {
            return "member_joined";
        }
    }

    /** To a room's members: {@code by} invited {@code username} (who is not a member until it joins). */
    record MemberInvited(String room, String username, String by) implements ServerEvent {
        public String type() {
            return "member_invited";
        }
    }

    /**
     * To the room's members and the one who left: {@code removed} when a moderator removed them
     * ({@code banned} too when banned), with the moderator's {@code reason}; those are left out
     * when the member left by itself.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MemberLeft(String room, String username, Boolean removed, Boolean banned, String reason) implements ServerEvent {
        public MemberLeft(String room, String username) {
            this(room, username, null, null, null);
        }

        public String type() {
            return "member_left";
        }
    }

    /**
     * A page of the room list; {@code next} is the cursor of the next page (null: the last page),
     * {@code invitations} the caller's pending invitations (on the first page only).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rooms(String ref, List<RoomListing> rooms, String next, List<Invited> invitations) implements ServerEvent {
        public String type() {
            return "rooms";
        }
    }

    /** A room in the {@code rooms} answer; {@code members} is a count, {@code joined} whether the caller is one. */
    record RoomListing(String room, @JsonProperty("private") boolean isPrivate, int members, long lastSeq, long unread,
            boolean joined) {
    }

    /** An invitation to a room, which the invitee accepts with {@code join_room}. */
    record Invited(String room, @JsonProperty("private") boolean isPrivate, String by) implements ServerEvent {
        public String type() {
            return "invited";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Typing(String from, String room, String to, boolean active) implements ServerEvent {
        public String type() {
            return "typing";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reaction(String messageId, String room, String to, String emoji, String by, boolean on) implements ServerEvent {
        public String type() {
            return "reaction";
        }
    }

    /** {@code mentions}: those of the new text, as in {@link NewMessage}; left out when none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageEdited(String messageId, String room, String to, String from, String message, String editedAt,
            List<String> mentions) implements ServerEvent {
        public String type() {
            return "message_edited";
        }
    }

    /** {@code removed}: a moderator removed it (left out when its author deleted it). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageDeleted(String messageId, String room, String to, String from, Boolean removed) implements ServerEvent {
        public MessageDeleted(String messageId, String room, String to, String from) {
            this(messageId, room, to, from, null);
        }

        public String type() {
            return "message_deleted";
        }
    }

    /**
     * An account's profile changed: sent to those who hear of its presence. Unset fields are null
     * (not left out), so that a client's cached copy loses what was cleared.
     */
    record ProfileChanged(String username, String displayName, String statusText, String avatarUrl) implements ServerEvent {
        public String type() {
            return "profile_changed";
        }
    }
}
