package org.majlis.messages;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.names.Names;
import org.majlis.presence.OnlineUser;
import org.majlis.presence.UserRegistry;
import org.majlis.ws.ErrorCode;
import org.majlis.ws.ProtocolException;
import org.majlis.ws.ServerEvent;

/** Who a conversation reaches, and whether a client may address it. */
@ApplicationScoped
public class Recipients {

    private final UserRegistry registry;

    public Recipients(UserRegistry registry) {
        this.registry = registry;
    }

    /** The room a frame addresses ({@code general} when absent); only {@code general} exists so far. */
    ConversationId room(String requested) {
        if (requested == null) {
            return ConversationId.GENERAL;
        }
        String room = Names.normalize(requested);
        if (room == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "invalid room name");
        }
        if (!Names.key(room).equals(Names.key(ConversationId.GENERAL.room()))) {
            throw new ProtocolException(ErrorCode.ROOM_NOT_FOUND, "no such room");
        }
        return ConversationId.GENERAL;
    }

    /** The conversation a request names with {@code room} or {@code to} (neither: {@code general}). */
    ConversationId conversation(OnlineUser user, String room, String to) {
        if (room != null && to != null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "give either room or to");
        }
        if (to == null) {
            return room(room);
        }
        String partner = Names.normalize(to);
        if (partner == null || Names.key(partner).equals(Names.key(user.name()))) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "invalid conversation partner");
        }
        return ConversationId.direct(user.name(), partner);
    }

    /** The normalized name a direct message is addressed to; refuses oneself and impossible names. */
    String directAddress(OnlineUser sender, String to) {
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
    OnlineUser online(String name) {
        return registry.find(name);
    }

    /** Sends an event to everyone in the conversation who is connected to this node. */
    void deliver(ConversationId conversation, ServerEvent event) {
        if (conversation.isRoom()) {
            registry.broadcast(event);
        } else {
            registry.sendTo(event, registry.find(conversation.userA()), registry.find(conversation.userB()));
        }
    }
}
