package org.majlis.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.flyway.FlywayDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.majlis.config.MajlisConfig;

/**
 * The database in use: the embedded SQLite datasource by default, or PostgreSQL when the
 * {@code postgres} profile (or {@code quarkus.datasource.pg.active=true}) switches it on.
 * Both are built into the same application; configuration picks one at start.
 *
 * <p>The embedded file lives in the data directory, which SQLite does not create: the directory
 * is made here, a new database file copied from the {@link SchemaTemplate} and an older one
 * migrated, before the first connection is handed out, and the H2 database of an earlier version
 * is imported once.
 */
@ApplicationScoped
public class Database {

    public static final String EMBEDDED = "sqlite";
    public static final String POSTGRES = "pg";
    /** The newest migration in {@code db/migration} (SchemaVersionTest keeps the two equal). */
    static final int SCHEMA_VERSION = 17;

    private final AgroalDataSource dataSource;
    private final String name;

    public Database(MajlisConfig config, @FlywayDataSource(EMBEDDED) Instance<Flyway> embeddedSchema) {
        Optional<AgroalDataSource> postgres = AgroalDataSourceUtil.dataSourceIfActive(POSTGRES);
        this.name = postgres.isPresent() ? POSTGRES : EMBEDDED;
        this.dataSource = postgres.or(() -> AgroalDataSourceUtil.dataSourceIfActive(EMBEDDED))
                .orElseThrow(() -> new IllegalStateException("no active datasource: activate sqlite or pg"));
        if (postgres.isEmpty()) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
            }
            SqliteNativeLibrary.useCopyIn(config.dataDir());
            startFromTheTemplateIfNew();
            // Flyway validates every migration on each start (a tenth of the startup): once the
            // file is at the newest version there is nothing for it to do
            if (appliedVersion() != SCHEMA_VERSION) {
                embeddedSchema.get().migrate();
            }
            H2Import.importOnce(config.dataDir(), this);
        }
    }

    private void startFromTheTemplateIfNew() {
        String url = dataSource.getConfiguration().connectionPoolConfiguration().connectionFactoryConfiguration().jdbcUrl();
        SchemaTemplate.fileOf(url).ifPresent(file -> {
            try {
                SchemaTemplate.copyIfNew(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the database " + file, e);
            }
        });
    }

    /** The newest migration applied to this database; 0 for a new one. */
    int appliedVersion() {
        try (Connection connection = connect()) {
            Integer version = Sql.first(connection, "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1",
                    row -> row.getInt(1));
            return version == null ? 0 : version;
        } catch (SQLException noHistoryYet) {
            return 0;
        }
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** {@code sqlite} or {@code pg}. */
    public String name() {
        return name;
    }
}
