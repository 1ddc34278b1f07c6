package org.majlis.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.testing.TestClient;
import org.majlis.testing.Tightened;
import org.majlis.testing.Unique;

/** With a maximum count, each conversation keeps only its newest messages; seq numbering goes on. */
@QuarkusTest
@TestProfile(Tightened.class)
class RetentionTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    Retention retention;

    @Test
    void onlyTheNewestMessagesOfAConversationAreKept() {
        try (TestClient a = TestClient.guest(ws, Unique.name("keeper"))) {
            String word = Unique.name("kept");
            List<Long> seqs = HistoryTest.sendAll(a, word, 12, null);
            assertTrue(retention.apply() >= 7);
            JsonNode page = HistoryTest.history(a, "all", "limit", 200);
            long last = seqs.get(seqs.size() - 1);
            assertEquals(List.of(last - 4, last - 3, last - 2, last - 1, last), HistoryTest.seqs(page));
            assertFalse(page.path("hasMore").asBoolean());
            List<String> kept = java.util.stream.IntStream.range(12 - Tightened.RETAINED_MESSAGES, 12)
                    .mapToObj(i -> word + " " + i).toList().reversed();
            SearchTest.assertFound(kept, a, "query", word); // what retention removed is not found any more
            List<Long> more = HistoryTest.sendAll(a, Unique.name("after"), 1, null);
            assertEquals(last + 1, more.get(0), "numbering goes on after deletions");
        }
    }
}
