package org.majlis.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.logging.Log;
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
 * is made and the schema migrated here, before the first connection is handed out, and the H2
 * database of an earlier version is imported once.
 */
@ApplicationScoped
public class Database {

    public static final String EMBEDDED = "sqlite";
    public static final String POSTGRES = "pg";

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
            embeddedSchema.get().migrate();
            H2Import.importOnce(config.dataDir(), this);
            Log.debugf("embedded store: %s", config.dataDir().resolve("majlis.db"));
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
