package org.majlis.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.majlis.config.MajlisConfig;

/** Every metric carries the node's name, so a cluster's nodes can be told apart in one Prometheus. */
@Singleton
public class NodeTag {

    @Produces
    @Singleton
    MeterFilter nodeTag(MajlisConfig config) {
        return MeterFilter.commonTags(Tags.of("node", config.cluster().nodeName()));
    }
}
