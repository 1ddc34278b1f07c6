package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;

/**
 * The packaged server on the embedded store: a new data directory starts from the build's schema
 * template without Flyway migrating anything; a database an earlier version left behind is
 * migrated to the newest schema by Flyway, as before the template.
 */
class SchemaTemplateIT {

    private static final String MIGRATING = "Migrating schema";
    /** How Flyway writes the time of a migration into SQLite's history. */
    private static final DateTimeFormatter INSTALLED_ON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Test
    void aNewDataDirectoryStartsFromTheTemplate() throws Exception {
        Path data = ServerProcess.tempDir("template-new-");
        Path log = data.resolve("server.log");
        try {
            String started = INSTALLED_ON.format(LocalDateTime.now(ZoneOffset.UTC));
            chatOn(data, log, "newcomer");

            assertFalse(Files.readString(log).contains(MIGRATING), "nothing migrated on a new data directory");
            Path template = data.resolve("template.db");
            try (var in = SchemaTemplate.class.getClassLoader().getResourceAsStream(SchemaTemplate.RESOURCE)) {
                Files.copy(in, template);
            }
            List<String> history = history(data.resolve("majlis.db"));
            assertEquals(history(template).stream().map(SchemaTemplateIT::withoutTime).toList(), history.stream().map(SchemaTemplateIT::withoutTime).toList());
            assertTrue(history.stream().allMatch(line -> line.substring(line.indexOf(" @ ") + 3).compareTo(started) < 0),
                    "every migration was installed by the build, before the server started: " + history);
        } finally {
            ServerProcess.delete(data);
        }
    }

    @Test
    void aDatabaseAtAnEarlierSchemaIsMigratedAtStart() throws Exception {
        Path data = ServerProcess.tempDir("template-older-");
        Path log = data.resolve("server.log");
        try {
            Path database = data.resolve("majlis.db");
            String previous = Integer.toString(Database.SCHEMA_VERSION - 1);
            Flyway.configure().dataSource("jdbc:sqlite:" + database + "?journal_mode=WAL", "", "").target(previous).load().migrate();
            assertEquals(previous, history(database).getLast().split(" ")[0]);

            chatOn(data, log, "oldtimer");

            assertTrue(Files.readString(log).contains(MIGRATING + " \\\"main\\\" to version \\\"" + Database.SCHEMA_VERSION),
                    "Flyway applied the newest migration");
            assertEquals(Integer.toString(Database.SCHEMA_VERSION), history(database).getLast().split(" ")[0]);
        } finally {
            ServerProcess.delete(data);
        }
    }

    /** A guest's message stored and acknowledged, then the server stopped: the database is in use, then closed. */
    private static void chatOn(Path data, Path log, String name) throws Exception {
        try (ServerProcess server = ServerProcess.start(data, log, "-Dquarkus.profile=prod");
                TestClient client = TestClient.guest(server.ws(), name)) {
            client.send("send_message", "m", Json.object("message", "hello from " + name));
            assertTrue(client.awaitAck("m").path("payload").path("seq").asLong() > 0);
        }
    }

    private static String withoutTime(String historyLine) {
        return historyLine.substring(0, historyLine.indexOf(" @ "));
    }

    /** Flyway's history, one line a migration: version, checksum, {@code @} when it was installed (UTC). */
    private static List<String> history(Path database) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, checksum, installed_on FROM flyway_schema_history ORDER BY installed_rank")) {
            while (rows.next()) {
                lines.add(rows.getString(1) + " " + rows.getString(2) + " @ " + rows.getString(3));
            }
        }
        return lines;
    }
}
