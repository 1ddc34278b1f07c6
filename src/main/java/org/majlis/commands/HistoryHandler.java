package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.messages.HistoryPages;
import org.majlis.messages.ReadMarks;
import org.majlis.messages.Recipients;
import org.majlis.protocol.ClientEvent.History;
import org.majlis.protocol.ClientEvent.HistoryPayload;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent;

/** {@code history}: a page of a conversation the caller takes part in, read on a worker thread. */
@ApplicationScoped
public class HistoryHandler implements Command<History> {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final HistoryPages pages;
    private final ReadMarks readMarks;
    private final Recipients recipients;
    private final UserRegistry registry;
    private final Offload offload;

    public HistoryHandler(HistoryPages pages, ReadMarks readMarks, Recipients recipients, UserRegistry registry,
            Offload offload) {
        this.pages = pages;
        this.readMarks = readMarks;
        this.recipients = recipients;
        this.registry = registry;
        this.offload = offload;
    }

    @Override
    public Class<History> event() {
        return History.class;
    }

    @Override
    public void handle(Session session, History event) {
        String ref = event.id();
        HistoryPayload payload = event.payload();
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
        // one page in memory per connection at a time: the next is read once this one is handed to the socket
        boolean queued = session.historyRequests().submit(next -> {
            if (!session.outbox().accepting()) {
                next.run();
                return;
            }
            offload.run(session, ref, "history", () -> page(conversation, user, request, limit, ref), page -> {
                try {
                    registry.reply(session, page);
                } finally {
                    next.run(); // whatever happened to this page, the connection's next request runs
                }
            }, next);
        });
        if (!queued) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many history requests waiting", null, 1000L);
        }
    }

    private ServerEvent.History page(ConversationId conversation, OnlineUser user, HistoryPayload request, int limit,
            String ref) {
        HistoryPages.Page page = pages.page(conversation, request.before(), request.after(), limit);
        Map<String, Long> readSeqs = readMarks.readSeqs(conversation);
        return new ServerEvent.History(ref, conversation.room(), conversation.to(user.name()),
                page.messages().stream()
                        .map(m -> MessagePosting.toEvent(m, page.reactions().getOrDefault(m.id(), Map.of()))).toList(),
                page.hasMore(), readSeqs);
    }
}
