package org.majlis.messages;

import java.util.List;
import org.majlis.store.Sql;

/** A search's {@link MessageSearch.Scope} as SQL conditions on {@code messages m} joined with {@code conversations c}. */
final class Scopes {

    private Scopes() {
    }

    static void restrict(StringBuilder sql, List<Object> parameters, MessageSearch.Scope scope) {
        sql.append(" AND (").append(scope.roomKeys().isEmpty() ? "1 = 0"
                : "m.conversation_id IN (" + Sql.marks(scope.roomKeys().size()) + ")");
        parameters.addAll(scope.roomKeys());
        if (scope.directsOf() != null) {
            sql.append(" OR c.user_a = ? OR c.user_b = ?");
            parameters.add(scope.directsOf());
            parameters.add(scope.directsOf());
        }
        sql.append(")");
        if (scope.only() != null) {
            sql.append(" AND m.conversation_id = ?");
            parameters.add(scope.only().key());
        }
        if (scope.senderKey() != null) {
            sql.append(" AND m.sender_key = ?");
            parameters.add(scope.senderKey());
        }
        if (scope.since() != null) {
            sql.append(" AND m.sent_at >= ?");
            parameters.add(scope.since());
        }
        if (scope.until() != null) {
            sql.append(" AND m.sent_at < ?");
            parameters.add(scope.until());
        }
    }
}
