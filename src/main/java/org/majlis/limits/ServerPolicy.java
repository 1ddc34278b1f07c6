package org.majlis.limits;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.majlis.config.MajlisConfig;
import org.majlis.names.Names;
import org.majlis.store.Database;
import org.majlis.store.Sql;

/**
 * What administrators set at run time: whether guests may log in and whether accounts may be
 * registered (the configuration gives the defaults), the guest names and the address ranges that
 * are banned. Kept in the database and in memory, so checks cost no query; every node reads it
 * again every {@value #REFRESH_MILLIS} ms (the node that takes a change at once) and fires
 * {@link Changed} when the bans changed.
 */
@ApplicationScoped
public class ServerPolicy {

    static final long REFRESH_MILLIS = 10_000;
    public static final String NAME = "name";
    public static final String ADDRESS = "address";

    /** A ban as stored: {@code value} is a name's skeleton or a range; {@code shown} as an administrator wrote it. */
    public record Ban(String kind, String value, String shown, String by, String reason, long at) {
    }

    /** The bans changed (an administrator added one, here or on another node). */
    public record Changed(List<AddressRange> ranges) {
    }

    private record Snapshot(boolean guests, boolean registration, Set<String> names, List<AddressRange> ranges, List<Ban> bans,
            MessageRate guestRate, MessageRate accountRate) {
    }

    private final Database database;
    private final Vertx vertx;
    private final Event<Changed> changed;
    private final boolean guestsByDefault;
    private final MessageRate rateByDefault;
    private volatile Snapshot current;

    public ServerPolicy(Database database, Vertx vertx, Event<Changed> changed, MajlisConfig config) {
        this.database = database;
        this.vertx = vertx;
        this.changed = changed;
        this.guestsByDefault = config.guests();
        this.rateByDefault = new MessageRate(config.limits().messagesPerSecond(), config.limits().messagesBurst());
        this.current = new Snapshot(guestsByDefault, true, Set.of(), List.of(), List.of(), rateByDefault, rateByDefault);
    }

    /** Reads the policy before the first connection, then every {@value #REFRESH_MILLIS} ms. */
    void schedule(@Observes StartupEvent start) {
        current = read();
        vertx.setPeriodic(REFRESH_MILLIS, id -> vertx.executeBlocking(() -> {
            refresh();
            return null;
        }, false).onFailure(e -> Log.warnf("reading the server policy failed, tried again shortly: %s", e.toString())));
    }

    public boolean guestsAllowed() {
        return current.guests();
    }

    public boolean registrationOpen() {
        return current.registration();
    }

    /** Whether a guest may not take the name (nor one that looks like it). */
    public boolean guestNameBanned(String name) {
        Set<String> names = current.names();
        return !names.isEmpty() && names.contains(Names.skeleton(name));
    }

    public boolean addressBanned(String address) {
        List<AddressRange> ranges = current.ranges();
        return !ranges.isEmpty() && ranges.stream().anyMatch(range -> range.contains(address));
    }

    /** The message limit of guests, or of accounts ({@code majlis.limits.messages-*} unless an administrator set it). */
    public MessageRate messageRate(boolean guest) {
        return guest ? current.guestRate() : current.accountRate();
    }

    /** Blocking. Sets the message limit of guests or of accounts for every node. */
    public void setMessageRate(boolean guest, MessageRate rate) {
        String role = guest ? "guest" : "account";
        Sql.transaction(database, connection -> {
            Sql.update(connection, "DELETE FROM server_settings WHERE name = ?", "messages." + role);
            return Sql.update(connection, "INSERT INTO server_settings (name, value) VALUES (?, ?)", "messages." + role,
                    rate.perSecond() + "/" + rate.burst());
        });
        refresh();
    }

    /** Blocking. The message limits of both roles go back to the configured ones. */
    public void resetMessageRates() {
        Sql.run(database, connection -> Sql.update(connection, "DELETE FROM server_settings WHERE name LIKE 'messages.%'"));
        refresh();
    }

    public List<Ban> bans() {
        return current.bans();
    }

    /** Blocking. Sets a switch ({@code guests}, {@code registration}) for every node. */
    public void set(String setting, boolean on) {
        Sql.transaction(database, connection -> {
            Sql.update(connection, "DELETE FROM server_settings WHERE name = ?", setting);
            return Sql.update(connection, "INSERT INTO server_settings (name, value) VALUES (?, ?)", setting, Boolean.toString(on));
        });
        refresh();
    }

    /** Blocking. Bans a guest name ({@link #NAME}) or an address range ({@link #ADDRESS}); false when banned already. */
    public boolean ban(String kind, String value, String shown, String by, String reason) {
        boolean added = Sql.run(database, connection -> Sql.first(connection, "SELECT 1 FROM server_bans WHERE kind = ? AND value = ?",
                row -> 1, kind, value) == null && Sql.update(connection, """
                INSERT INTO server_bans (kind, value, shown, banned_by, reason, banned_at) VALUES (?, ?, ?, ?, ?, ?)""",
                kind, value, shown, by, reason, System.currentTimeMillis()) == 1);
        refresh();
        return added;
    }

    /** Blocking. Lifts a ban; false when there was none. */
    public boolean unban(String kind, String value) {
        boolean removed = Sql.run(database, connection -> Sql.update(connection,
                "DELETE FROM server_bans WHERE kind = ? AND value = ?", kind, value)) == 1;
        refresh();
        return removed;
    }

    /** Blocking. Reads the policy again; tells when the bans changed. */
    void refresh() {
        Snapshot before = current;
        current = read();
        if (!current.bans().equals(before.bans())) {
            changed.fire(new Changed(current.ranges()));
        }
    }

    /** A stored rate ({@code perSecond/burst}), or the configured one. */
    private MessageRate rate(String stored) {
        if (stored == null) {
            return rateByDefault;
        }
        String[] parts = stored.split("/");
        return new MessageRate(Double.parseDouble(parts[0]), Integer.parseInt(parts[1]));
    }

    private Snapshot read() {
        return Sql.run(database, connection -> {
            Map<String, String> settings = new HashMap<>();
            Sql.query(connection, "SELECT name, value FROM server_settings", row -> settings.put(row.getString(1), row.getString(2)));
            List<Ban> bans = Sql.query(connection, "SELECT kind, value, shown, banned_by, reason, banned_at FROM server_bans"
                    + " ORDER BY banned_at DESC", row -> new Ban(row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4), row.getString(5), row.getLong(6)));
            Set<String> names = bans.stream().filter(ban -> NAME.equals(ban.kind())).map(Ban::value).collect(Collectors.toUnmodifiableSet());
            List<AddressRange> ranges = bans.stream().filter(ban -> ADDRESS.equals(ban.kind())).map(ban -> AddressRange.parse(ban.value()))
                    .toList();
            return new Snapshot(Boolean.parseBoolean(settings.getOrDefault("guests", Boolean.toString(guestsByDefault))),
                    Boolean.parseBoolean(settings.getOrDefault("registration", "true")), names, ranges, List.copyOf(bans),
                    rate(settings.get("messages.guest")), rate(settings.get("messages.account")));
        });
    }
}
