package org.majlis.commands;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.limits.Limits;
import org.majlis.protocol.ClientEvent;
import org.majlis.protocol.ProtocolException;

/**
 * The one way a decoded client event is handled: its {@link Command} is looked up by type, the
 * login it needs is checked and its cost charged, then it runs. CommandPipelineTest keeps every
 * {@link ClientEvent} type mapped to exactly one command.
 */
@ApplicationScoped
public class CommandPipeline {

    private final Map<Class<?>, Command<?>> commands = new HashMap<>();
    private final Limits limits;

    public CommandPipeline(@All List<Command<?>> all, Limits limits) {
        this.limits = limits;
        for (Command<?> command : all) {
            Command<?> earlier = commands.put(command.event(), command);
            if (earlier != null) {
                throw new IllegalStateException(command.event().getSimpleName() + " has two commands: "
                        + earlier.getClass().getName() + " and " + command.getClass().getName());
            }
        }
    }

    /** Handles the event; a refusal is thrown as a {@link ProtocolException} (without the ref). */
    public void dispatch(Session session, ClientEvent event) {
        Command<ClientEvent> command = find(event);
        if (command.needsLogin()) {
            session.requireUser();
        }
        charge(session, command.cost(event));
        command.handle(session, event);
    }

    /** The commands by event type, for the tests that keep the table complete. */
    Map<Class<?>, Command<?>> table() {
        return Map.copyOf(commands);
    }

    @SuppressWarnings("unchecked") // the table maps each type to a command of that type
    private Command<ClientEvent> find(ClientEvent event) {
        Command<?> command = commands.get(event.getClass());
        if (command == null) {
            throw new IllegalStateException("no command for " + event.getClass().getSimpleName());
        }
        return (Command<ClientEvent>) command;
    }

    private void charge(Session session, Command.Cost cost) {
        switch (cost) {
            case FREE -> { }
            case MESSAGE -> {
                OnlineUser user = session.requireUser();
                limits.message(user.name(), user.guest());
            }
            case LOGIN -> limits.loginAttempt(session.address());
        }
    }
}
