package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.messages.StoredMessage;
import org.majlis.moderation.AuditLog;
import org.majlis.moderation.Reports;
import org.majlis.moderation.ShortText;
import org.majlis.protocol.ClientEvent.Report;
import org.majlis.protocol.ClientEvent.ReportPayload;

/**
 * {@code report}: anyone reports a message they can see, with a reason, to the administrators
 * (who see open reports in the page and over {@code /api/admin/reports}); acknowledged.
 */
@ApplicationScoped
public class ReportHandler implements Command<Report> {

    private final MessageAccess access;
    private final Reports reports;
    private final AuditLog audit;
    private final UserRegistry registry;
    private final Offload offload;

    public ReportHandler(MessageAccess access, Reports reports, AuditLog audit, UserRegistry registry, Offload offload) {
        this.access = access;
        this.reports = reports;
        this.audit = audit;
        this.registry = registry;
        this.offload = offload;
    }

    @Override
    public Class<Report> event() {
        return Report.class;
    }

    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, Report event) {
        OnlineUser user = session.requireUser();
        ReportPayload request = event.payload();
        String messageId = MessageAccess.requireId(request == null ? null : request.messageId());
        String reason = ShortText.require(request.reason(), "reason", ShortText.MAX_REASON);
        offload.run(session, event.id(), "reporting the message", () -> {
            StoredMessage message = access.visible(user, messageId);
            String id = reports.file(messageId, message.conversation().key(), user.name(), reason);
            audit.record(user.name(), "report", message.conversation().room(), message.from(), id, reason);
            return id;
        }, id -> registry.acknowledge(session, event.id()));
    }
}
