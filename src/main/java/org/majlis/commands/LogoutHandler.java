package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.auth.Sessions;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.protocol.CloseCodes;
import org.majlis.protocol.ServerEvent;

/**
 * {@code logout}: ends the connection's login session (its tokens stop working on every node),
 * acknowledges, and closes this node's connections of that session with 1000.
 */
@ApplicationScoped
public class LogoutHandler {

    private final Sessions sessions;
    private final UserRegistry registry;
    private final Offload offload;

    public LogoutHandler(Sessions sessions, UserRegistry registry, Offload offload) {
        this.sessions = sessions;
        this.registry = registry;
        this.offload = offload;
    }

    public void logout(Session session, String ref) {
        OnlineUser user = session.requireUser();
        String loginSession = session.loginSession();
        offload.run(session, ref, "logout", () -> {
            sessions.end(loginSession);
            return null;
        }, done -> {
            registry.reply(session, ServerEvent.Ack.of(ref));
            registry.close(user.name(), loginSession, CloseCodes.NORMAL, "logged out");
        });
    }
}
