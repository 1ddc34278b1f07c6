package org.majlis.cluster;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.set.SetCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.majlis.names.Names;
import org.majlis.protocol.ServerEvent.UserStatus;

/**
 * {@link UserDirectory} in Redis. Keys: {@code majlis:nodes} (the nodes), {@code majlis:alive:<node>}
 * (refreshed every heartbeat, expires after the node timeout), {@code majlis:online:<node>}
 * (name key to "status name"), {@code majlis:guest:<name key>} (the nodes where a guest of that
 * name is connected) and {@code majlis:guests-of:<node>}. A node that misses its heartbeats is reaped by the first live node that notices: its users go offline
 * unless they are connected elsewhere, and its guest names are free again.
 */
public class RedisUserDirectory implements UserDirectory {

    private static final String NODES = "majlis:nodes";
    /**
     * KEYS: the name's holders, this node's names; ARGV: this node, 1 to refuse when another live
     * node holds the name (a new guest) or 0 to join them (a guest back with its session token).
     */
    private static final String HOLD = """
            if ARGV[2] == '1' then
              for _, holder in ipairs(redis.call('SMEMBERS', KEYS[1])) do
                if holder ~= ARGV[1] and redis.call('EXISTS', 'majlis:alive:' .. holder) == 1 then
                  return 0
                end
              end
            end
            redis.call('SADD', KEYS[1], ARGV[1])
            redis.call('SADD', KEYS[2], KEYS[1])
            return 1
            """;

    private final RedisDataSource redis;
    private final String node;
    private final Duration timeout;
    private final HashCommands<String, String, String> hashes;
    private final ValueCommands<String, String> values;
    private final SetCommands<String, String> sets;
    private final KeyCommands<String> keys;
    /** Writes of this node, one at a time so that they reach Redis in order. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("majlis-redis-writer").daemon().factory());

    public RedisUserDirectory(RedisDataSource redis, String node, Duration timeout) {
        this.redis = redis;
        this.node = node;
        this.timeout = timeout;
        this.hashes = redis.hash(String.class);
        this.values = redis.value(String.class);
        this.sets = redis.set(String.class);
        this.keys = redis.key();
        keys.del(online(node));
        heartbeatNow();
    }

    private static String online(String node) {
        return "majlis:online:" + node;
    }

    private static String alive(String node) {
        return "majlis:alive:" + node;
    }

    private static String guest(String key) {
        return "majlis:guest:" + key;
    }

    private static String guestsOf(String node) {
        return "majlis:guests-of:" + node;
    }

    @Override
    public boolean claimGuestName(String key) {
        return holdGuestName(key, true);
    }

    @Override
    public void joinGuestName(String key) {
        holdGuestName(key, false);
    }

    /** Adds this node to the name's holders, when {@code alone}, only if no other live node holds it. Atomic. */
    private boolean holdGuestName(String key, boolean alone) {
        return redis.execute("EVAL", HOLD, "2", guest(key), guestsOf(node), node, alone ? "1" : "0").toInteger() == 1;
    }

    @Override
    public void releaseGuestName(String key) {
        writer.execute(() -> {
            sets.srem(guest(key), node);
            sets.srem(guestsOf(node), guest(key));
        });
    }

    @Override
    public boolean guestElsewhere(String key) {
        for (String holder : sets.smembers(guest(key))) {
            if (!holder.equals(node) && isAlive(holder)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void online(String name, String status) {
        writer.execute(() -> hashes.hset(online(node), Names.key(name), status + " " + name));
    }

    @Override
    public void offline(String name) {
        writer.execute(() -> hashes.hdel(online(node), Names.key(name)));
    }

    @Override
    public List<UserStatus> elsewhere() {
        List<UserStatus> users = new ArrayList<>();
        for (String other : otherLiveNodes()) {
            hashes.hgetall(online(other)).values().forEach(entry -> users.add(status(entry)));
        }
        return users;
    }

    @Override
    public int countElsewhere() {
        int count = 0;
        for (String other : otherLiveNodes()) {
            count += (int) hashes.hlen(online(other));
        }
        return count;
    }

    @Override
    public List<UserStatus> statusesElsewhere(Collection<String> names) {
        String[] keys = names.stream().map(Names::key).distinct().toArray(String[]::new);
        List<UserStatus> users = new ArrayList<>();
        if (keys.length == 0) {
            return users;
        }
        for (String other : otherLiveNodes()) {
            hashes.hmget(online(other), keys).values().stream().filter(Objects::nonNull).forEach(entry -> users.add(status(entry)));
        }
        return users;
    }

    @Override
    public String nameElsewhere(String name) {
        for (String other : otherLiveNodes()) {
            String entry = hashes.hget(online(other), Names.key(name));
            if (entry != null) {
                return status(entry).username();
            }
        }
        return null;
    }

    /** An entry of an online hash: "status name". */
    private static UserStatus status(String entry) {
        int space = entry.indexOf(' ');
        return new UserStatus(entry.substring(space + 1), entry.substring(0, space), null);
    }

    /**
     * Blocking: tells Redis this node is alive, then reaps the nodes that are not; {@code wentOffline}
     * gets the users of a reaped node who are online nowhere else.
     */
    void heartbeat(Consumer<List<String>> wentOffline) {
        heartbeatNow();
        for (String other : sets.smembers(NODES)) {
            if (!other.equals(node) && !isAlive(other) && lock("majlis:reap:" + other)) {
                reap(other, wentOffline);
            }
        }
    }

    /** Blocking: a graceful stop takes this node out at once instead of waiting for the timeout. */
    void leave(Consumer<List<String>> wentOffline) {
        writer.shutdown();
        reap(node, wentOffline);
        keys.del(alive(node));
    }

    private void reap(String dead, Consumer<List<String>> wentOffline) {
        Map<String, String> users = hashes.hgetall(online(dead));
        keys.del(online(dead));
        for (String held : sets.smembers(guestsOf(dead))) {
            sets.srem(held, dead);
        }
        keys.del(guestsOf(dead));
        sets.srem(NODES, dead);
        List<String> offline = new ArrayList<>();
        for (String entry : users.values()) {
            String name = status(entry).username();
            if (!onlineElsewhere(name)) {
                offline.add(name);
            }
        }
        if (!offline.isEmpty()) {
            wentOffline.accept(offline);
        }
        Log.infof("node %s left the cluster; %d of its users went offline", dead, users.size());
    }

    private void heartbeatNow() {
        values.set(alive(node), "1", new SetArgs().px(timeout));
        sets.sadd(NODES, node);
    }

    private boolean lock(String key) {
        return values.setGet(key, node, new SetArgs().nx().px(timeout.multipliedBy(2))) == null;
    }

    private boolean isAlive(String other) {
        return keys.exists(alive(other));
    }

    private List<String> otherLiveNodes() {
        List<String> live = new ArrayList<>();
        for (String other : sets.smembers(NODES)) {
            if (!other.equals(node) && isAlive(other)) {
                live.add(other);
            }
        }
        return live;
    }
}
