package org.majlis.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The embedded store skips Flyway when its schema is at {@link Database#SCHEMA_VERSION}: that
 * constant must name the newest migration, and a started server is at it.
 */
@QuarkusTest
class SchemaVersionTest {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    @Inject
    Database database;

    @Test
    void theSchemaVersionIsTheNewestMigration() throws IOException {
        int newest;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            newest = files.map(f -> VERSION.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertEquals(newest, Database.SCHEMA_VERSION, "Database.SCHEMA_VERSION names the newest migration");
        assertEquals(newest, database.appliedVersion(), "the started server's database is at it");
    }
}
