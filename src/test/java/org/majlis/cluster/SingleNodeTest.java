package org.majlis.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** One node (cluster mode off, the default) makes no Redis client: ClusterIT runs the other case. */
@QuarkusTest
class SingleNodeTest {

    @Inject
    InjectableInstance<Redis> redis;

    @Inject
    InjectableInstance<RedisDataSource> redisDataSource;

    @Test
    void noRedisClientIsMade() {
        assertTrue(redis.listActive().isEmpty(), "a single node has an active Redis client");
        assertTrue(redisDataSource.listActive().isEmpty(), "a single node has an active Redis data source");
    }
}
