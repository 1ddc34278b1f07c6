package org.majlis.commands;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.majlis.auth.Accounts;
import org.majlis.connections.Offload;
import org.majlis.connections.OnlineUser;
import org.majlis.connections.Session;
import org.majlis.connections.UserRegistry;
import org.majlis.messages.MessageSearch;
import org.majlis.messages.Recipients;
import org.majlis.messages.SearchQuery;
import org.majlis.names.Names;
import org.majlis.presence.OnlinePages;
import org.majlis.protocol.ClientEvent.Search;
import org.majlis.protocol.ClientEvent.SearchPayload;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;
import org.majlis.protocol.ServerEvent.FoundRoom;
import org.majlis.protocol.ServerEvent.SearchHit;
import org.majlis.protocol.ServerEvent.SearchResults;
import org.majlis.rooms.Room;
import org.majlis.rooms.RoomDirectory;

/**
 * {@code search}: messages of the conversations the caller is in now (rooms it is a member of,
 * its direct conversations; public rooms too when it asks), read on a worker thread; on the first
 * page also people and rooms by name.
 */
@ApplicationScoped
public class SearchHandler implements Command<Search> {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;
    /** Names found on a first page, of people and of rooms each. */
    static final int NAMES = 10;
    private static final int MAX_QUERY = 200;
    private static final int MAX_CURSOR = 64;

    private final MessageSearch search;
    private final Recipients recipients;
    private final RoomDirectory rooms;
    private final Accounts accounts;
    private final OnlinePages online;
    private final UserRegistry registry;
    private final Offload offload;

    public SearchHandler(MessageSearch search, Recipients recipients, RoomDirectory rooms, Accounts accounts,
            OnlinePages online, UserRegistry registry, Offload offload) {
        this.search = search;
        this.recipients = recipients;
        this.rooms = rooms;
        this.accounts = accounts;
        this.online = online;
        this.registry = registry;
        this.offload = offload;
    }

    @Override
    public Class<Search> event() {
        return Search.class;
    }

    /** A search reads far more than it sends: it costs as a message does. */
    @Override
    public Cost cost() {
        return Cost.MESSAGE;
    }

    @Override
    public void handle(Session session, Search event) {
        String ref = event.id();
        SearchPayload request = event.payload();
        if (request == null) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "payload is required");
        }
        OnlineUser user = session.requireUser();
        String text = request.query();
        if (text == null || text.isBlank() || text.length() > MAX_QUERY) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "query is 1 to " + MAX_QUERY + " characters");
        }
        SearchQuery query = SearchQuery.parse(text);
        if (query.isEmpty()) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "the query has no word to search for");
        }
        if (request.before() != null && (request.before().isEmpty() || request.before().length() > MAX_CURSOR)) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "before is the next of an earlier page");
        }
        int limit = PageLimit.of(request.limit(), DEFAULT_LIMIT, MAX_LIMIT);
        MessageSearch.Scope scope = scope(user, request);
        offload.run(session, ref, "search", () -> results(ref, user, query, scope, request, limit),
                results -> registry.reply(session, results));
    }

    private MessageSearch.Scope scope(OnlineUser user, SearchPayload request) {
        String key = Names.key(user.name());
        boolean publicRooms = Boolean.TRUE.equals(request.publicRooms());
        List<String> roomKeys = (publicRooms ? rooms.pageFor(key, null, Integer.MAX_VALUE - 1) : rooms.roomsOf(key))
                .stream().map(room -> room.conversation().key()).toList();
        ConversationId only = null;
        if (request.room() != null && request.to() == null && publicRooms) {
            // an invitation shows a private room, but only its members read it
            only = rooms.requireReadable(user, request.room()).conversation();
        } else if (request.room() != null || request.to() != null) {
            only = recipients.conversation(user, request.room(), request.to());
        }
        String senderKey = null;
        if (request.from() != null) {
            String sender = Names.normalize(request.from());
            if (sender == null) {
                throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "from is not a name");
            }
            senderKey = Names.key(sender);
        }
        return new MessageSearch.Scope(roomKeys, key, only, senderKey, instant(request.since(), "since"),
                instant(request.until(), "until"));
    }

    private static Long instant(String value, String field) {
        try {
            return value == null ? null : Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, field + " is an ISO-8601 instant, e.g. 2026-11-30T00:00:00Z");
        }
    }

    /** Blocking. */
    private SearchResults results(String ref, OnlineUser user, SearchQuery query, MessageSearch.Scope scope,
            SearchPayload request, int limit) {
        MessageSearch.Hits hits;
        try {
            hits = search.search(query, scope, request.before(), limit);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "before is the next of an earlier page");
        }
        List<SearchHit> found = hits.messages().stream()
                .map(m -> new SearchHit(MessagePosting.toEvent(m, hits.reactions().getOrDefault(m.id(), Map.of())),
                        query.highlights(m.body())))
                .toList();
        boolean firstPage = request.before() == null;
        return new SearchResults(ref, found, hits.next(), firstPage ? people(request.query().trim()) : null,
                firstPage ? rooms(user, request.query().trim()) : null);
    }

    /** Accounts and people online whose name starts with the text, by name. */
    private List<String> people(String prefix) {
        if (Names.normalize(prefix) == null) {
            return List.of();
        }
        TreeMap<String, String> byKey = new TreeMap<>();
        accounts.namesStartingWith(prefix, NAMES).forEach(name -> byKey.put(Names.key(name), name));
        online.page(prefix, null, NAMES).users().forEach(status -> byKey.putIfAbsent(Names.key(status.username()), status.username()));
        return new ArrayList<>(byKey.values()).subList(0, Math.min(NAMES, byKey.size()));
    }

    /** Public rooms and the caller's rooms whose name starts with the text. */
    private List<FoundRoom> rooms(OnlineUser user, String prefix) {
        if (Names.normalize(prefix) == null) {
            return List.of();
        }
        String key = Names.key(user.name());
        String prefixKey = Names.key(prefix);
        return rooms.pageFor(key, null, Integer.MAX_VALUE - 1).stream().filter(room -> room.key().startsWith(prefixKey))
                .limit(NAMES).map(room -> new FoundRoom(room.name(), room.isPrivate(), room.isMember(key))).toList();
    }
}
