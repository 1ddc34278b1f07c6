package org.majlis.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Majlis' own settings, under {@code majlis.}; the defaults are in application.properties. */
@ConfigMapping(prefix = "majlis")
public interface MajlisConfig {

    /** Where the embedded default keeps its files. */
    Path dataDir();

    /** Whether people may log in with a guest name. */
    boolean guests();

    /** Accounts that administer the server (never guests, whatever their name). */
    Optional<List<String>> admins();

    /** How long the name of a deleted account stays taken, so that nobody can pass for its owner. */
    Duration deletedNameHold();

    /** Bytes a connection may leave unread before it is closed with 1013. */
    long outboundBufferLimit();

    /**
     * Outbound memory (frames waiting for clients) the whole process may hold before every
     * connection is held to a small unread limit; absent: half the maximum direct memory.
     */
    Optional<MemorySize> outboundMemoryBudget();

    /** After the server sends a close frame, how long the client has to read it before the connection is dropped. */
    Duration closeGrace();

    /** How long after its last write an event loop gathers deliveries into one write per connection (0: no wait). */
    Duration deliveryCoalesce();

    /** How long the message writer waits after a first message for more to commit together, when they have been coming faster than one per this (0: never); with the journal, {@link Journal#commitLinger}. */
    Duration commitLinger();

    /** How often the embedded store's write-ahead log is copied back into its file, off the writers' threads (SqliteCheckpoints). */
    Duration checkpointInterval();

    /** The embedded store's message journal (MessageJournal). */
    Journal journal();

    interface Journal {
        /** Whether the embedded store acknowledges messages once journaled and copies them into SQLite after; PostgreSQL never journals. */
        boolean enabled();

        /** How long journaled messages gather before one transaction copies them into SQLite; a read of messages copies them at once. */
        Duration applyInterval();

        /** How many conversations' last seqs are kept in memory; past it they are read from the database again. */
        int conversations();

        /** The message writer's linger while journaling (as {@link MajlisConfig#commitLinger}): a journal append is one write, not a commit. */
        Duration commitLinger();
    }

    /** A connection that has sent nothing for this long gets a WebSocket ping (it keeps idle paths open and shows who is gone). */
    Duration pingInterval();

    /** A connection that sends nothing, not even a pong to the server's ping, for this long is closed with 1001. */
    Duration deadClientTimeout();

    /** A connection that has not logged in this long after opening is closed with 1008. */
    Duration loginTimeout();

    /** How long a stopping node keeps serving with readiness down before it closes connections with 1012. */
    Duration shutdownDelay();

    /** Told to clients in the 1012 close reason: they spread their reconnects over this long. */
    Duration reconnectWindow();

    /** How long presence changes are gathered into one event (the protocol allows 500 ms). */
    Duration presenceBatchDelay();

    Presence presence();

    /** Who hears of whose presence: everyone of everyone up to a threshold, above it by interest. */
    interface Presence {
        /** Users online (in the whole cluster) up to which every change goes to everyone. */
        int largeThreshold();

        /** Users one connection may subscribe to with {@code presence_subscribe}. */
        int maxSubscriptions();
    }

    Jwt jwt();

    Limits limits();

    Retention retention();

    Files files();

    Cluster cluster();

    Rooms rooms();

    /** Caps on what one user can make the server hold in rooms; beyond them: {@code limit_reached}. */
    interface Rooms {
        /** Rooms one user may create (they stay counted after the owner leaves them). */
        int maxOwnedPerUser();

        /** Pending invitations one room may have. */
        int maxPendingInvitations();
    }

    Http http();

    Integrations integrations();

    /** Incoming webhooks, bot accounts and outgoing events. */
    interface Integrations {
        /** Messages per second one incoming webhook may post (on each node). */
        double webhookMessagesPerSecond();

        /** Messages one incoming webhook may post at once before that rate applies. */
        int webhookBurst();

        /** Incoming webhooks one room may have. */
        int maxWebhooksPerRoom();

        /** How long a bot's token lasts. */
        Duration botTokenLifetime();

        /** Attempts to deliver one message to a room's outgoing URL (the first included). */
        int outgoingAttempts();

        /** The wait before the second attempt; it doubles for each attempt after. */
        Duration outgoingBackoff();

        /** How long one delivery may take, connecting included. */
        Duration outgoingTimeout();

