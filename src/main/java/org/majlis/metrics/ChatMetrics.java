package org.majlis.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.majlis.protocol.ErrorCode;

/** The chat's Prometheus meters, under {@code majlis_}. */
@Singleton
public class ChatMetrics {

    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Timer storeLatency;
    private final Timer storeWrite;
    private final Timer deliveryWait;

    public ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.framesIn = Counter.builder("majlis.frames.in").description("Frames received from clients").register(registry);
        this.framesOut = Counter.builder("majlis.frames.out").description("Frames written to clients").register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder("majlis.errors").description("Error events sent, by code")
                    .tag("code", code.wire()).register(registry));
        }
        this.storeLatency = histogram("majlis.messages.store.latency",
                "Each message from its hand-over to the message writer until its batch is written (queue, linger, write)");
        this.storeWrite = histogram("majlis.messages.store.write", "Each batch's write (a journal append or a transaction)");
        this.deliveryWait = histogram("majlis.messages.delivery.wait", "Each stored batch's wait for the delivery thread");
    }

    /** With buckets from 10 µs to 1 s, so that Prometheus (or the benchmark) can tell the percentiles of a time span. */
    private Timer histogram(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void framesOut(long count) {
        if (count > 0) {
            framesOut.increment(count);
        }
    }

    /** A message's batch was written (it is stored, or refused) this long after it was handed to the writer. */
    public void stored(long nanos) {
        storeLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void batchWritten(long nanos) {
        storeWrite.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A stored batch's acks and deliveries began this long after the writer handed them over. */
    public void deliveryWaited(long nanos) {
        deliveryWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void error(ErrorCode code) {
        errors.get(code).increment();
    }
}
