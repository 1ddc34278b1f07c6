package org.majlis.files;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.majlis.config.MajlisConfig;
import org.majlis.protocol.ServerEvent.Attachment;
import org.majlis.store.Database;
import org.majlis.store.Ids;
import org.majlis.store.Sql;
import org.majlis.store.StoreException;

/**
 * {@link FileStore} on the files table. The bytes go into its {@code data} column, or, for the
 * {@code directory} storage, into one file per id under the files directory.
 */
@ApplicationScoped
public class JdbcFileStore implements FileStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final Path directory;

    public JdbcFileStore(Database database, MajlisConfig config) {
        this.database = database;
        this.directory = config.files().storage() == MajlisConfig.Files.Storage.DIRECTORY
                ? config.files().directory().orElse(config.dataDir().resolve("files"))
                : null;
    }

    private record Row(String id, String key, String owner, String name, String contentType, long size, String messageId) {
        Attachment attachment() {
            return new Attachment(id, name, size, contentType, "/api/files/" + id + "?key=" + key);
        }
    }

    private static final String ROW_COLUMNS = "id, access_key, owner_key, name, content_type, size, message_id";

    private static Row row(java.sql.ResultSet row) throws SQLException {
        return new Row(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getLong(6), row.getString(7));
    }

    @Override
    public Attachment save(String ownerKey, String name, String contentType, long size, Path source) throws IOException {
        long now = System.currentTimeMillis();
        Row file = new Row(Ids.next(Ids.FILE, now), newKey(), ownerKey, name, contentType, size, null);
        if (directory != null) {
            Files.createDirectories(directory);
            Files.copy(source, directory.resolve(file.id()));
        }
        try (Connection connection = database.connect(); InputStream bytes = directory == null ? Files.newInputStream(source) : null;
                PreparedStatement insert = connection.prepareStatement("INSERT INTO files (" + ROW_COLUMNS
                        + ", data, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)")) {
            insert.setString(1, file.id());
            insert.setString(2, file.key());
            insert.setString(3, ownerKey);
            insert.setString(4, name);
            insert.setString(5, contentType);
            insert.setLong(6, size);
            if (bytes == null) {
                insert.setNull(7, java.sql.Types.VARBINARY);
            } else {
                insert.setBinaryStream(7, bytes, size);
            }
            insert.setLong(8, now);
            insert.executeUpdate();
        } catch (SQLException e) {
            deleteBytes(file.id());
            throw new StoreException(e);
        }
        return file.attachment();
    }

    @Override
    public Content open(String id, String key) throws IOException {
        try (Connection connection = database.connect()) {
            Row file = Sql.first(connection, "SELECT " + ROW_COLUMNS + " FROM files WHERE id = ?", JdbcFileStore::row, id);
            if (file == null || key == null || !MessageDigest.isEqual(file.key().getBytes(StandardCharsets.US_ASCII),
                    key.getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
            if (directory != null) {
                Path path = directory.resolve(file.id());
                return Files.exists(path) ? new Content(file.id(), file.name(), file.contentType(), file.size(), path) : null;
            }
            return new Content(file.id(), file.name(), file.contentType(), file.size(), null);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public byte[] read(String id, long offset, int length) {
        // a slice per query: neither the driver nor the server holds the whole value for a download
        return Sql.run(database, connection -> Sql.first(connection, "SELECT SUBSTRING(data FROM ? FOR ?) FROM files WHERE id = ?",
                r -> r.getBytes(1), Math.toIntExact(offset + 1), length, id));
    }

    @Override
    public long storedBytes(String ownerKey) {
        return Sql.run(database, connection -> Sql.first(connection,
                "SELECT COALESCE(SUM(size), 0) FROM files WHERE owner_key = ?", r -> r.getLong(1), ownerKey));
    }

    @Override
    public Attached attach(Connection connection, String messageId, String ownerKey, List<String> ids) throws SQLException {
        Map<String, Row> found = new HashMap<>();
        for (Row file : Sql.query(connection, "SELECT " + ROW_COLUMNS + " FROM files WHERE id IN (" + Sql.marks(ids.size())
                + ")" + Sql.forUpdateInOrderOf(connection, "id"), JdbcFileStore::row, ids.toArray())) {
            found.put(file.id(), file);
        }
        List<Attachment> attachments = new ArrayList<>(ids.size());
        for (String id : ids) {
            Row file = found.get(id);
            Reason refusal = file == null ? Reason.NO_SUCH_FILE
                    : !file.owner().equals(ownerKey) ? Reason.NOT_THE_OWNERS
                    : file.messageId() != null ? Reason.ATTACHED_ELSEWHERE : null;
            if (refusal != null) {
                return new Refused(id, refusal);
            }
            attachments.add(file.attachment());
        }
        for (String id : ids) {
            Sql.update(connection, "UPDATE files SET message_id = ? WHERE id = ?", messageId, id);
        }
        return new Bound(attachments);
    }

    @Override
    public void discard(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Sql.run(database, connection -> Sql.update(connection, "DELETE FROM files WHERE id IN (" + Sql.marks(ids.size()) + ")",
                ids.toArray()));
        ids.forEach(this::deleteBytes);
    }

    @Override
    public int sweep(long unattachedForMillis) {
        long uploadedBefore = System.currentTimeMillis() - unattachedForMillis;
        // the condition is checked again by each delete, so a file attached meanwhile stays
        String orphan = "(message_id IS NULL AND created_at < ?) OR (message_id IS NOT NULL AND NOT EXISTS"
                + " (SELECT 1 FROM messages m WHERE m.id = files.message_id AND m.deleted = FALSE))";
        return Sql.run(database, connection -> {
            int deleted = 0;
            for (String id : Sql.query(connection, "SELECT id FROM files WHERE " + orphan, r -> r.getString(1), uploadedBefore)) {
                if (Sql.update(connection, "DELETE FROM files WHERE id = ? AND (" + orphan + ")", id, uploadedBefore) > 0) {
                    deleteBytes(id);
                    deleted++;
                }
            }
            return deleted;
        });
    }

    private void deleteBytes(String id) {
        if (directory == null) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve(id));
        } catch (IOException e) {
            Log.warnf(e, "could not delete the bytes of file %s", id);
        }
    }

    private static String newKey() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