        /** Deliveries waiting or in flight on this node beyond which new ones are dropped (a receiver is down). */
        int outgoingMaxPending();

        /** How often a node reads the rooms' outgoing URLs, so that one set on another node reaches it. */
        Duration outgoingRefresh();

        /** Whether outgoing URLs may reach loopback, private and link-local addresses (tests, trusted networks). */
        boolean allowPrivateTargets();
    }

    /** Guards of the HTTP server besides Quarkus' own {@code quarkus.http.*} limits. */
    interface Http {
        /** HTTP requests in flight (headers received, response not ended) per client address, WebSocket upgrades aside. */
        int requestsPerAddress();

        /** A request whose body has not fully arrived this long after its headers is closed. */
        Duration bodyTimeout();

        /** The {@code max-age} of {@code Strict-Transport-Security}, sent on https responses only. */
        Duration hstsMaxAge();
    }

    /** Several nodes sharing PostgreSQL and Redis. */
    interface Cluster {
        /** Off: one node, in-process fan-out, presence and limits. */
        boolean enabled();

        /** This node's name in logs, metrics and Redis (the pod name in Kubernetes). */
        String nodeName();

        /** How often the node tells Redis it is alive and looks for dead nodes. */
        Duration heartbeatInterval();

        /** A node silent for this long is dead: its users go offline, its guest names are free. */
        Duration nodeTimeout();
    }

    /** Uploaded files. */
    interface Files {
        /** Largest upload; {@code quarkus.http.limits.max-body-size} must leave room for it. */
        MemorySize maxSize();

        /** Where the bytes go: {@code directory} (the embedded default) or {@code database}. */
        Storage storage();

        /** The directory of the {@code directory} storage; unset: {@code <data-dir>/files}. */
        Optional<Path> directory();

        /** Bytes each user may have stored at once, attached or not; an upload beyond is refused with 413. */
        MemorySize quotaPerUser();

        /** Upload bytes per user and second (a token bucket, per node); beyond: 429 with Retry-After. */
        MemorySize uploadRate();

        /** The bucket of {@link #uploadRate()}: bytes a user may upload at once after a pause. */
        MemorySize uploadBurst();

        /** Downloads served at once to one client address; beyond: 429 with Retry-After. */
        int downloadsPerAddress();

        enum Storage { DIRECTORY, DATABASE }
    }

    /** How long messages are kept. Neither limit set (the default): everything is kept. */
    interface Retention {
        /** Messages older than this are deleted. */
        Optional<Duration> maxAge();

        /** Each conversation keeps at most this many of its newest messages. */
        OptionalLong maxCount();

        /** How often the limits are applied. */
        Duration interval();
    }

    /**
     * Browser origins (scheme://host[:port]) that may open the WebSocket and call the REST API,
     * besides the page's own origin. Empty: same origin only.
     */
    Optional<List<String>> allowedOrigins();

    interface Limits {
        /** Sends, edits and private messages per user: tokens per second. */
        double messagesPerSecond();

        /** Sends, edits and private messages per user: bucket size. */
        int messagesBurst();

        /** Login attempts (WebSocket and REST) per client address: tokens per second. */
        double loginsPerSecond();

        int loginsBurst();

        /** Open WebSocket connections per client address. */
        int connectionsPerAddress();

        /** Account registrations per client address: tokens per hour. */
        double registrationsPerHour();

        int registrationsBurst();

        /** Password logins per account from addresses that have not logged into it lately: tokens per hour. */
        double accountLoginsPerHour();

        int accountLoginsBurst();

        /** How long an address that logged into an account is exempt from that account's login limit. */
        Duration knownAddressMemory();

        /** Refusals for rate within the strike window after which a connection is closed with 1008. */
        int abuseStrikes();

        Duration abuseWindow();
    }

    interface Jwt {
        /** How long account and session tokens are valid. */
        Duration expiry();

        /** The {@code iss} claim tokens carry and must carry. */
        String issuer();

        /** The HS256 secret (at least 32 bytes) shared by all nodes; absent: generated once into the data directory. */
        Optional<String> secret();

        /**
         * PEM public key of the RS256 pair earlier versions signed with: their unexpired tokens are
         * still accepted. Absent: the one they generated into the data directory, if any.
         */
        Optional<String> publicKey();
    }
}
