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
    public void roomDeleted(String room) {
        rooms.remove(room);
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
            case Target.Conversation c when c.conversation().equals(ConversationId.GENERAL) && c.except() == null
                    && general().controls().banned().isEmpty() -> registry.broadcast(frame);
            case Target.Conversation c when c.conversation().isRoom() -> sendExcept(frame, roomMembers(c.conversation()), c.except());
            case Target.Conversation c -> direct(c, frame);
        }
    }

    /** Both ends found once: a message (seq above 0) also makes each hear of the other's presence. */
    private void direct(Target.Conversation target, Frame frame) {
        ConversationId conversation = target.conversation();
        OnlineUser a = registry.find(conversation.userA());
        OnlineUser b = registry.find(conversation.userB());
        if (target.seq() > 0) {
            interest.pair(conversation.userA(), a, conversation.userB(), b);
        }
        List<OnlineUser> online = new ArrayList<>(2);
        online.add(a);
        online.add(b);
        sendExcept(frame, online, target.except());
    }

    private void sendExcept(Frame frame, List<OnlineUser> members, String except) {
        if (except == null) {
            registry.sendTo(frame, members);
            return;
        }
        String exceptKey = Names.key(except);
        List<OnlineUser> online = new ArrayList<>(members);
        online.removeIf(user -> user == null || Names.key(user.name()).equals(exceptKey));
        registry.sendTo(frame, online);
    }

    private List<OnlineUser> roomMembers(ConversationId conversation) {
        if (conversation.equals(ConversationId.GENERAL)) { // but those banned from it
            Room general = general();
            List<OnlineUser> online = new ArrayList<>(registry.onlineUsers());
            if (!general.controls().banned().isEmpty()) {
                online.removeIf(user -> general.isBanned(Names.key(user.name())));
            }
            return online;
        }
        Room room = rooms.find(conversation.room());
        return room == null ? List.of() : online(room.memberNames());
    }

    private Room general() {
        return rooms.find(ConversationId.GENERAL.room());
    }

    private List<OnlineUser> online(List<String> names) {
        List<OnlineUser> online = new ArrayList<>(names.size());
        names.forEach(name -> online.add(registry.find(name)));
        return online;
    }
}
