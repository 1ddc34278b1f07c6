package org.majlis.rooms;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.store.StoreException;
import org.majlis.names.Names;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/** {@link RoomStore} on the conversations and room_members tables. */
@ApplicationScoped
public class JdbcRoomStore implements RoomStore {

    private final Database database;

    public JdbcRoomStore(Database database) {
        this.database = database;
    }

    private record MemberRow(String conversation, String username) {
    }

    @Override
    public List<Room> loadAll() {
        try (Connection connection = database.connect()) {
            Map<String, Room> rooms = new LinkedHashMap<>();
            Sql.query(connection, "SELECT id, room_name, is_private, owner FROM conversations WHERE id LIKE 'r:%' AND id <> ?",
                    row -> rooms.put(row.getString(1), new Room(row.getString(2), row.getBoolean(3), row.getString(4), Map.of())),
                    Room.GENERAL.conversation().key());
            for (MemberRow member : Sql.query(connection, "SELECT conversation_id, username FROM room_members ORDER BY joined_at",
                    row -> new MemberRow(row.getString(1), row.getString(2)))) {
                rooms.computeIfPresent(member.conversation(), (id, room) -> room.withMember(member.username()));
            }
            return List.copyOf(rooms.values());
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public boolean create(Room room) {
        long now = System.currentTimeMillis();
        try {
            return Sql.transaction(database, connection -> {
                Sql.update(connection, """
                        INSERT INTO conversations (id, room_name, is_private, owner, last_seq, created_at)
                        VALUES (?, ?, ?, ?, 0, ?)""", room.conversation().key(), room.name(), room.isPrivate(), room.owner(), now);
                for (String member : room.members().values()) {
                    insertMember(connection, room, member, now);
                }
                return true;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException cause && Sql.isConstraintViolation(cause)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean addMember(Room room, String username) {
        try (Connection connection = database.connect()) {
            insertMember(connection, room, username, System.currentTimeMillis());
            return true;
        } catch (SQLException e) {
            if (Sql.isConstraintViolation(e)) {
                return false;
            }
            throw new StoreException(e);
        }
    }

    @Override
    public boolean removeMember(Room room, String userKey) {
        try (Connection connection = database.connect()) {
            return Sql.update(connection, "DELETE FROM room_members WHERE conversation_id = ? AND username_key = ?",
                    room.conversation().key(), userKey) > 0;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public void removeFromAll(String userKey) {
        try (Connection connection = database.connect()) {
            Sql.update(connection, "DELETE FROM room_members WHERE username_key = ?", userKey);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static void insertMember(Connection connection, Room room, String username, long now) throws SQLException {
        Sql.update(connection, "INSERT INTO room_members (conversation_id, username_key, username, joined_at) VALUES (?, ?, ?, ?)",
                room.conversation().key(), Names.key(username), username, now);
    }
}
