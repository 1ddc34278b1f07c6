package org.majlis.rooms;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.majlis.store.Sql;

/** Reads the moderators, bans and mutes of every room into the rooms loaded at start. */
final class RoomControlsLoader {

    private record Row(String conversation, String userKey, String username, long until) {
    }

    private RoomControlsLoader() {
    }

    static void load(Connection connection, Map<String, Room> rooms) throws SQLException {
        for (Row row : rows(connection, "SELECT conversation_id, username_key, username, 0 FROM room_moderators ORDER BY named_at")) {
            change(rooms, row, controls -> controls.withModerator(row.username(), true));
        }
        for (Row row : rows(connection, "SELECT conversation_id, username_key, username, 0 FROM room_bans ORDER BY banned_at")) {
            change(rooms, row, controls -> controls.withBan(row.username(), true));
        }
        long now = System.currentTimeMillis();
        for (Row row : rows(connection, "SELECT conversation_id, username_key, username_key, muted_until FROM room_mutes")) {
            if (row.until() > now) {
                change(rooms, row, controls -> controls.withMute(row.userKey(), row.until()));
            }
        }
    }

    private static List<Row> rows(Connection connection, String sql) throws SQLException {
        return Sql.query(connection, sql, row -> new Row(row.getString(1), row.getString(2), row.getString(3), row.getLong(4)));
    }

    private static void change(Map<String, Room> rooms, Row row, UnaryOperator<RoomControls> change) {
        rooms.computeIfPresent(row.conversation(), (id, room) -> room.withControls(change.apply(room.controls())));
    }
}
