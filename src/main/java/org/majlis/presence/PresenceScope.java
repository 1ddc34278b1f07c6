package org.majlis.presence;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.majlis.cluster.Cluster;
import org.majlis.cluster.LocalDelivery;
import org.majlis.cluster.Target;
import org.majlis.cluster.UserDirectory;
import org.majlis.config.MajlisConfig;
import org.majlis.connections.Frames;
import org.majlis.connections.UserRegistry;
import org.majlis.protocol.ServerEvent.Presence;
import org.majlis.protocol.ServerEvent.UserStatus;

/**
 * Whether everyone hears of everyone's presence ({@code all}) or each connection of those it shows
 * ({@code subscribed}): the latter above {@code majlis.presence.large-threshold} users online in
 * the whole cluster, back to the former at 80 % of it, so that a count wavering at the threshold
 * does not switch back and forth. Each node decides from its count (in a cluster, the other nodes'
 * users are counted once a second) and tells its own connections when it switches.
 */
@ApplicationScoped
public class PresenceScope {

    public static final String ALL = "all";
    public static final String SUBSCRIBED = "subscribed";
    private static final long COUNT_ELSEWHERE_MILLIS = 1000;

    private final UserRegistry registry;
    private final LocalDelivery local;
    private final Frames frames;
    private final Vertx vertx;
    private final UserDirectory directory;
    private final boolean clustered;
    private final int threshold;
    private final int backToAll;
    private volatile boolean subscribed;
    /** Set while the switch back to {@code all} waits for its list of everyone: changes wait too, to come after it. */
    private final AtomicBoolean switchingBack = new AtomicBoolean();
    private volatile int elsewhere;

    public PresenceScope(UserRegistry registry, LocalDelivery local, Frames frames, UserDirectory directory, Cluster cluster,
            Vertx vertx, MajlisConfig config) {
        this.registry = registry;
        this.local = local;
        this.frames = frames;
        this.vertx = vertx;
        this.directory = directory;
        this.clustered = cluster.enabled();
        this.threshold = config.presence().largeThreshold();
        this.backToAll = threshold * 4 / 5;
    }

    /** In a cluster, the other nodes' users are counted once a second from the start on (not from first use). */
    void start(@Observes StartupEvent start) {
        if (clustered) {
            vertx.setPeriodic(COUNT_ELSEWHERE_MILLIS, id -> vertx.executeBlocking(directory::countElsewhere, false)
                    .onSuccess(count -> elsewhere = count));
        }
    }

    /** Users online in the whole cluster (the other nodes' as of the last count). */
    public int online() {
        return registry.onlineCount() + elsewhere;
    }

    public boolean subscribed() {
        return subscribed;
    }

    public String name() {
        return subscribed ? SUBSCRIBED : ALL;
    }

    /** Whether changes must wait: the switch back to {@code all} has not told this node's connections yet. */
    boolean switchingBack() {
        return switchingBack.get();
    }

    /**
     * Switches the scope when the count has crossed the threshold, and tells this node's
     * connections: to {@code subscribed} with an empty list, back to {@code all} with everyone
     * online (blocking in a cluster, so asked on a worker thread). The scope stays
     * {@code subscribed} until that list is on its way, then {@code afterSwitchBack} runs: changes
     * sent to everyone before it would reach connections still told {@code subscribed}. If the
     * list cannot be made (another node's users unreachable), the next change tries again.
     */
    void reconsider(Supplier<List<UserStatus>> everyone, Runnable afterSwitchBack) {
        int online = online();
        if (!subscribed && online > threshold) {
            subscribed = true;
            tell(new Presence(null, List.of(), SUBSCRIBED, online));
        } else if (subscribed && online <= backToAll && switchingBack.compareAndSet(false, true)) {
            vertx.executeBlocking(everyone::get, false).onComplete(users -> {
                if (users.failed()) { // still subscribed: the next change's batch tries again
                    switchingBack.set(false);
                    return;
                }
                tell(new Presence(null, users.result(), ALL, online()));
                subscribed = false;
                switchingBack.set(false);
                afterSwitchBack.run();
            });
        }
    }

    private void tell(Presence event) {
        local.deliver(new Target.Everyone(), frames.encode(event));
    }
}
