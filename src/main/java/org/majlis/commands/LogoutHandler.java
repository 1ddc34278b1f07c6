package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.auth.Sessions;
import org.majlis.cluster.Disconnect;
import org.majlis.cluster.FanOut;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.protocol.ClientEvent.Logout;
import org.majlis.protocol.CloseCodes;

/**
 * {@code logout}: ends the connection's login session (its tokens stop working on every node),
 * acknowledges, and closes the connections of that session with 1000, on every node.
 */
@ApplicationScoped
public class LogoutHandler implements Command<Logout> {

    private final Sessions sessions;
    private final UserRegistry registry;
    private final Offload offload;
    private final FanOut fanOut;

    public LogoutHandler(Sessions sessions, UserRegistry registry, Offload offload, FanOut fanOut) {
        this.sessions = sessions;
        this.registry = registry;
        this.offload = offload;
        this.fanOut = fanOut;
    }

    @Override
    public Class<Logout> event() {
        return Logout.class;
    }

    @Override
    public void handle(Session session, Logout event) {
        String ref = event.id();
        OnlineUser user = session.requireUser();
        String loginSession = session.loginSession();
        offload.run(session, ref, "logout", () -> {
            sessions.revoke(loginSession);
            return null;
        }, done -> {
            registry.acknowledge(session, ref);
            fanOut.disconnect(Disconnect.session(user.name(), loginSession, CloseCodes.NORMAL, "logged out"));
        });
    }
}
