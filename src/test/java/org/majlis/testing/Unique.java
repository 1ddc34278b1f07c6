package org.majlis.testing;

import java.util.UUID;

/** Names no other test uses: the suites share one server and, on PostgreSQL, one database. */
public final class Unique {

    private Unique() {
    }

    public static String name(String base) {
        return base + UUID.randomUUID().toString().substring(0, 8);
    }
}
