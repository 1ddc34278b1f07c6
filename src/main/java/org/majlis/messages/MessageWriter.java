package org.majlis.messages;

import java.util.List;
import java.util.function.Consumer;
import org.majlis.files.FileStore;
import org.majlis.protocol.ConversationId;

/** Appends messages, numbered per conversation, in group commits. */
public interface MessageWriter {

    /**
     * A message to append; its seq is given by the store. {@code attachments} are ids of files the
     * sender uploaded. {@code senderSession}: a guest sender's login session, null for an account. {@code replyTo}:
     * the id of the message of the same conversation it answers, or null. {@code via}: {@code bot} or
     * {@code webhook} for an integration's message, null for a person's.
     */
    record Draft(ConversationId conversation, String id, String from, String senderSession, String body, long sentAt,
            List<String> attachments, String replyTo, Consumer<StoredMessage> committed, Consumer<Refusal> refused, String via) {
    }

    /** Why a draft was not stored. */
    sealed interface Refusal {
        /** The sender is over the cluster-wide message limit ({@link SenderAdmission}). */
        record OverLimit(long retryAfterMillis) implements Refusal {
        }

        /** One of the attached files was refused. */
        record FileRefused(FileStore.Refused file) implements Refusal {
        }

        /** The message replied to is not in the conversation (never was, deleted, or removed). */
        record NoSuchReply(String messageId) implements Refusal {
        }

        /** The store failed, or is not keeping up. */
        record Failed(Exception cause) implements Refusal {
        }
    }

    /**
     * Queues the message for the next group commit. Exactly one of the draft's callbacks is
     * called, on one thread, in seq order per conversation; committed means durable.
     */
    void append(Draft draft);

    /** Blocking. Commits what is queued (callbacks included); later appends fail. For a stopping node. */
    void drain();
}
