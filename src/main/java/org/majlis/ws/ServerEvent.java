package org.majlis.ws;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Frames the server sends. Each record is the {@code payload}; {@link #type()} is the envelope's
 * {@code type}. Absent optional fields are left out of the JSON.
 */
public sealed interface ServerEvent {

    @JsonIgnore
    String type();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Welcome(String username, boolean guest, String token, String expiresAt, List<UserStatus> users,
            List<RoomSummary> rooms, List<DirectSummary> directs) implements ServerEvent {
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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewMessage(String id, String room, String to, long seq, String from, String message, String sent,
            String timestamp, List<String> attachments) implements ServerEvent {
        public String type() {
            return "new_message";
        }
    }

    record Ack(String ref, String messageId, long seq) implements ServerEvent {
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

    record Presence(List<UserStatus> changes) implements ServerEvent {
        public String type() {
            return "presence";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Users(String ref, List<UserStatus> users) implements ServerEvent {
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
    record Pong() implements ServerEvent {
        public String type() {
            return "pong";
        }
    }
}
