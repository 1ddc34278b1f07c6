package org.majlis.connections;

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

    /** The UTF-8 JSON after the frame header (what another node needs to make the same frame). */
    public byte[] payload() {
        int length = bytes.getByte(bytes.readerIndex() + 1) & 0x7f;
        int header = length < 126 ? 2 : length == 126 ? 4 : 10;
        byte[] payload = new byte[bytes.readableBytes() - header];
        bytes.getBytes(bytes.readerIndex() + header, payload);
        return payload;
    }

    public int size() {
        return bytes.readableBytes();
    }
}
