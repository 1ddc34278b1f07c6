package org.majlis.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.presence.OnlineUser;
import org.majlis.presence.UserRegistry;
import org.majlis.ws.CloseCodes;
import org.majlis.ws.Offload;
import org.majlis.ws.ServerEvent;
import org.majlis.ws.Session;

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
            closeSessionConnections(user, loginSession, "logged out");
        });
    }

    /** Closes this node's connections of the user that belong to the login session (all of them when null). */
    static void closeSessionConnections(OnlineUser user, String loginSession, String reason) {
        for (Session connection : user.sessions()) {
            if (loginSession == null || loginSession.equals(connection.loginSession())) {
                connection.close(CloseCodes.NORMAL, reason);
            }
        }
    }
}
