package org.majlis.store;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * Versions before SQLite kept the embedded store in H2 ({@code <data-dir>/majlis.mv.db}). Found at
 * start, it is brought to the last schema H2 had, copied into SQLite in one transaction and then
 * renamed to {@code majlis.mv.db.imported}: an upgrade keeps every account, room and message.
 * An H2 row replaces the SQLite row of the same key: the general room the new schema seeded takes
 * H2's last sequence number, and a start that stopped between the commit and the rename copies
 * the same rows again without duplicates.
 */
final class H2Import {

    private static final String FILE = "majlis.mv.db";
    /** The schema version the last H2-based release migrated to; later migrations are SQLite's and PostgreSQL's. */
    private static final String LAST_H2_SCHEMA = "7";
    /** Parents before the rows that name them. */
    private static final List<String> TABLES = List.of("accounts", "conversations", "messages", "read_marks",
            "room_members", "room_invitations", "reactions", "files", "sessions");
    private static final int BATCH = 500;

    private H2Import() {
    }

    static void importOnce(Path dataDir, Database target) {
        Path h2File = dataDir.resolve(FILE);
        if (!Files.exists(h2File)) {
            return;
        }
        long rows;
        try (Connection from = openAtLastSchema(dataDir)) {
            rows = Sql.transaction(target, to -> {
                long copied = 0;
                for (String table : TABLES) {
                    copied += copy(from, to, table);
                }
                return copied;
            });
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        try {
            Files.move(h2File, dataDir.resolve(FILE + ".imported"));
        } catch (IOException e) {
            throw new UncheckedIOException("imported " + h2File + " but could not rename it", e);
        }
        Log.infof("imported the H2 database of an earlier version into SQLite: %d rows; the H2 file is kept as %s.imported",
                rows, FILE);
    }

    /** The H2 database of the data directory (made if missing), migrated to the last schema H2 had. */
    static Connection openAtLastSchema(Path dataDir) throws SQLException {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("majlis") + ";DB_CLOSE_ON_EXIT=FALSE";
        Flyway.configure().dataSource(url, "majlis", "").locations("classpath:db/migration").target(LAST_H2_SCHEMA)
                .load().migrate();
        Properties user = new Properties();
        user.setProperty("user", "majlis");
        user.setProperty("password", "");
        return new org.h2.Driver().connect(url, user);
    }

    /** The columns both tables have, row by row; returns the rows read. */
    private static long copy(Connection from, Connection to, String table) throws SQLException {
        List<String> columns = columns(to, table);
        columns.retainAll(columns(from, table));
        String list = String.join(", ", columns);
        long rows = 0;
        try (Statement select = from.createStatement();
                ResultSet source = select.executeQuery("SELECT " + list + " FROM " + table);
                PreparedStatement insert = to.prepareStatement(
                        "INSERT OR REPLACE INTO " + table + " (" + list + ") VALUES (" + Sql.marks(columns.size()) + ")")) {
            while (source.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    insert.setObject(i, source.getObject(i));
                }
                insert.addBatch();
                if (++rows % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return rows;
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet none = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = none.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            return columns;
        }
    }
}
