package org.majlis.commands;

import org.majlis.files.FileStore;
import org.majlis.limits.Limits;
import org.majlis.messages.MessageWriter.Refusal;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/** The stores' plain answers as the errors the protocol sends for them. */
final class StoreRefusals {

    private StoreRefusals() {
    }

    /** Why a message was not stored, answering the frame {@code ref}. */
    static ProtocolException of(Refusal refusal, String ref) {
        return switch (refusal) {
            case Refusal.OverLimit over -> Limits.refused(over.retryAfterMillis()).withRef(ref);
            case Refusal.FileRefused file -> of(file.file()).withRef(ref);
            case Refusal.NoSuchReply reply -> new ProtocolException(ErrorCode.NOT_FOUND,
                    "the message replied to is not in this conversation: " + reply.messageId(), ref);
            case Refusal.Failed failed -> new ProtocolException(ErrorCode.INTERNAL, "the message was not stored", ref);
        };
    }

    static ProtocolException of(FileStore.Refused file) {
        return switch (file.reason()) {
            case NO_SUCH_FILE -> new ProtocolException(ErrorCode.NOT_FOUND, "no such file: " + file.fileId());
            case NOT_THE_OWNERS -> new ProtocolException(ErrorCode.FORBIDDEN, "you can only attach files you uploaded");
            case ATTACHED_ELSEWHERE -> new ProtocolException(ErrorCode.INVALID_PAYLOAD, "this file is attached to another message");
        };
    }
}
