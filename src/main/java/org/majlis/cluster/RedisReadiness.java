package org.majlis.cluster;

import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** In a cluster a node without Redis cannot reach the others: not ready. A single node does not use Redis. */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    private final Cluster cluster;
    private final Instance<RedisDataSource> redis;

    public RedisReadiness(Cluster cluster, Instance<RedisDataSource> redis) {
        this.cluster = cluster;
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        if (!cluster.enabled()) {
            return HealthCheckResponse.named("redis").up().withData("cluster", false).build();
        }
        try {
            redis.get().execute("PING");
            return HealthCheckResponse.named("redis").up().withData("node", cluster.node()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("redis").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
