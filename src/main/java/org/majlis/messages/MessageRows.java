package org.majlis.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ServerEvent.Attachment;
import org.majlis.protocol.ServerEvent.Quote;

/** A row of the messages table as a {@link StoredMessage}, and its attachments column as JSON. */
@ApplicationScoped
class MessageRows {

    /** Brings the message that {@code m} replies to, as {@code r}. */
    static final String REPLIED = " LEFT JOIN messages r ON r.id = m.reply_to";
    /** The table {@link #read} reads: a message {@code m} and the one it replies to, {@code r}. */
    static final String FROM = "messages m" + REPLIED;
    /** The columns {@link #read} expects, in its order. */
    static final String COLUMNS = "m.seq, m.id, m.sender, m.recipient, m.body, m.sent_at, m.attachments, m.edited_at, m.deleted,"
            + " m.sender_session, m.reply_to, r.sender, r.body, r.deleted, m.via, m.removed";
    static final int COLUMN_COUNT = 16;
    /** How much of the text replied to a quote carries, in code points. */
    static final int QUOTE_LENGTH = 200;
    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    MessageRows(ObjectMapper json) {
        this.json = json;
    }

    StoredMessage read(ConversationId conversation, ResultSet row) throws SQLException {
        long editedAt = row.getLong(8);
        Long edited = row.wasNull() ? null : editedAt;
        return new StoredMessage(conversation, row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getLong(6), attachments(row.getString(7)), edited, row.getBoolean(9), row.getString(10),
                row.getString(11) == null ? null : quote(row.getString(11), row.getString(12), row.getString(13), row.getBoolean(14)),
                row.getString(15), row.getBoolean(16));
    }

    /** The conversation of a row's {@code c.id, c.room_name, c.name_a, c.name_b}, from column {@code first} on. */
    static ConversationId conversation(ResultSet row, int first) throws SQLException {
        return row.getString(first).startsWith("r:") ? ConversationId.room(row.getString(first + 1))
                : ConversationId.direct(row.getString(first + 2), row.getString(first + 3));
    }

    /** The quote of a message as it is now; {@code body} null: it is gone (retention). */
    static Quote quote(String id, String from, String body, boolean deleted) {
        if (body == null || deleted) {
            return new Quote(id, null, null, true);
        }
        int cut = body.codePointCount(0, body.length()) > QUOTE_LENGTH ? body.offsetByCodePoints(0, QUOTE_LENGTH) : body.length();
        return new Quote(id, from, body.substring(0, cut), null);
    }

    /** The attachments column: null for none. */
    String attachmentsColumn(List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Attachment> attachments(String column) {
        if (column == null) {
            return List.of();
        }
        try {
            return json.readValue(column, ATTACHMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable attachments in the store", e);
        }
    }
}
