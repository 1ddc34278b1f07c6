package org.majlis.protocol;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The records Jackson reads and writes by reflection, registered for the native executable:
 * every client and server event with the records it carries (NativeReflectionTest keeps the list
 * complete; the cluster's envelope registers itself), and the serializers written by hand for the
 * most frequent events (created by Jackson through their constructors).
 */
@RegisterForReflection(targets = {
        ClientEvent.Login.class, ClientEvent.LoginPayload.class, ClientEvent.SendMessage.class,
        ClientEvent.PrivateMessage.class, ClientEvent.MessagePayload.class, ClientEvent.Ping.class,
        ClientEvent.SetStatus.class, ClientEvent.StatusPayload.class, ClientEvent.ListUsers.class,
        ClientEvent.History.class, ClientEvent.HistoryPayload.class, ClientEvent.Read.class, ClientEvent.ReadPayload.class,
        ClientEvent.Typing.class, ClientEvent.TypingPayload.class, ClientEvent.React.class, ClientEvent.ReactPayload.class,
        ClientEvent.EditMessage.class, ClientEvent.EditPayload.class, ClientEvent.DeleteMessage.class,
        ClientEvent.MessageRef.class, ClientEvent.CreateRoom.class, ClientEvent.CreateRoomPayload.class,
        ClientEvent.JoinRoom.class, ClientEvent.LeaveRoom.class, ClientEvent.RoomRef.class, ClientEvent.Invite.class,
        ClientEvent.InvitePayload.class, ClientEvent.ListRooms.class, ClientEvent.ListRoomsPayload.class,
        ClientEvent.DeclineInvite.class, ClientEvent.Logout.class, ClientEvent.UsersPayload.class,
        ClientEvent.PresenceSubscribe.class, ClientEvent.SubscribePayload.class, ClientEvent.Search.class,
        ClientEvent.SearchPayload.class, ClientEvent.RemoveMessage.class, ClientEvent.RemovePayload.class,
        ClientEvent.MemberAction.class, ClientEvent.Kick.class, ClientEvent.Ban.class, ClientEvent.Unban.class,
        ClientEvent.Mute.class, ClientEvent.Unmute.class, ClientEvent.SetModerator.class, ClientEvent.ModeratorPayload.class,
        ClientEvent.UpdateRoom.class, ClientEvent.UpdateRoomPayload.class, ClientEvent.DeleteRoom.class,
        ClientEvent.Report.class, ClientEvent.ReportPayload.class,
        ServerEvent.Welcome.class, ServerEvent.RoomSummary.class, ServerEvent.DirectSummary.class,
        ServerEvent.UserStatus.class, ServerEvent.NewMessage.class, ServerEvent.Quote.class, ServerEvent.Attachment.class,
        ServerEvent.SearchResults.class, ServerEvent.SearchHit.class, ServerEvent.FoundRoom.class, ServerEvent.Ack.class,
        ServerEvent.Error.class, ServerEvent.Presence.class, ServerEvent.Users.class, ServerEvent.History.class,
        ServerEvent.ReadReceipt.class, ServerEvent.Pong.class, ServerEvent.RoomInfo.class, ServerEvent.MemberJoined.class, ServerEvent.MemberInvited.class,
        ServerEvent.MemberLeft.class, ServerEvent.Rooms.class, ServerEvent.RoomListing.class, ServerEvent.Typing.class,
        ServerEvent.Reaction.class, ServerEvent.MessageEdited.class, ServerEvent.MessageDeleted.class,
        ServerEvent.Invited.class, ServerEvent.MemberMuted.class, ServerEvent.RoomUpdated.class,
        ServerEvent.RoomDeleted.class, ServerEvent.ProfileChanged.class, ServerEvent.RoomRenamed.class,
        ClientEvent.RenameRoom.class, ClientEvent.RenamePayload.class,
        FrequentEventJson.NewMessageSerializer.class, FrequentEventJson.AckSerializer.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
