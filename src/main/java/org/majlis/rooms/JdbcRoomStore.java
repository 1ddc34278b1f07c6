package org.majlis.rooms;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.names.Names;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Database;
import org.majlis.store.PendingMessages;
import org.majlis.store.Sql;
import org.majlis.store.StoreException;

/** {@link RoomStore} on the conversations, room_members and room_invitations tables. */
@ApplicationScoped
public class JdbcRoomStore implements RoomStore {

    private final Database database;
    private final PendingMessages pending;

    public JdbcRoomStore(Database database, PendingMessages pending) {
        this.database = database;
        this.pending = pending;
    }

    private record MemberRow(String conversation, String username) {
    }

    private record InvitationRow(String conversation, String inviteeKey, String inviter) {
    }

    @Override
    public List<Room> loadAll() {
        return Sql.run(database, connection -> {
            Map<String, Room> rooms = new LinkedHashMap<>();
            Sql.query(connection, "SELECT id, room_name, is_private, owner, topic, read_only FROM conversations WHERE id LIKE 'r:%'",
                    row -> rooms.put(row.getString(1), new Room(row.getString(2), row.getBoolean(3), row.getString(4), Map.of(),
                            Map.of(), RoomControls.NONE.withTopic(row.getString(5)).withReadOnly(row.getBoolean(6)))));
            for (MemberRow member : Sql.query(connection, "SELECT conversation_id, username FROM room_members ORDER BY joined_at",
                    row -> new MemberRow(row.getString(1), row.getString(2)))) {
                rooms.computeIfPresent(member.conversation(), (id, room) -> room.withMember(member.username()));
            }
            for (InvitationRow invitation : Sql.query(connection,
                    "SELECT conversation_id, invitee_key, inviter FROM room_invitations ORDER BY invited_at",
                    row -> new InvitationRow(row.getString(1), row.getString(2), row.getString(3)))) {
                rooms.computeIfPresent(invitation.conversation(),
                        (id, room) -> room.withInvitation(invitation.inviteeKey(), invitation.inviter()));
            }
            RoomControlsLoader.load(connection, rooms);
            return List.copyOf(rooms.values());
        });
    }

    @Override
    public boolean create(Room room) {
        long now = System.currentTimeMillis();
        return unlessTaken(connection -> {
            Sql.update(connection, """
                    INSERT INTO conversations (id, room_name, is_private, owner, last_seq, created_at)
                    VALUES (?, ?, ?, ?, 0, ?)""", room.conversation().key(), room.name(), room.isPrivate(), room.owner(), now);
            for (String member : room.members().values()) {
                insertMember(connection, room, member, now);
            }
            for (Map.Entry<String, String> invitation : room.invited().entrySet()) {
                insertInvitation(connection, room, invitation.getKey(), invitation.getValue(), now);
            }
        });
    }

    @Override
    public boolean join(Room room, String username) {
        return unlessTaken(connection -> {
            deleteInvitation(connection, room, Names.key(username));
            insertMember(connection, room, username, System.currentTimeMillis());
        });
    }

    @Override
    public boolean invite(Room room, String inviteeKey, String inviter) {
        return unlessTaken(connection -> insertInvitation(connection, room, inviteeKey, inviter, System.currentTimeMillis()));
    }

    @Override
    public boolean decline(Room room, String userKey) {
        return Sql.run(database, connection -> deleteInvitation(connection, room, userKey) > 0);
    }

    @Override
    public boolean removeMember(Room room, String userKey) {
        return Sql.run(database, connection -> Sql.update(connection,
                "DELETE FROM room_members WHERE conversation_id = ? AND username_key = ?", room.conversation().key(), userKey) > 0);
    }

    @Override
    public void removeFromAll(String userKey) {
        Sql.transaction(database, connection -> {
            Sql.update(connection, "DELETE FROM room_members WHERE username_key = ?", userKey);
            return Sql.update(connection, "DELETE FROM room_invitations WHERE invitee_key = ?", userKey);
        });
    }

    @Override
    public void saveSettings(Room room, String topic, boolean readOnly) {
        Sql.run(database, connection -> Sql.update(connection, "UPDATE conversations SET topic = ?, read_only = ? WHERE id = ?",
                topic, readOnly, room.conversation().key()));
    }

    @Override
    public boolean setModerator(Room room, String username, boolean moderator, String by) {
        if (!moderator) {
            return Sql.run(database, connection -> Sql.update(connection,
                    "DELETE FROM room_moderators WHERE conversation_id = ? AND username_key = ?", room.conversation().key(),
                    Names.key(username)) > 0);
        }
        return unlessTaken(connection -> Sql.update(connection, """
                INSERT INTO room_moderators (conversation_id, username_key, username, named_by, named_at) VALUES (?, ?, ?, ?, ?)""",
                room.conversation().key(), Names.key(username), username, by, System.currentTimeMillis()));
    }

