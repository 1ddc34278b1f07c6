package org.majlis.messages;

/** Users' emoji reactions on stored messages. */
public interface Reactions {

    /** What {@code react} did. */
    enum Reacted {
        ADDED, REMOVED, UNCHANGED,
        /** Nothing changed: the message is deleted or unknown. */
        NO_SUCH_MESSAGE,
        /** Nothing changed: the emoji would make more different ones than allowed. */
        TOO_MANY_EMOJI
    }

    /**
     * Blocking. Adds or removes the user's reaction on a message that is not deleted, a new emoji
     * only while the message has fewer than {@code maxEmoji} different ones.
     */
    Reacted react(String messageId, String emoji, String username, boolean on, int maxEmoji);
}
