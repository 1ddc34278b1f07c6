package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.majlis.cluster.Target;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.names.Names;
import org.majlis.protocol.ClientEvent.Invite;
import org.majlis.protocol.ClientEvent.InvitePayload;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.Invited;
import org.majlis.protocol.ServerEvent.MemberInvited;
import org.majlis.rooms.Room;

/** {@code invite}: members invite; the invitee gets {@code invited} and becomes a member only by joining. */
@ApplicationScoped
public class InviteHandler implements Command<Invite> {

    private final RoomRequests requests;
    private final MembershipContext context;

    public InviteHandler(RoomRequests requests, MembershipContext context) {
        this.requests = requests;
        this.context = context;
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
        Room room = context.directory.requireVisible(inviter, RoomRequests.requireName(payload.room()));
        if (room.isGeneral() || !room.isMember(Names.key(inviter.name()))) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only members may invite to this room");
        }
        requests.requireRoomForInvitations(room.invited().size() + 1);
        context.offload.run(session, event.id(), "inviting", () -> {
            context.limits.clusterMessage(inviter.name(), inviter.guest());
            String invitee = requests.existingUser(payload.username());
            String key = Names.key(invitee);
            if (context.directory.find(room.name()).isBanned(key)) {
                throw new ProtocolException(ErrorCode.FORBIDDEN, "that user is banned from this room");
            }
            // a member, or invited already: nothing to do, and the invitee is not told twice
            return context.directory.find(room.name()).isMember(key) || !context.store.invite(room, key, inviter.name()) ? null : invitee;
        }, invitee -> {
            if (invitee != null) {
                Room after = context.changeRoom(room, current -> current.withInvitation(invitee, inviter.name()));
                context.fanOut.send(new Target.Users(List.of(invitee)), new Invited(room.name(), room.isPrivate(), inviter.name()));
                context.fanOut.send(new Target.Users(after.memberNames()), new MemberInvited(room.name(), invitee, inviter.name()));
            }
            context.registry.acknowledge(session, event.id());
        });
    }
}
