package org.majlis.limits;

import java.util.List;

/**
 * The message limit counted across the nodes of a cluster (the cluster package provides it, with
 * Redis); {@link #NONE} on a single node, where each node's own limit is the whole limit.
 */
public interface SharedLimit {

    /**
     * For each user key (in order, repeats allowed), at the rate of the same index: 0 when allowed,
     * else milliseconds to wait. Blocking.
     */
    long[] take(List<String> userKeys, List<MessageRate> rates);

    SharedLimit NONE = (userKeys, rates) -> new long[userKeys.size()];
}
