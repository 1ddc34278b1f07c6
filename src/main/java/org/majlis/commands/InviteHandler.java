package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.majlis.cluster.FanOut;
import org.majlis.cluster.Target;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.limits.Limits;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.Invite;
import org.majlis.protocol.ClientEvent.InvitePayload;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Invited;
import org.majlis.protocol.ServerEvent.MemberInvited;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;
import org.majlis.rooms.RoomStore;

/** {@code invite}: members invite; the invitee gets {@code invited} and becomes a member only by joining. */
@ApplicationScoped
public class InviteHandler implements Command<Invite> {

    private final RoomRequests requests;
    private final RoomDirectory directory;
    private final RoomStore store;
    private final FanOut fanOut;
    private final UserRegistry registry;
    private final Offload offload;
    private final Limits limits;

    public InviteHandler(RoomRequests requests, RoomDirectory directory, RoomStore store, FanOut fanOut,
            UserRegistry registry, Offload offload, Limits limits) {
        this.requests = requests;
        this.directory = directory;
        this.store = store;
        this.fanOut = fanOut;
        this.registry = registry;
        this.offload = offload;
        this.limits = limits;
    }

    @Override
    public Class<Invite> event() {
        return Invite.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, Invite event) {
        OnlineUser inviter = session.requireUser();
        InvitePayload payload = event.payload();
        if (payload == null || payload.username() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "room and username are required");
        }
        Room room = directory.requireVisible(inviter, RoomRequests.requireName(payload.room()));
        if (room.isGeneral() || !room.isMember(Names.key(inviter.name()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only members may invite to this room");
        }
        requests.requireRoomForInvitations(room.invited().size() + 1);
        offload.run(session, event.id(), "inviting", () -> {
            limits.clusterMessage(inviter.name(), inviter.guest());
            String invitee = requests.existingUser(payload.username());
            String key = Names.key(invitee);
            if (directory.find(room.name()).isBanned(key)) {
                throw new ProtocolException(ErrorCode.FORBIDDEN, "that user is banned from this room");
            }
            // a member, or invited already: nothing to do, and the invitee is not told twice
            return directory.find(room.name()).isMember(key) || !store.invite(room, key, inviter.name()) ? null : invitee;
        }, invitee -> {
            if (invitee != null) {
                Room after = directory.update(room, current -> current.withInvitation(invitee, inviter.name()));
                fanOut.roomChanged(after);
                fanOut.send(new Target.Users(List.of(invitee)), new Invited(room.name(), room.isPrivate(), inviter.name()));
                fanOut.send(new Target.Users(after.memberNames()), new MemberInvited(room.name(), invitee, inviter.name()));
            }
            registry.acknowledge(session, event.id());
        });
    }
}
