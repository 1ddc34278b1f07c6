package org.majlis.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.majlis.connections.Frame;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.PresenceInterest;
import org.majlis.connections.UserRegistry;
import org.majlis.names.Names;
import org.majlis.protocol.ConversationId;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;

/** Resolves a target against the connections of this node and writes the frame to them. */
@ApplicationScoped
public class LocalDelivery implements NodeDelivery {

    private final UserRegistry registry;
    private final RoomDirectory rooms;
    private final PresenceInterest interest;

    public LocalDelivery(UserRegistry registry, RoomDirectory rooms, PresenceInterest interest) {
        this.registry = registry;
        this.rooms = rooms;
        this.interest = interest;
    }

    @Override
    public void roomChanged(Room room) {
        rooms.apply(room);
    }

    @Override
    public void disconnect(Disconnect disconnect) {
        switch (disconnect.which()) {
            case ALL -> registry.close(disconnect.user(), null, disconnect.code(), disconnect.reason());
            case SESSION -> registry.close(disconnect.user(), disconnect.session(), disconnect.code(), disconnect.reason());
            case ALL_BUT_SESSION -> registry.closeAllBut(disconnect.user(), disconnect.session(), disconnect.code(),
                    disconnect.reason());
        }
    }

    @Override
    public void deliver(Target target, Frame frame) {
        switch (target) {
            case Target.Everyone everyone -> registry.broadcast(frame);
            case Target.Users users -> registry.sendTo(frame, online(users.names()));
            case Target.Audience audience -> registry.sendToSessions(frame, interest.audienceOf(audience.name()));
            case Target.Conversation c when c.conversation().equals(ConversationId.GENERAL) && c.except() == null ->
                    registry.broadcast(frame);
            case Target.Conversation c -> {
                if (c.seq() > 0 && !c.conversation().isRoom()) { // a direct message: each hears of the other's presence
                    interest.pair(c.conversation().userA(), c.conversation().userB());
                }
                List<OnlineUser> online = new ArrayList<>(members(c.conversation()));
                if (c.except() != null) {
                    online.removeIf(user -> user == null || Names.key(user.name()).equals(Names.key(c.except())));
                }
                registry.sendTo(frame, online);
            }
        }
    }

    private List<OnlineUser> members(ConversationId conversation) {
        if (conversation.equals(ConversationId.GENERAL)) {
            return new ArrayList<>(registry.onlineUsers());
        }
        if (conversation.isRoom()) {
            Room room = rooms.find(conversation.room());
            return room == null ? List.of() : online(room.memberNames());
        }
        return online(List.of(conversation.userA(), conversation.userB()));
    }

    private List<OnlineUser> online(List<String> names) {
        List<OnlineUser> online = new ArrayList<>(names.size());
        names.forEach(name -> online.add(registry.find(name)));
        return online;
    }
}
