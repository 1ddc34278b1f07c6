package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.config.MajlisConfig;
import org.majlis.connections.Offload;
import org.majlis.connections.PresenceInterest;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.names.Names;
import org.majlis.presence.PresenceService;
import org.majlis.protocol.ClientEvent.PresenceSubscribe;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Presence;

/**
 * {@code presence_subscribe}: whose presence this connection shows, replacing what it said before;
 * answered with {@code presence} carrying their statuses now. In the {@code subscribed} scope their
 * changes come to this connection from then on.
 */
@ApplicationScoped
public class PresenceSubscribeHandler implements Command<PresenceSubscribe> {

    private final PresenceInterest interest;
    private final PresenceService presence;
    private final UserRegistry registry;
    private final Offload offload;
    private final int maxSubscriptions;

    public PresenceSubscribeHandler(PresenceInterest interest, PresenceService presence, UserRegistry registry, Offload offload,
            MajlisConfig config) {
        this.interest = interest;
        this.presence = presence;
        this.registry = registry;
        this.offload = offload;
        this.maxSubscriptions = config.presence().maxSubscriptions();
    }

    @Override
    public Class<PresenceSubscribe> event() {
        return PresenceSubscribe.class;
    }

    @Override
    public void handle(Session session, PresenceSubscribe event) {
        List<String> requested = event.payload() == null ? null : event.payload().users();
        if (requested == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "users is required");
        }
        if (requested.size() > maxSubscriptions) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "at most " + maxSubscriptions + " users");
        }
        Map<String, String> names = new LinkedHashMap<>(); // each user once, as first named
        for (String name : requested) {
            if (name == null || name.isEmpty() || name.length() > Names.MAX_LENGTH * 4) {
                throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "users must be names");
            }
            names.putIfAbsent(Names.key(name), name);
        }
        List<String> users = List.copyOf(names.values());
        interest.subscribe(session, users);
        offload.run(session, event.id(), "subscribing", () -> new Presence(event.id(), presence.statuses(users), null, null),
                statuses -> registry.reply(session, statuses));
    }
}
