package org.majlis.messages;

import java.util.List;

/**
 * Which senders of a batch of drafts may write now: the cluster-wide message limit, asked once per
 * batch. The commands package provides it, so that the store knows no limits.
 */
@FunctionalInterface
public interface SenderAdmission {

    /** Who sends: a guest's limit may differ from an account's. */
    record Sender(String name, boolean guest) {
    }

    /** For each sender (in order, repeats allowed): 0 when admitted, else milliseconds to wait. Blocking. */
    long[] waits(List<Sender> senders);
}