    @Override
    public boolean ban(Room room, String username, String by) {
        String id = room.conversation().key();
        String key = Names.key(username);
        return unlessTaken(connection -> {
            Sql.update(connection, "INSERT INTO room_bans (conversation_id, username_key, username, banned_by, banned_at)"
                    + " VALUES (?, ?, ?, ?, ?)", id, key, username, by, System.currentTimeMillis());
            for (String table : List.of("room_members", "room_moderators", "room_mutes")) {
                Sql.update(connection, "DELETE FROM " + table + " WHERE conversation_id = ? AND username_key = ?", id, key);
            }
            deleteInvitation(connection, room, key);
        });
    }

    @Override
    public boolean unban(Room room, String userKey) {
        return Sql.run(database, connection -> Sql.update(connection,
                "DELETE FROM room_bans WHERE conversation_id = ? AND username_key = ?", room.conversation().key(), userKey) > 0);
    }

    @Override
    public void mute(Room room, String userKey, Long until) {
        String id = room.conversation().key();
        Sql.transaction(database, connection -> {
            Sql.update(connection, "DELETE FROM room_mutes WHERE conversation_id = ? AND username_key = ?", id, userKey);
            return until == null ? 0 : Sql.update(connection,
                    "INSERT INTO room_mutes (conversation_id, username_key, muted_until) VALUES (?, ?, ?)", id, userKey, until);
        });
    }

    /** Every table that keeps rows of a room by its conversation id (the integrations' too), but conversations. */
    private static final List<String> ROOM_TABLES = List.of("messages", "read_marks", "room_members", "room_invitations",
            "room_moderators", "room_bans", "room_mutes", "reports", "webhooks", "outgoing_hooks");

    @Override
    public boolean rename(Room room, String newName) {
        String from = room.conversation().key();
        String to = ConversationId.room(newName).key();
        if (!to.equals(from) && Sql.run(database, connection -> Sql.first(connection, "SELECT 1 FROM conversations WHERE id = ?",
                row -> 1, to)) != null) {
            return false;
        }
        return pending.exclusively(key -> key.equals(from) || key.equals(to), () -> unlessTaken(connection -> {
            Sql.update(connection, "UPDATE conversations SET id = ?, room_name = ? WHERE id = ?", to, newName, from);
            for (String table : ROOM_TABLES) {
                Sql.update(connection, "UPDATE " + table + " SET conversation_id = ? WHERE conversation_id = ?", to, from);
            }
        }));
    }

    @Override
    public void delete(Room room) {
        String id = room.conversation().key();
        pending.exclusively(id::equals, () -> Sql.transaction(database, connection -> {
            Sql.update(connection, "DELETE FROM reactions WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ?)", id);
            for (String table : ROOM_TABLES) {
                if (!"reports".equals(table)) { // reports stay for the administrators, with the text they quoted gone
                    Sql.update(connection, "DELETE FROM " + table + " WHERE conversation_id = ?", id);
                }
            }
            return Sql.update(connection, "DELETE FROM conversations WHERE id = ?", id);
        }));
    }

    @FunctionalInterface
    private interface Inserts {
        void run(Connection connection) throws SQLException;
    }

    /** Runs the inserts in one transaction; false (and nothing changed) when a key was taken. */
    private boolean unlessTaken(Inserts inserts) {
        try {
            return Sql.transaction(database, connection -> {
                inserts.run(connection);
                return true;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException cause && Sql.isConstraintViolation(cause)) {
                return false;
            }
            throw e;
        }
    }

    private static void insertMember(Connection connection, Room room, String username, long now) throws SQLException {
        Sql.update(connection, "INSERT INTO room_members (conversation_id, username_key, username, joined_at) VALUES (?, ?, ?, ?)",
                room.conversation().key(), Names.key(username), username, now);
    }

    private static void insertInvitation(Connection connection, Room room, String inviteeKey, String inviter, long now)
            throws SQLException {
        Sql.update(connection, "INSERT INTO room_invitations (conversation_id, invitee_key, inviter, invited_at) VALUES (?, ?, ?, ?)",
                room.conversation().key(), inviteeKey, inviter, now);
    }

    private static int deleteInvitation(Connection connection, Room room, String userKey) throws SQLException {
        return Sql.update(connection, "DELETE FROM room_invitations WHERE conversation_id = ? AND invitee_key = ?",
                room.conversation().key(), userKey);
    }
}
