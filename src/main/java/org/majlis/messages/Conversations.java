package org.majlis.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import jakarta.enterprise.context.ApplicationScoped;
import org.majlis.names.Names;
import org.majlis.ws.ServerEvent.DirectSummary;

/**
 * Sequence numbers per conversation, kept in memory. A message takes its seq and is handed to
 * delivery under the conversation's lock, so seq order is delivery order for every recipient.
 */
@ApplicationScoped
public class Conversations {

    public static final String GENERAL = "general";

    private static final class Conversation {
        final String[] participants;
        long lastSeq;

        Conversation(String... participants) {
            this.participants = participants;
        }
    }

    private final ConcurrentHashMap<String, Conversation> byKey = new ConcurrentHashMap<>();

    static String roomKey(String room) {
        return "r:" + Names.key(room);
    }

    static String directKey(String a, String b) {
        String ka = Names.key(a);
        String kb = Names.key(b);
        return ka.compareTo(kb) < 0 ? "d:" + ka + "/" + kb : "d:" + kb + "/" + ka;
    }

    /** Takes the next seq of the room and runs publish with it, in seq order. */
    <T> T appendToRoom(String room, LongFunction<T> publish) {
        return append(byKey.computeIfAbsent(roomKey(room), k -> new Conversation()), publish);
    }

    <T> T appendToDirect(String from, String to, LongFunction<T> publish) {
        return append(byKey.computeIfAbsent(directKey(from, to), k -> new Conversation(from, to)), publish);
    }

    private static <T> T append(Conversation conversation, LongFunction<T> publish) {
        synchronized (conversation) {
            T result = publish.apply(conversation.lastSeq + 1);
            conversation.lastSeq++;
            return result;
        }
    }

    public long lastSeqOfRoom(String room) {
        Conversation conversation = byKey.get(roomKey(room));
        if (conversation == null) {
            return 0;
        }
        synchronized (conversation) {
            return conversation.lastSeq;
        }
    }

    /** The direct conversations the user takes part in. */
    public List<DirectSummary> directsOf(String user) {
        String key = Names.key(user);
        List<DirectSummary> directs = new ArrayList<>();
        byKey.forEach((k, conversation) -> {
            if (conversation.participants.length == 2) {
                String[] p = conversation.participants;
                String other = Names.key(p[0]).equals(key) ? p[1] : Names.key(p[1]).equals(key) ? p[0] : null;
                if (other != null) {
                    synchronized (conversation) {
                        directs.add(new DirectSummary(other, conversation.lastSeq, 0));
                    }
                }
            }
        });
        return directs;
    }
}
