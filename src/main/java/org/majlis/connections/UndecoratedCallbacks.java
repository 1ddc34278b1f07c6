package org.majlis.connections;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Mutiny hands every callback of a Uni to SmallRye Context Propagation's decorator, which
 * captures the CDI request context and Narayana's transaction with each one: five captures held
 * by each connection's long-lived Unis (0.6 KiB of heap per connection) and a capture and restore
 * around callbacks on every frame. Nothing in Majlis carries a request context or a transaction
 * across a Uni (no {@code @Transactional}, no request-scoped bean; websockets-next and Quarkus REST
 * activate their contexts themselves), so the decorator is let go at start, before the first
 * connection. It is the only one on the class path, and Mutiny has no interceptors besides.
 */
@ApplicationScoped
class UndecoratedCallbacks {

    void start(@Observes StartupEvent start) {
        Infrastructure.clearInterceptors();
    }
}
