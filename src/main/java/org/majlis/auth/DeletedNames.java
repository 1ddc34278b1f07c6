package org.majlis.auth;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.majlis.config.MajlisConfig;

/**
 * Frees the names of deleted accounts once {@code majlis.deleted-name-hold} has passed: until
 * then nobody can register or take as a guest the name (or one that looks like it), so nobody
 * can pass for the person who deleted it. Whoever takes a freed name inherits nothing (the
 * former holder's direct conversations are forgotten then, as for any name that changes hands).
 */
@ApplicationScoped
public class DeletedNames {

    private static final long SWEEP_MILLIS = 3_600_000;

    private final AccountStore store;
    private final Vertx vertx;
    private final long holdMillis;

    public DeletedNames(AccountStore store, Vertx vertx, MajlisConfig config) {
        this.store = store;
        this.vertx = vertx;
        this.holdMillis = config.deletedNameHold().toMillis();
    }

    void schedule(@Observes StartupEvent start) {
        vertx.setPeriodic(SWEEP_MILLIS, id -> vertx.executeBlocking(this::freeExpired, false)
                .onFailure(e -> Log.warnf("freeing the names of deleted accounts failed, tried again in an hour: %s", e.toString())));
    }

    /** Removes the accounts deleted longer ago than the hold; returns how many. Blocking. */
    int freeExpired() {
        return store.removeDeletedBefore(System.currentTimeMillis() - holdMillis);
    }
}
