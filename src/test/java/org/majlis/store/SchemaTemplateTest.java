package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.majlis.testing.ServerProcess;

/**
 * The schema template packaged with the build is what the application's own Flyway makes of the
 * migrations on a new database, and it is copied only where no database is yet.
 */
@QuarkusTest
class SchemaTemplateTest {

    @Inject
    @FlywayDataSource(Database.EMBEDDED)
    Flyway applicationsFlyway;

    @Test
    void theTemplateIsWhatTheApplicationsFlywayMakesOfTheMigrations() throws Exception {
        Path dir = ServerProcess.tempDir("template-");
        try {
            Path migrated = dir.resolve("migrated.db");
            Flyway.configure().configuration(applicationsFlyway.getConfiguration())
                    .dataSource("jdbc:sqlite:" + migrated + "?journal_mode=WAL", "", "").load().migrate();
            Path copied = dir.resolve("copied.db");
            assertTrue(SchemaTemplate.copyIfNew(copied), "the build packaged a template");

            assertEquals(describe(migrated), describe(copied));
            assertEquals(Database.SCHEMA_VERSION, Integer.parseInt(describe(copied).getLast()), "the newest migration is in it");
        } finally {
            ServerProcess.delete(dir);
        }
    }

    @Test
    void onlyADatabaseThatIsNotThereYetIsCopied() throws IOException {
        Path dir = ServerProcess.tempDir("template-");
        try {
            Path database = dir.resolve("majlis.db");
            assertTrue(SchemaTemplate.copyIfNew(database));
            assertArrayEquals(template(), Files.readAllBytes(database));
            try (var files = Files.list(dir)) {
                assertEquals(List.of(database), files.toList(), "nothing left beside it");
            }

            Files.writeString(database, "kept");
            assertFalse(SchemaTemplate.copyIfNew(database));
            assertEquals("kept", Files.readString(database));

            Path logged = dir.resolve("logged.db");
            Files.writeString(dir.resolve("logged.db-wal"), "a log SQLite would replay into the file");
            assertFalse(SchemaTemplate.copyIfNew(logged), "a log without its database is not given another one");
            assertFalse(Files.exists(logged));
        } finally {
            ServerProcess.delete(dir);
        }
    }

    @Test
    void theFileIsReadFromTheAddress() {
        assertEquals(Optional.of(Path.of("./data/majlis.db")), SchemaTemplate.fileOf("jdbc:sqlite:./data/majlis.db?journal_mode=WAL&synchronous=NORMAL"));
        assertEquals(Optional.of(Path.of("/var/lib/majlis/chat.db")), SchemaTemplate.fileOf("jdbc:sqlite:/var/lib/majlis/chat.db"));
        assertEquals(Optional.empty(), SchemaTemplate.fileOf("jdbc:sqlite::memory:"));
        assertEquals(Optional.empty(), SchemaTemplate.fileOf("jdbc:sqlite:file:chat?mode=memory"));
        assertEquals(Optional.empty(), SchemaTemplate.fileOf("jdbc:sqlite:"));
        assertEquals(Optional.empty(), SchemaTemplate.fileOf("jdbc:postgresql://127.0.0.1:5432/test"));
    }

    /** The schema's objects, the journal mode, every table's rows but the history's, then the history by version (its last line the newest). */
    private static List<String> describe(Path database) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            List<String> lines = new ArrayList<>(column(connection,
                    "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name"));
            lines.addAll(column(connection, "PRAGMA journal_mode"));
            for (String table : column(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name <> 'flyway_schema_history' AND name NOT LIKE 'sqlite_%'")) {
                lines.add(table + " rows " + column(connection, "SELECT COUNT(*) FROM \"" + table + "\"").getFirst());
            }
            lines.addAll(column(connection, "SELECT installed_rank || ' ' || version || ' ' || description || ' ' || type || ' ' || script"
                    + " || ' ' || checksum || ' ' || success FROM flyway_schema_history ORDER BY installed_rank"));
            lines.addAll(column(connection, "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history"));
            return lines;
        }
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static byte[] template() throws IOException {
        try (InputStream in = SchemaTemplate.class.getClassLoader().getResourceAsStream(SchemaTemplate.RESOURCE)) {
            assertNotNull(in, SchemaTemplate.RESOURCE);
            return in.readAllBytes();
        }
    }
}
