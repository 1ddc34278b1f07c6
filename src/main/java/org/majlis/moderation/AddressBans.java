package org.majlis.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.limits.AddressRange;
import org.majlis.limits.ServerPolicy;
import org.majlis.protocol.CloseCodes;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/**
 * When the bans change, this node closes (1008) the logged-in connections that come from a banned
 * address range; new ones are refused at the upgrade ({@code ConnectionLimitCheck}). Other nodes
 * do it when they next read the policy.
 */
@ApplicationScoped
public class AddressBans {

    private final UserRegistry registry;

    public AddressBans(UserRegistry registry) {
        this.registry = registry;
    }

    void bansChanged(@Observes ServerPolicy.Changed changed) {
        if (changed.ranges().isEmpty()) {
            return;
        }
        for (OnlineUser user : registry.onlineUsers()) {
            for (Session session : user.sessions()) {
                if (changed.ranges().stream().anyMatch(range -> range.contains(session.address()))) {
                    session.close(CloseCodes.POLICY, "your address is banned from this server");
                }
            }
        }
    }

    /** The range an administrator gave, or a refusal. */
    static AddressRange range(String text) {
        AddressRange range = AddressRange.parse(text);
        if (range == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD,
                    "an address range is an IPv4 or IPv6 address with an optional /prefix");
        }
        return range;
    }
}
