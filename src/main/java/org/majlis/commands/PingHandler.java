package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.protocol.ClientEvent.Ping;
import org.majlis.protocol.ServerEvent.Pong;

/** {@code ping}: answered with {@code pong}, logged in or not (a client's check that the line is alive). */
@ApplicationScoped
public class PingHandler implements Command<Ping> {

    private final UserRegistry registry;

    public PingHandler(UserRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Class<Ping> event() {
        return Ping.class;
    }

    @Override
    public boolean needsLogin() {
        return false;
    }

    @Override
    public void handle(Session session, Ping event) {
        registry.reply(session, new Pong(event.id()));
    }
}
