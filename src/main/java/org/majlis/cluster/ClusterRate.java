package org.majlis.cluster;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.majlis.limits.MessageRate;
import org.majlis.limits.SharedLimit;

/**
 * The message limit across nodes: one token bucket per user in Redis, taken from atomically by a
 * script with Redis' own clock, so every node sees the same bucket. Blocking (at most
 * {@link #TIMEOUT}): called where work already runs off the event loop (the message writer, once
 * per batch; worker threads).
 */
public class ClusterRate implements SharedLimit {

    /**
     * KEYS: one bucket per message; ARGV: tokens per millisecond and burst of each key, in turn.
     * Returns 0 or the milliseconds to wait, per key.
     */
    private static final String TAKE = """
            local now = redis.call('TIME')
            local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local waits = {}
            for i, key in ipairs(KEYS) do
              local rate = tonumber(ARGV[2 * i - 1])
              local burst = tonumber(ARGV[2 * i])
              local bucket = redis.call('HMGET', key, 'tokens', 'at')
              local tokens = tonumber(bucket[1]) or burst
              local at = tonumber(bucket[2]) or nowMs
              tokens = math.min(burst, tokens + math.max(0, nowMs - at) * rate)
              if tokens >= 1 then
                tokens = tokens - 1
                waits[i] = 0
              else
                waits[i] = math.ceil((1 - tokens) / rate)
              end
              redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(nowMs))
              redis.call('PEXPIRE', key, math.ceil(burst / rate) + 1000)
            end
            return waits
            """;

    /** A message waits for Redis at most this long; then the node's own limit decides. */
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final ReactiveRedisDataSource redis;

    public ClusterRate(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Takes one message from each user's bucket (a user may appear several times) at its rate; 0 or
     * milliseconds to wait, in order.
     */
    @Override
    public long[] take(List<String> userKeys, List<MessageRate> rates) {
        long[] waits = new long[userKeys.size()];
        if (userKeys.isEmpty()) {
            return waits;
        }
        List<String> arguments = new ArrayList<>();
        arguments.add(TAKE);
        arguments.add(Integer.toString(userKeys.size()));
        userKeys.forEach(user -> arguments.add("majlis:rate:" + user));
        rates.forEach(rate -> {
            arguments.add(Double.toString(rate.perSecond() / 1000));
            arguments.add(Integer.toString(rate.burst()));
        });
        Response reply = redis.execute("EVAL", arguments.toArray(String[]::new)).await().atMost(TIMEOUT);
        for (int i = 0; i < waits.length; i++) {
            waits[i] = reply.get(i).toLong();
        }
        return waits;
    }
}
