package org.majlis.messages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.majlis.config.MajlisConfig;
import org.majlis.store.Database;
import org.majlis.store.PendingMessages;

/** The search of the active database: SQLite's index file of its own, or PostgreSQL's GIN index. */
@ApplicationScoped
public class SearchProducer {

    @Produces
    @ApplicationScoped
    MessageSearch search(Database database, MessageRows rows, MajlisConfig config, PendingMessages pending) {
        return Database.EMBEDDED.equals(database.name())
                ? new SqliteSearch(config.dataDir().resolve("search.db"), database, rows, pending)
                : new PostgresSearch(database, rows);
    }

    void close(@Disposes MessageSearch search) {
        if (search instanceof SqliteSearch sqlite) {
            sqlite.close();
        }
    }
}
