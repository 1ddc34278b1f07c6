package org.majlis.messages;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.cluster.FanOut;
import org.majlis.cluster.Target;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.UserRegistry;
import org.majlis.names.Names;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;

/** Who a conversation reaches, and whether a client may address it. */
@ApplicationScoped
public class Recipients {

    private final UserRegistry registry;
    private final RoomDirectory rooms;
    private final FanOut fanOut;

    public Recipients(UserRegistry registry, RoomDirectory rooms, FanOut fanOut) {
        this.registry = registry;
        this.rooms = rooms;
        this.fanOut = fanOut;
    }

    /** The conversation a request names with {@code room} or {@code to} (neither: {@code general}); rooms need membership. */
    public ConversationId conversation(OnlineUser user, String room, String to) {
        if (room != null && to != null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "give either room or to");
        }
        if (to == null) {
            return rooms.requireMember(user, room).conversation();
        }
        String partner = Names.normalize(to);
        if (partner == null || Names.key(partner).equals(Names.key(user.name()))) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "invalid conversation partner");
        }
        return ConversationId.direct(user.name(), partner);
    }

    /** The room a message is posted to ({@code general} when null): membership, mutes and read-only checked. */
    public ConversationId roomToPostIn(OnlineUser user, String room) {
        return rooms.requirePoster(user, room).conversation();
    }

    /** The normalized name a direct message is addressed to; refuses oneself and impossible names. */
    public String directAddress(OnlineUser sender, String to) {
        String name = Names.normalize(to);
        if (name == null) {
            throw new ProtocolException(ErrorCode.USER_NOT_FOUND, "no such user");
        }
        if (Names.key(name).equals(Names.key(sender.name()))) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "cannot send a private message to yourself");
        }
        return name;
    }

    /** The connected user of that name, or null. */
    public OnlineUser online(String name) {
        return registry.find(name);
    }

    /** Whether the user takes part in the conversation (a member of the room, or one of the two). */
    public boolean takesPart(OnlineUser user, ConversationId conversation) {
        String key = Names.key(user.name());
        if (conversation.isRoom()) {
            Room room = rooms.find(conversation.room());
            return room != null && room.isMember(key);
        }
        return key.equals(Names.key(conversation.userA())) || key.equals(Names.key(conversation.userB()));
    }

    /** Sends an event to everyone in the conversation, on every node. */
    public void deliver(ConversationId conversation, ServerEvent event) {
        fanOut.send(new Target.Conversation(conversation, null, 0), event);
    }

    /** Sends a stored message to everyone in the conversation, on every node in seq order. */
    public void deliverMessage(ConversationId conversation, long seq, ServerEvent event) {
        fanOut.send(new Target.Conversation(conversation, null, seq), event);
    }

    /** As {@link #deliver}, leaving out every connection of {@code except} (who caused the event). */
    public void deliverExcept(ConversationId conversation, ServerEvent event, OnlineUser except) {
        fanOut.send(new Target.Conversation(conversation, except.name(), 0), event);
    }
}
