package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.messages.Summaries;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.ListRooms;
import org.majlis.protocol.ClientEvent.ListRoomsPayload;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent;
import org.majlis.protocol.ServerEvent.Invited;
import org.majlis.protocol.ServerEvent.RoomListing;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;

/**
 * The answer to {@code rooms}: a page of the rooms the user may see, by name after {@code general},
 * with message counts; {@code next} names the last room when another page follows.
 */
@ApplicationScoped
public class ListRoomsHandler implements Command<ListRooms> {

    /** Rooms a page lists when the client does not say, and at most (also the most invitations listed). */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final RoomDirectory directory;
    private final Summaries summaries;
    private final UserRegistry registry;
    private final Offload offload;

    public ListRoomsHandler(RoomDirectory directory, Summaries summaries, UserRegistry registry, Offload offload) {
        this.directory = directory;
        this.summaries = summaries;
        this.registry = registry;
        this.offload = offload;
    }

    @Override
    public Class<ListRooms> event() {
        return ListRooms.class;
    }

    /** A page of the rooms the user may see; the first page also lists the user's pending invitations. */
    @Override
    public void handle(Session session, ListRooms event) {
        String ref = event.id();
        ListRoomsPayload payload = event.payload();
        OnlineUser user = session.requireUser();
        String key = Names.key(user.name());
        String afterKey = cursor(payload == null ? null : payload.after());
        int limit = PageLimit.of(payload == null ? null : payload.limit(), DEFAULT_LIMIT, MAX_LIMIT);
        List<Room> page = directory.pageFor(key, afterKey, limit);
        List<Room> shown = page.subList(0, Math.min(limit, page.size()));
        String next = page.size() > limit ? shown.getLast().name() : null;
        List<Invited> invitations = afterKey != null ? null : directory.invitationsOf(key, MAX_LIMIT).stream()
                .map(room -> new Invited(room.name(), room.isPrivate(), room.invited().get(key))).toList();
        offload.run(session, ref, "listing rooms", () -> {
            List<ConversationId> conversations = shown.stream().map(Room::conversation).toList();
            Map<ConversationId, Summaries.Summary> counts = new LinkedHashMap<>();
            summaries.summaries(key, conversations, false).forEach(s -> counts.put(s.conversation(), s));
            List<RoomListing> listings = new ArrayList<>();
            for (Room room : shown) {
                Summaries.Summary summary = counts.get(room.conversation());
                boolean joined = room.isMember(key);
                listings.add(new RoomListing(room.name(), room.isPrivate(),
                        room.isGeneral() ? registry.onlineUsers().size() : room.members().size(),
                        summary == null ? 0 : summary.lastSeq(), joined && summary != null ? summary.unread() : 0, joined));
            }
            return new ServerEvent.Rooms(ref, listings, next, invitations);
        }, rooms -> registry.reply(session, rooms));
    }

    /** The key of the room a page starts after (null: the first page). */
    private static String cursor(String after) {
        if (after == null) {
            return null;
        }
        String name = Names.normalize(after);
        if (name == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "after must be a room name");
        }
        return Names.key(name);
    }
}
