package org.majlis.limits;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Refuses the upgrade (429) when the client's address has its maximum of open connections. */
@ApplicationScoped
public class ConnectionLimitCheck implements HttpUpgradeCheck {

    static final int TOO_MANY_REQUESTS = 429;

    private final Limits limits;

    public ConnectionLimitCheck(Limits limits) {
        this.limits = limits;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return limits.mayConnect(ClientAddress.of(context.httpRequest())) ? CheckResult.permitUpgrade()
                : CheckResult.rejectUpgrade(TOO_MANY_REQUESTS);
    }
}
