package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.messages.Summaries.Summary;
import org.majlis.names.Names;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Database;
import org.majlis.store.Sql;
import org.majlis.testing.Unique;

/** A login's unread counts, on rooms of the test's own filled straight in the store: the cap, the read mark, the window. */
@QuarkusTest
class SummariesTest {

    @Inject
    Summaries summaries;

    @Inject
    Database database;

    @Test
    void unreadCountsOthersMessagesAfterTheReadMarkUpToTheCapAmongTheNewestOnly() {
        String reader = Unique.name("reader");
        String other = Unique.name("other");
        ConversationId busy = room(List.of(new Run(other, 2500)));
        ConversationId mixed = room(List.of(new Run(other, 100), new Run(reader, 50)));
        ConversationId ownTail = room(List.of(new Run(other, 500), new Run(reader, Summaries.UNREAD_WINDOW)));
        try {
            Sql.run(database, connection -> Sql.update(connection,
                    "INSERT INTO read_marks (conversation_id, username_key, username, seq) VALUES (?, ?, ?, ?)",
                    mixed.key(), Names.key(reader), reader, 50L));

            assertEquals(List.of(new Summary(busy, 2500, Summaries.MAX_UNREAD), new Summary(mixed, 150, 50),
                    new Summary(ownTail, 2500, 0)), summaries.summaries(Names.key(reader), List.of(busy, mixed, ownTail), false),
                    "capped; others' after the mark; only the newest UNREAD_WINDOW after the mark are looked at");
        } finally {
            remove(List.of(busy, mixed, ownTail));
        }
    }

    /** The rooms are no room the server knows (it reads rooms at its start): gone before the next start, on a shared database too. */
    private void remove(List<ConversationId> rooms) {
        Sql.transaction(database, connection -> {
            for (ConversationId room : rooms) {
                for (String table : List.of("read_marks", "messages")) {
                    Sql.update(connection, "DELETE FROM " + table + " WHERE conversation_id = ?", room.key());
                }
                Sql.update(connection, "DELETE FROM conversations WHERE id = ?", room.key());
            }
            return null;
        });
    }

    /** {@code count} messages in a row from one sender. */
    private record Run(String sender, int count) {
    }

    /** A room whose messages are the runs, in order from seq 1. */
    private ConversationId room(List<Run> runs) {
        ConversationId room = ConversationId.room(Unique.name("unread"));
        List<Object[]> rows = new ArrayList<>();
        for (Run run : runs) {
            for (int i = 0; i < run.count(); i++) {
                long seq = rows.size() + 1;
                rows.add(new Object[] {room.key(), seq, Unique.name("m") + seq, run.sender(), Names.key(run.sender()), "hello", seq});
            }
        }
        Sql.transaction(database, connection -> {
            Sql.update(connection, "INSERT INTO conversations (id, room_name, is_private, last_seq, created_at) VALUES (?, ?, TRUE, ?, 0)",
                    room.key(), room.room(), (long) rows.size());
            Sql.batch(connection, "INSERT INTO messages (conversation_id, seq, id, sender, sender_key, body, sent_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
            return null;
        });
        return room;
    }
}
