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

/** A row of the messages table as a {@link StoredMessage}, and its attachments column as JSON. */
@ApplicationScoped
class MessageRows {

    /** The columns {@link #read} expects, in its order. */
    static final String COLUMNS = "seq, id, sender, recipient, body, sent_at, attachments, edited_at, deleted, sender_session";
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
                row.getString(5), row.getLong(6), attachments(row.getString(7)), edited, row.getBoolean(9), row.getString(10));
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
