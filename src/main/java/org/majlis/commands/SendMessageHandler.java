package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.messages.MessageText;
import org.majlis.messages.Recipients;
import org.majlis.protocol.ClientEvent.MessagePayload;
import org.majlis.protocol.ClientEvent.SendMessage;
import org.majlis.protocol.ConversationId;

/** {@code send_message}: to a room ({@code general} by default) or, with {@code to}, to a user. */
@ApplicationScoped
public class SendMessageHandler implements Command<SendMessage> {

    private final MessagePosting posting;
    private final PrivateMessageHandler direct;
    private final Recipients recipients;

    public SendMessageHandler(MessagePosting posting, PrivateMessageHandler direct, Recipients recipients) {
        this.posting = posting;
        this.direct = direct;
        this.recipients = recipients;
    }

    @Override
    public Class<SendMessage> event() {
        return SendMessage.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, SendMessage event) {
        MessagePayload body = MessagePosting.require(event.payload());
        if (body.to() != null) {
            direct.send(session, event.id(), body);
            return;
        }
        OnlineUser sender = session.requireUser();
        ConversationId room = recipients.roomToPostIn(sender, body.room());
        posting.append(session, event.id(), room, sender, MessageText.check(body.message(), body.attachments()), body);
    }
}
