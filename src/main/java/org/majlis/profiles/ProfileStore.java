package org.majlis.profiles;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.names.Names;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/** The profiles table, read together with the accounts it belongs to. Blocking (JDBC). */
@ApplicationScoped
class ProfileStore {

    /** An avatar's bytes and the version they are. */
    record Avatar(byte[] png, String version) {
    }

    private final Database database;

    ProfileStore(Database database) {
        this.database = database;
    }

    /** The account's profile (empty when nothing was set), or null when no live account has the name. */
    Profile find(String name) {
        return Sql.run(database, connection -> Sql.first(connection, "SELECT a.username, p.display_name, p.status_text,"
                + " p.avatar_version FROM accounts a LEFT JOIN profiles p ON p.username_key = a.username_key"
                + " WHERE a.username_key = ? AND a.deleted_at IS NULL", row -> new Profile(row.getString(1), row.getString(2), row.getString(3),
                row.getString(4)), Names.key(name)));
    }

    void setText(String name, String displayName, String statusText) {
        upsert(name, "display_name", "status_text", displayName, statusText);
    }

    /** Sets the avatar, or removes it with nulls. */
    void setAvatar(String name, byte[] png, String version) {
        upsert(name, "avatar", "avatar_version", png, version);
    }

    /** The avatar of the account of that name, or null. */
    Avatar avatar(String name) {
        return Sql.run(database, connection -> Sql.first(connection, "SELECT avatar, avatar_version FROM profiles"
                + " WHERE username_key = ? AND avatar IS NOT NULL", row -> new Avatar(row.getBytes(1), row.getString(2)),
                Names.key(name)));
    }

    /** Removes the profile of the account with that key (deleted): its name's next owner starts afresh. */
    void delete(String usernameKey) {
        Sql.run(database, connection -> Sql.update(connection, "DELETE FROM profiles WHERE username_key = ?", usernameKey));
    }

    /** Two columns of the row, inserted or updated in one statement (SQLite and PostgreSQL both take ON CONFLICT). */
    private void upsert(String name, String first, String second, Object firstValue, Object secondValue) {
        Sql.run(database, connection -> Sql.update(connection, "INSERT INTO profiles (username_key, " + first + ", " + second
                + ", updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (username_key) DO UPDATE SET " + first + " = excluded." + first
                + ", " + second + " = excluded." + second + ", updated_at = excluded.updated_at", Names.key(name), firstValue,
                secondValue, System.currentTimeMillis()));
    }
}
