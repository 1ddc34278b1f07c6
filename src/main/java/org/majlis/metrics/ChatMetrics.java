package org.majlis.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.majlis.protocol.ErrorCode;

/** The chat's Prometheus meters, under {@code majlis_}. */
@Singleton
public class ChatMetrics {

    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);

    public ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.framesIn = Counter.builder("majlis.frames.in").description("Frames received from clients").register(registry);
        this.framesOut = Counter.builder("majlis.frames.out").description("Frames written to clients").register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder("majlis.errors").description("Error events sent, by code")
                    .tag("code", code.wire()).register(registry));
        }
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

    public void error(ErrorCode code) {
        errors.get(code).increment();
    }
}
