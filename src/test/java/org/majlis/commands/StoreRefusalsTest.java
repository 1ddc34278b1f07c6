package org.majlis.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.majlis.files.FileStore;
import org.majlis.messages.MessageWriter.Refusal;
import org.majlis.protocol.ErrorCode;
import org.majlis.protocol.ProtocolException;

/** The store's plain answers become the errors the protocol has always sent for them. */
class StoreRefusalsTest {

    @Test
    void aSenderOverTheLimitIsRateLimitedWithItsWait() {
        ProtocolException error = StoreRefusals.of(new Refusal.OverLimit(1500), "r1");
        assertEquals(ErrorCode.RATE_LIMITED, error.code());
        assertEquals("too many messages, slow down", error.getMessage());
        assertEquals(1500L, error.retryAfterMs());
        assertEquals("r1", error.ref());
    }

    @Test
    void refusedFilesKeepTheirCodesAndTexts() {
        assertRefused(ErrorCode.NOT_FOUND, "no such file: f_1", FileStore.Reason.NO_SUCH_FILE);
        assertRefused(ErrorCode.FORBIDDEN, "you can only attach files you uploaded", FileStore.Reason.NOT_THE_OWNERS);
        assertRefused(ErrorCode.INVALID_PAYLOAD, "this file is attached to another message", FileStore.Reason.ATTACHED_ELSEWHERE);
    }

    private static void assertRefused(ErrorCode code, String message, FileStore.Reason reason) {
        ProtocolException error = StoreRefusals.of(new Refusal.FileRefused(new FileStore.Refused("f_1", reason)), "r2");
        assertEquals(code, error.code());
        assertEquals(message, error.getMessage());
        assertEquals("r2", error.ref());
        assertNull(error.retryAfterMs());
    }

    @Test
    void aFailedWriteIsInternal() {
        ProtocolException error = StoreRefusals.of(new Refusal.Failed(new IllegalStateException("down")), "r3");
        assertEquals(ErrorCode.INTERNAL, error.code());
        assertEquals("the message was not stored", error.getMessage());
        assertEquals("r3", error.ref());
    }
}
