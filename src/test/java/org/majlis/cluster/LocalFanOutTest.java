package org.majlis.cluster;

/** The contract on one node, in process. */
class LocalFanOutTest extends FanOutContract {

    @Override
    void startNodes() {
        RecordingNode node = new RecordingNode();
        nodes.add(node);
        fanOuts.add(new LocalFanOut(node, FRAMES));
    }
}
