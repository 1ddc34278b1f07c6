package org.majlis.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.majlis.config.MajlisConfig;
import org.majlis.connections.Frames;
import org.majlis.limits.SharedLimit;
import org.majlis.store.Database;

/**
 * One node, or one of several: picks the in-process or the Redis implementations of fan-out,
 * the user directory and the shared message limit, and keeps this node's heartbeat.
 */
@Startup
@ApplicationScoped
public class Cluster {

    private final boolean enabled;
    private final String node;
    private final FanOut fanOut;
    private final UserDirectory users;
    private final ClusterRate rate;
    private final Instance<WentOffline> wentOffline;

    /** Told about the users of a departed node who are online nowhere else. */
    public interface WentOffline {
        void wentOffline(List<String> names);
    }

    public Cluster(MajlisConfig config, LocalDelivery local, Frames frames, ObjectMapper json, Database database, Vertx vertx,
            Instance<RedisDataSource> redis, Instance<ReactiveRedisDataSource> reactiveRedis, Instance<Redis> lowLevelRedis,
            Instance<WentOffline> wentOffline) {
        MajlisConfig.Cluster cluster = config.cluster();
        this.enabled = cluster.enabled();
        this.node = cluster.nodeName();
        this.wentOffline = wentOffline;
        if (!enabled) {
            fanOut = new LocalFanOut(local, frames);
            users = UserDirectory.LOCAL;
            rate = null;
            return;
        }
        if (!Database.POSTGRES.equals(database.name())) {
            throw new IllegalStateException("cluster mode needs the shared PostgreSQL store: activate the pg datasource"
                    + " (profile prod,cluster or quarkus.datasource.pg.active=true)");
        }
        fanOut = new RedisFanOut(local, frames, json, lowLevelRedis.get(), vertx, node);
        RedisUserDirectory directory = new RedisUserDirectory(redis.get(), node, cluster.nodeTimeout());
        users = directory;
        rate = new ClusterRate(reactiveRedis.get());
        vertx.setPeriodic(cluster.heartbeatInterval().toMillis(), id -> vertx.executeBlocking(() -> {
            directory.heartbeat(this::userLeft);
            return null;
        }, false).onFailure(e -> Log.warnf("cluster heartbeat failed: %s", e.toString())));
        Log.infof("node %s joined the cluster", node);
    }

    @Produces
    @ApplicationScoped
    FanOut fanOut() {
        return fanOut;
    }

    @Produces
    @ApplicationScoped
    UserDirectory users() {
        return users;
    }

    public boolean enabled() {
        return enabled;
    }

    public String node() {
        return node;
    }

    /** The cluster-wide message limit, or {@link SharedLimit#NONE} on a single node. */
    @Produces
    @Singleton // no client proxy: Limits compares it with NONE
    SharedLimit sharedLimit() {
        return rate == null ? SharedLimit.NONE : rate;
    }

    private void userLeft(List<String> names) {
        wentOffline.forEach(listener -> listener.wentOffline(names));
    }

    /** A stopping node takes itself out of the cluster at once: its users are offline unless connected elsewhere. */
    void leave(@Observes ShutdownEvent shutdown) {
        if (users instanceof RedisUserDirectory directory) {
            try {
                directory.leave(this::userLeft);
            } catch (RuntimeException e) {
                Log.warnf("could not leave the cluster cleanly (%s): the others reap this node after its timeout", e.toString());
            }
        }
    }
}
