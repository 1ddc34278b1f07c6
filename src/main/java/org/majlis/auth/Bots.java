package org.majlis.auth;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.majlis.names.Names;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/**
 * Bot accounts: accounts an administrator created, marked in the {@code bots} table. This node
 * knows every bot from its start, and learns of one created elsewhere when it logs in here
 * ({@link #loggedIn}), so that {@link #isBot} can answer on the event loop. A bot's name stays
 * taken when the bot is deleted: its account remains, without a password anybody knows.
 */
@Startup
@ApplicationScoped
public class Bots {

    /** A bot as the administrators' list shows it. */
    @RegisterForReflection
    public record Bot(String username, String createdBy, long createdAt) {
    }

    private final Database database;
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    public Bots(Database database) {
        this.database = database;
        keys.addAll(Sql.run(database, connection -> Sql.query(connection, "SELECT username_key FROM bots", row -> row.getString(1))));
    }

    /** Whether the name is a bot's (of an account, not a guest). Cheap, for the event loop. */
    public boolean isBot(String username) {
        return keys.contains(Names.key(username));
    }

    /** Blocking: marks a new account as a bot. */
    public void mark(String username, String createdBy) {
        Sql.run(database, connection -> Sql.update(connection, "INSERT INTO bots (username_key, username, created_by, created_at)"
                + " VALUES (?, ?, ?, ?)", Names.key(username), username, createdBy, System.currentTimeMillis()));
        keys.add(Names.key(username));
    }

    /** Blocking: the account that logged in is looked up, so that a bot created on another node is known here. */
    public void loggedIn(String username) {
        String key = Names.key(username);
        if (!keys.contains(key) && Sql.run(database, connection -> Sql.first(connection,
                "SELECT 1 FROM bots WHERE username_key = ?", row -> true, key)) != null) {
            keys.add(key);
        }
    }

    /** Blocking: every bot, by name. */
    public List<Bot> list() {
        return Sql.run(database, connection -> Sql.query(connection, "SELECT username, created_by, created_at FROM bots ORDER BY username_key",
                row -> new Bot(row.getString(1), row.getString(2), row.getLong(3))));
    }

    /** Blocking: the bot's spelling of the name, or null when it is no bot. */
    public String find(String username) {
        String name = Names.normalize(username);
        return name == null ? null : Sql.run(database, connection -> Sql.first(connection,
                "SELECT username FROM bots WHERE username_key = ?", row -> row.getString(1), Names.key(name)));
    }

    /** Blocking: no longer a bot (its sessions are the caller's to end); false when it was none. */
    public boolean unmark(String username) {
        String key = Names.key(username);
        keys.remove(key);
        return Sql.run(database, connection -> Sql.update(connection, "DELETE FROM bots WHERE username_key = ?", key)) > 0;
    }
}
