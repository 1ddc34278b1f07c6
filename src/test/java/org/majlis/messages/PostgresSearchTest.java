package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.messages.MessageSearch.Hits;
import org.majlis.messages.MessageSearch.Scope;
import org.majlis.protocol.ConversationId;
import org.majlis.store.Database;
import org.majlis.testing.Json;
import org.majlis.testing.OnPostgres;
import org.majlis.testing.TestClient;
import org.majlis.testing.Unique;

/** The search tests on the local PostgreSQL (127.0.0.1:5432, database test), over a real connection. */
@QuarkusTest
@TestProfile(OnPostgres.class)
class PostgresSearchTest extends SearchTest {

    @Inject
    Database database;

    @Inject
    MessageRows rows;

    /**
     * A word's pages are the same whether its matches are few (read through the word index) or
     * more (read newest first): with a bound of three, seven matches are paged the second way
     * while more than three are left before the cursor, then the first.
     */
    @Test
    void pagesAreTheSameWhetherAWordHasFewMatchesOrMore() {
        String many = word();
        String few = word();
        List<String> manyIds = new ArrayList<>();
        List<String> fewIds = new ArrayList<>();
        try (TestClient client = TestClient.guest(ws, Unique.name("ps"))) {
            for (int i = 0; i < 7; i++) {
                manyIds.addFirst(sent(client, many + " " + i));
            }
            for (int i = 0; i < 2; i++) {
                fewIds.addFirst(sent(client, few + " " + i));
            }
        }
        PostgresSearch boundOfThree = new PostgresSearch(database, rows, 3);
        PostgresSearch asShipped = new PostgresSearch(database, rows);
        assertEquals(manyIds, pagedIds(boundOfThree, many), "newest first, then the last few");
        assertEquals(manyIds, pagedIds(asShipped, many));
        assertEquals(fewIds, pagedIds(boundOfThree, few));
        assertEquals(List.of(), pagedIds(boundOfThree, word()), "a word no message has");
    }

    private static String sent(TestClient client, String text) {
        String ref = Unique.name("s");
        client.send("send_message", ref, Json.object("message", text));
        return client.awaitAck(ref).path("payload").path("messageId").asText();
    }

    /** Every page of two in general, newest first, following the cursors to the end. */
    private static List<String> pagedIds(PostgresSearch search, String word) {
        Scope general = new Scope(List.of(ConversationId.GENERAL.key()), null, null, null, null, null);
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Hits page = search.search(SearchQuery.parse(word), general, cursor, 2);
            page.messages().forEach(message -> ids.add(message.id()));
            cursor = page.next();
        } while (cursor != null);
        return ids;
    }
}
