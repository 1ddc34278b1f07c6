package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.majlis.limits.Limits;
import org.majlis.messages.SenderAdmission;

/** The message writer's admission: the cluster-wide message limit, for a whole batch in one round trip. */
@ApplicationScoped
public class ClusterMessageLimit implements SenderAdmission {

    private final Limits limits;

    public ClusterMessageLimit(Limits limits) {
        this.limits = limits;
    }

    @Override
    public long[] waits(List<Sender> senders) {
        return limits.clusterMessages(senders, Sender::name, Sender::guest);
    }
}
