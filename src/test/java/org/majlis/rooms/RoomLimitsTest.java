package org.majlis.rooms;

import static org.majlis.rooms.RoomsTest.invitedEvent;
import static org.majlis.rooms.RoomsTest.roomEvent;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.TestClient;
import org.majlis.testing.Tightened;
import org.majlis.testing.Unique;

/** The caps on rooms one user creates and on a room's pending invitations, set low here. */
@QuarkusTest
@TestProfile(Tightened.class)
class RoomLimitsTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void aUserCreatesAtMostItsShareOfRoomsEvenAfterLeavingThem() {
        try (TestClient c = TestClient.guest(ws, Unique.name("maker"))) {
            String first = Unique.name("one");
            c.send("create_room", "c1", Json.object("room", first));
            roomEvent(c, first);
            c.send("leave_room", "l1", Json.object("room", first));
            c.await("member_left");
            String second = Unique.name("two");
            c.send("create_room", "c2", Json.object("room", second, "private", true));
            roomEvent(c, second);
            c.send("create_room", "c3", Json.object("room", Unique.name("three")));
            c.awaitError("limit_reached", "c3");
        }
    }

    @Test
    void aRoomHasFewPendingInvitations() {
        String room = Unique.name("few");
        String a = Unique.name("ia");
        String b = Unique.name("ib");
        try (TestClient o = TestClient.guest(ws, Unique.name("fown")); TestClient ia = TestClient.guest(ws, a);
                TestClient ib = TestClient.guest(ws, b)) {
            o.send("create_room", "c1", Json.object("room", Unique.name("many"), "members", List.of(a, b)));
            o.awaitError("limit_reached", "c1");
            o.send("create_room", "c2", Json.object("room", room, "private", true, "members", List.of(a)));
            roomEvent(o, room);
            invitedEvent(ia, room);
            o.send("invite", "i1", Json.object("room", room, "username", b));
            o.awaitError("limit_reached", "i1");
            // an accepted invitation is no longer pending: room for the next one
            ia.send("join_room", "j1", Json.object("room", room));
            o.await("member_joined");
            o.send("invite", "i2", Json.object("room", room, "username", b));
            o.awaitAck("i2");
            invitedEvent(ib, room);
        }
    }
}
