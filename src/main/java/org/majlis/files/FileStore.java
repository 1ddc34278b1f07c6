package org.majlis.files;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.majlis.protocol.ServerEvent.Attachment;

/** Uploaded files: metadata in the database, bytes in the database or in a directory. All methods block. */
public interface FileStore {

    /** What a download needs. {@code path} is null when the bytes are in the database: read them with {@link #read}. */
    record Content(String id, String name, String contentType, long size, Path path) {
    }

    /** Stores the upload (read from {@code source}) for its owner and describes it. */
    Attachment save(String ownerKey, String name, String contentType, long size, Path source) throws IOException;

    /** The file when the key matches, else null. */
    Content open(String id, String key) throws IOException;

    /** Up to {@code length} bytes of a file stored in the database, from {@code offset}; null when the file is gone. */
    byte[] read(String id, long offset, int length);

    /** The bytes of all files the owner has stored, attached or not. */
    long storedBytes(String ownerKey);

    /** What {@link #attach} did: bound all the files, or refused one of them and bound none. */
    sealed interface Attached permits Bound, Refused {
    }

    record Bound(List<Attachment> attachments) implements Attached {
    }

    record Refused(String fileId, Reason reason) implements Attached {
    }

    enum Reason { NO_SUCH_FILE, NOT_THE_OWNERS, ATTACHED_ELSEWHERE }

    /**
     * Inside the message writer's transaction: binds the files to the message. Each must exist,
     * belong to {@code ownerKey} and not be attached yet, else none is bound.
     */
    Attached attach(Connection connection, String messageId, String ownerKey, List<String> ids) throws SQLException;

    /** Deletes the files (a deleted message's attachments). */
    void discard(List<String> ids);

    /**
     * Deletes files whose message is gone (deleted, or removed by retention) and uploads never
     * attached within {@code unattachedFor} milliseconds; returns how many.
     */
    int sweep(long unattachedForMillis);
}
