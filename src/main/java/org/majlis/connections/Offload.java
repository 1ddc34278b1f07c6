package org.majlis.connections;

import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/**
 * Blocking work for a request (JDBC, bcrypt) on a worker thread, then back on the connection's
 * event loop. Work of one connection runs in the order it was asked for, each piece after the one
 * before has finished and answered; the work of different connections runs side by side (Vert.x'
 * ordered {@code executeBlocking} would queue every connection of an event loop behind one
 * another: a login wave ran two logins at a time). A failure answers the request: a
 * {@link ProtocolException} as it is, anything else as {@code internal}.
 */
@ApplicationScoped
public class Offload {

    private final Vertx vertx;
    private final UserRegistry registry;
    private final NodeStopping node;

    public Offload(Vertx vertx, UserRegistry registry, NodeStopping node) {
        this.vertx = vertx;
        this.registry = registry;
        this.node = node;
    }

    public <T> void run(Session session, String ref, String what, Callable<T> work, Consumer<T> then) {
        run(session, ref, what, work, then, () -> { });
    }

    /**
     * As {@link #run(Session, String, String, Callable, Consumer)}, undoing something first when it
     * fails. On the connection's event loop.
     */
    public <T> void run(Session session, String ref, String what, Callable<T> work, Consumer<T> then, Runnable undo) {
        Promise<Void> turn = Promise.promise();
        Future<Void> done = turn.future();
        Future<Void> before = session.offloaded;
        session.offloaded = done;
        Runnable start = () -> vertx.executeBlocking(work, false).onComplete(result -> {
            try {
                answer(session, ref, what, result, then, undo);
            } finally {
                if (session.offloaded == done) {
                    session.offloaded = null; // nothing waits: an idle connection holds no future
                }
                turn.complete();
            }
        });
        if (before == null) {
            start.run();
        } else {
            before.onComplete(ignored -> start.run());
        }
    }

    private <T> void answer(Session session, String ref, String what, AsyncResult<T> result, Consumer<T> then, Runnable undo) {
        if (result.succeeded()) {
            then.accept(result.result());
            return;
        }
        undo.run();
        if (result.cause() instanceof ProtocolException refusal) {
            registry.refuse(session, refusal.withRef(ref));
        } else if (node.stopping()) { // work cut short by the stop: the client comes back, maybe elsewhere
            Log.debugf("%s ended by the stop: %s", what, result.cause());
            node.close(session);
        } else {
            Log.errorf(result.cause(), "%s failed", what);
            registry.refuse(session, new ProtocolException(ErrorCode.INTERNAL, what + " failed, try again", ref));
        }
    }
}
