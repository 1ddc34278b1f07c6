package org.majlis.messages;

import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.majlis.names.Names;
import org.majlis.presence.OnlineUser;
import org.majlis.presence.UserRegistry;
import org.majlis.ws.ClientEvent.HistoryPayload;
import org.majlis.ws.ErrorCode;
import org.majlis.ws.ProtocolException;
import org.majlis.ws.ServerEvent;
import org.majlis.ws.Session;

/** {@code history}: a page of a conversation the caller takes part in, read on a worker thread. */
@ApplicationScoped
public class HistoryHandler {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final MessageStore store;
    private final Recipients recipients;
    private final UserRegistry registry;
    private final Vertx vertx;

    public HistoryHandler(MessageStore store, Recipients recipients, UserRegistry registry, Vertx vertx) {
        this.store = store;
        this.recipients = recipients;
        this.registry = registry;
        this.vertx = vertx;
    }

    public void history(Session session, String ref, HistoryPayload payload) {
        OnlineUser user = session.requireUser();
        HistoryPayload request = payload == null ? new HistoryPayload(null, null, null, null, null) : payload;
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "limit is 1 to " + MAX_LIMIT);
        }
        if ((request.before() != null && request.before() < 0) || (request.after() != null && request.after() < 0)) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "before and after are seq numbers");
        }
        ConversationId conversation = recipients.conversation(user, request.room(), request.to());
        vertx.executeBlocking(() -> {
            MessageStore.Page page = store.history(conversation, request.before(), request.after(), limit);
            Map<String, Long> readSeqs = store.readSeqs(conversation);
            return new ServerEvent.History(ref, conversation.room(),
                    conversation.isRoom() ? null : conversation.partnerOf(Names.key(user.name())),
                    page.messages().stream().map(MessageHandler::toEvent).toList(), page.hasMore(), readSeqs);
        }, false).onComplete(result -> {
            if (result.succeeded()) {
                registry.reply(session, result.result());
            } else {
                Log.error("history failed", result.cause());
                registry.refuse(session, new ProtocolException(ErrorCode.INTERNAL, "history is unavailable", ref));
            }
        });
    }
}
