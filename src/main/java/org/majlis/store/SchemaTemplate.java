package org.majlis.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

/**
 * An empty embedded database at the newest schema, made by Flyway from {@code db/migration}
 * when the application is built ({@link #main}) and packaged with it. A new data directory
 * starts from a copy: Flyway's start and the migrations one by one took about a third of a
 * second of a first start, before the first login could be answered. The copy carries Flyway's
 * own history, so a later migration applies to it as to any database Flyway made; a class path
 * without the template leaves the migrations to Flyway at start.
 */
final class SchemaTemplate {

    static final String RESOURCE = "db/sqlite-template.db";
    private static final String JDBC_PREFIX = "jdbc:sqlite:";

    private SchemaTemplate() {
    }

    /**
     * Puts the template in place of a database file that does not exist yet; false when the file
     * (or a log of it) is there, or the build has no template.
     */
    static boolean copyIfNew(Path database) throws IOException {
        if (Files.exists(database) || Files.exists(Path.of(database + "-wal"))) {
            return false;
        }
        try (InputStream template = SchemaTemplate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (template == null) {
                return false;
            }
            FileInstall.install(template, database); // on disk before SQLite's first commits go to the log beside it
            return true;
        }
    }

    /** The file a {@code jdbc:sqlite:} address names, if it names one (not an in-memory database or a URI). */
    static Optional<Path> fileOf(String jdbcUrl) {
        if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
            return Optional.empty();
        }
        String location = jdbcUrl.substring(JDBC_PREFIX.length());
        int parameters = location.indexOf('?');
        if (parameters >= 0) {
            location = location.substring(0, parameters);
        }
        boolean file = !location.isEmpty() && !location.startsWith(":") && !location.startsWith("file:");
        return file ? Optional.of(Path.of(location)) : Optional.empty();
    }

    /**
     * Makes the template at {@code args[0]}: the migrations of the class path's {@code args[1]}
     * applied by Flyway to a new database, then copied out compacted, in WAL mode without a log
     * beside it. Each migration is named by its path on the class path, as Quarkus' Flyway names
     * it in the history.
     */
    public static void main(String[] args) throws IOException, SQLException {
        Path output = Path.of(args[0]);
        Migrations migrations = Migrations.in(args[1]);
        Path work = Files.createTempDirectory("majlis-schema-template");
        try {
            String url = JDBC_PREFIX + work.resolve("template.db") + "?journal_mode=WAL";
            Flyway.configure().dataSource(url, "", "").resourceProvider(migrations).load().migrate();
            Files.createDirectories(output.toAbsolutePath().getParent());
            Files.deleteIfExists(output);
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute("VACUUM INTO '" + output.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            // the copy is in rollback mode; the header of a database the server made says WAL
            try (Connection connection = DriverManager.getConnection(JDBC_PREFIX + output.toAbsolutePath() + "?journal_mode=WAL")) {
                connection.isValid(0);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    /** The SQL files of one folder on the class path, each under its path there. */
    private record Migrations(List<String> paths) implements ResourceProvider {

        static Migrations in(String folder) throws IOException {
            URL url = SchemaTemplate.class.getClassLoader().getResource(folder);
            if (url == null || !"file".equals(url.getProtocol())) {
                throw new IOException("no folder " + folder + " on the class path: " + url);
            }
            try (Stream<Path> files = Files.list(Path.of(URI.create(url.toString())))) {
                return new Migrations(files.map(file -> folder + "/" + file.getFileName()).filter(path -> path.endsWith(".sql")).sorted().toList());
            }
        }

        @Override
        public LoadableResource getResource(String name) {
            return paths.contains(name) ? resource(name) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return paths.stream().filter(path -> {
                String name = path.substring(path.lastIndexOf('/') + 1);
                return name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith);
            }).map(Migrations::resource).toList();
        }

        private static LoadableResource resource(String path) {
            return new ClassPathResource(null, path, SchemaTemplate.class.getClassLoader(), StandardCharsets.UTF_8);
        }
    }
}
