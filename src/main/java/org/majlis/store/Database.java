package org.majlis.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The database in use: the embedded H2 datasource by default, or PostgreSQL when the
 * {@code postgres} profile (or {@code quarkus.datasource.pg.active=true}) switches it on.
 * Both are built into the same application; configuration picks one at start.
 */
@ApplicationScoped
public class Database {

    public static final String EMBEDDED = "h2";
    public static final String POSTGRES = "pg";

    private final AgroalDataSource dataSource;
    private final String name;

    public Database() {
        Optional<AgroalDataSource> postgres = AgroalDataSourceUtil.dataSourceIfActive(POSTGRES);
        this.name = postgres.isPresent() ? POSTGRES : EMBEDDED;
        this.dataSource = postgres.or(() -> AgroalDataSourceUtil.dataSourceIfActive(EMBEDDED))
                .orElseThrow(() -> new IllegalStateException("no active datasource: activate h2 or pg"));
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** {@code h2} or {@code pg}. */
    public String name() {
        return name;
    }
}
