package org.majlis.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.majlis.config.MajlisConfig;
import org.majlis.names.Names;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/**
 * Server administrators: accounts named in {@code majlis.admins}, and accounts an administrator
 * named (the {@code server_admins} table, so every node agrees at once). A guest is never one,
 * whatever its name: guest names are free for anyone to take. Blocking: worker threads only.
 */
@ApplicationScoped
public class Admins {

    private final Set<String> configured;
    private final List<String> configuredNames;
    private final Database database;

    public Admins(MajlisConfig config, Database database) {
        this.database = database;
        this.configuredNames = config.admins().orElse(List.of());
        this.configured = configuredNames.stream().map(Names::key).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the logged-in user is an administrator. */
    public boolean isAdmin(String username, boolean guest) {
        if (guest) {
            return false;
        }
        String key = Names.key(username);
        return configured.contains(key) || Sql.run(database, connection -> Sql.first(connection,
                "SELECT 1 FROM server_admins WHERE username_key = ?", row -> 1, key)) != null;
    }

    /** Every administrator's name, configured or named, by name. */
    public List<String> all() {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(configuredNames);
        names.addAll(Sql.run(database, connection -> Sql.query(connection, "SELECT username FROM server_admins",
                row -> row.getString(1))));
        return List.copyOf(names);
    }

    /** Names an account administrator; false when it was one already. */
    public boolean name(String username, String by) {
        if (isAdmin(username, false)) {
            return false;
        }
        return Sql.run(database, connection -> Sql.update(connection,
                "INSERT INTO server_admins (username_key, username, named_by, named_at) VALUES (?, ?, ?, ?)",
                Names.key(username), username, by, System.currentTimeMillis())) == 1;
    }

    /** Whether the administrator was named in configuration (and so cannot be removed at run time). */
    public boolean isConfigured(String username) {
        return configured.contains(Names.key(username));
    }

    /** Removes an administrator named at run time; false when it was not one. */
    public boolean remove(String username) {
        return Sql.run(database, connection -> Sql.update(connection, "DELETE FROM server_admins WHERE username_key = ?",
                Names.key(username))) == 1;
    }
}
