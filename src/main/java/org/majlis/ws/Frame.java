package org.majlis.ws;

import io.netty.buffer.ByteBuf;

/**
 * One server event encoded once as a complete WebSocket text frame (header and UTF-8 JSON),
 * shared by every recipient. Reference counted: whoever holds a frame releases it once.
 */
public final class Frame {

    private final ByteBuf bytes;

    Frame(ByteBuf bytes) {
        this.bytes = bytes;
    }

    /** A view for one write; the write releases it. */
    ByteBuf forWrite() {
        return bytes.retainedDuplicate();
    }

    public Frame retain() {
        bytes.retain();
        return this;
    }

    public void release() {
        bytes.release();
    }

    public int size() {
        return bytes.readableBytes();
    }
}
