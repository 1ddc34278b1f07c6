package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.auth.Accounts;
import org.majlis.cluster.UserDirectory;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.messages.MessageText;
import org.majlis.messages.Recipients;
import org.majlis.protocol.ClientEvent.MessagePayload;
import org.majlis.protocol.ClientEvent.PrivateMessage;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/** {@code private_message}: to one user, delivered to every connection of both participants. */
@ApplicationScoped
public class PrivateMessageHandler implements Command<PrivateMessage> {

    private final MessagePosting posting;
    private final UserRegistry registry;
    private final Recipients recipients;
    private final Accounts accounts;
    private final Offload offload;
    private final UserDirectory users;

    public PrivateMessageHandler(MessagePosting posting, UserRegistry registry, Recipients recipients, Accounts accounts,
            Offload offload, UserDirectory users) {
        this.posting = posting;
        this.registry = registry;
        this.recipients = recipients;
        this.accounts = accounts;
        this.offload = offload;
        this.users = users;
    }

    @Override
    public Class<PrivateMessage> event() {
        return PrivateMessage.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, PrivateMessage event) {
        send(session, event.id(), MessagePosting.require(event.payload()));
    }

    /** Also {@code send_message} with {@code to}. */
    void send(Session session, String ref, MessagePayload body) {
        if (body.room() != null || body.to() == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "a private message needs \"to\" and no \"room\"");
        }
        OnlineUser sender = session.requireUser();
        String text = MessageText.check(body.message(), body.attachments());
        String address = recipients.directAddress(sender, body.to());
        OnlineUser online = recipients.online(address);
        if (online != null) {
            posting.append(session, ref, ConversationId.direct(sender.name(), online.name()), sender, text, body);
            return;
        }
        // not connected here: a registered account, or a guest on another node, still receives it
        // (ordered, so a sender's messages keep their order)
        offload.run(session, ref, "sending the message", () -> {
            String registered = accounts.accountName(address);
            return registered != null ? registered : users.nameElsewhere(address);
        }, recipient -> {
            if (recipient == null) {
                registry.refuse(session, new ProtocolException(ErrorCode.USER_NOT_FOUND, "no such user", ref));
            } else {
                posting.append(session, ref, ConversationId.direct(sender.name(), recipient), sender, text, body);
            }
        });
    }
}
