package org.majlis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.majlis.cluster.RecordingNode.Delivery;
import org.majlis.connections.Frames;
import org.majlis.protocol.ConversationId;
import org.majlis.protocol.ServerEvent;
import org.majlis.rooms.Room;

/**
 * What every fan-out does, whatever carries the events between nodes: each implementation runs
 * these tests with as many nodes as it serves (one for the in-process fan-out, two on Redis).
 */
abstract class FanOutContract {

    static final Frames FRAMES = new Frames(new ObjectMapper());

    final List<RecordingNode> nodes = new ArrayList<>();
    final List<FanOut> fanOuts = new ArrayList<>();

    /** The fan-outs of the nodes, each handing what it gets to its node; connected and ready. */
    abstract void startNodes() throws Exception;

    @BeforeEach
    void start() throws Exception {
        startNodes();
        nodes.forEach(RecordingNode::clear);
    }

    @Test
    void anEventReachesEveryNodeOnceWithItsTargetAndItsBytes() throws Exception {
        Target target = new Target.Users(List.of("sara", "omar"));
        fanOuts.get(0).send(target, new ServerEvent.MemberJoined("team-x", "سارة"));
        for (RecordingNode node : nodes) {
            assertEquals(List.of(new Delivery(target, "{\"type\":\"member_joined\",\"payload\":{\"room\":\"team-x\",\"username\":\"سارة\"}}")),
                    node.deliveries(1));
        }
        Thread.sleep(200); // and nothing more comes
        nodes.forEach(node -> assertEquals(1, node.deliveredSoFar()));
    }

    @Test
    void aConversationKeepsItsExceptAndItsSeqOnEveryNode() throws Exception {
        Target target = new Target.Conversation(ConversationId.room("team-x"), "omar", 1);
        fanOuts.get(0).send(target, new ServerEvent.MemberJoined("team-x", "sara"));
        for (RecordingNode node : nodes) {
            assertEquals(target, node.deliveries(1).get(0).target());
        }
    }

    @Test
    void everyoneAndAPresenceAudienceArriveAsTheyAre() throws Exception {
        List<Target> targets = List.of(new Target.Everyone(), new Target.Audience("سارة"));
        targets.forEach(target -> fanOuts.get(0).send(target, ServerEvent.Presence.of(List.of())));
        for (RecordingNode node : nodes) {
            assertEquals(targets, node.deliveries(2).stream().map(Delivery::target).toList());
        }
    }

    @Test
    void eventsFromOneNodeArriveEverywhereInTheOrderTheyWereSent() throws Exception {
        int count = 300;
        for (int i = 0; i < count; i++) {
            fanOuts.get(0).send(new Target.Everyone(), new ServerEvent.MemberJoined("r", "user" + i));
        }
        List<Delivery> first = nodes.get(0).deliveries(count);
        for (int i = 0; i < count; i++) {
            assertTrue(first.get(i).json().contains("\"user" + i + "\""), first.get(i)::toString);
        }
        for (RecordingNode node : nodes) {
            assertEquals(first, node.deliveries(count));
        }
    }

    @Test
    void aDisconnectReachesEveryNodeAsItIs() throws Exception {
        List<Disconnect> sent = List.of(Disconnect.all("سارة", 1008, "the account was disabled"),
                Disconnect.session("omar", "s_1", 1000, "signed out"), Disconnect.allBut("omar", "s_2", 1008, "the password changed"));
        sent.forEach(fanOuts.get(0)::disconnect);
        for (RecordingNode node : nodes) {
            assertEquals(sent, node.disconnects(3));
        }
    }

    @Test
    void aRoomChangedOnOneNodeReachesEveryOtherNodeAsItIs() throws Exception {
        assumeTrue(nodes.size() > 1, "one node: its own directory has the room already");
        Room room = new Room("team-x", true, "sara", Map.of("sara", "Sara", "omar", "Omar"), Map.of("leila", "Leila"));
        fanOuts.get(0).roomChanged(room);
        for (RecordingNode node : nodes.subList(1, nodes.size())) {
            Room received = node.rooms(1).get(0);
            assertEquals(List.of(room.name(), room.isPrivate(), room.owner(), room.members(), room.invited()),
                    List.of(received.name(), received.isPrivate(), received.owner(), received.members(), received.invited()));
        }
    }
}
