package org.majlis.connections;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.PooledByteBufAllocator;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.majlis.protocol.ServerEvent;

/** Encodes server events into {@link Frame}s: the envelope, the payload and the frame header, once. */
@Singleton
public class Frames {

    /** Room for the largest header of an unmasked frame: 2 bytes plus an 8-byte length. */
    private static final int HEADER_ROOM = 10;
    private static final int TEXT_FINAL = 0x81;

    private final ObjectMapper mapper;

    public Frames(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Frame encode(ServerEvent event) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(256);
        try {
            buf.writerIndex(HEADER_ROOM);
            try (JsonGenerator gen = mapper.getFactory().createGenerator((java.io.OutputStream) new ByteBufOutputStream(buf))) {
                gen.writeStartObject();
                gen.writeStringField("type", event.type());
                if (!(event instanceof ServerEvent.Pong pong && pong.ref() == null)) { // the original pong has no payload
                    gen.writeFieldName("payload");
                    mapper.writeValue(gen, event);
                }
                gen.writeEndObject();
            }
            int length = buf.writerIndex() - HEADER_ROOM;
            int start = writeHeader(buf, length);
            return new Frame(buf.readerIndex(start));
        } catch (IOException e) {
            buf.release();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /** A frame of UTF-8 JSON encoded elsewhere (by another node), taken byte for byte. */
    public Frame wrapJson(byte[] utf8, int offset, int length) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(HEADER_ROOM + length);
        buf.writerIndex(HEADER_ROOM);
        buf.writeBytes(utf8, offset, length);
        return new Frame(buf.readerIndex(writeHeader(buf, length)));
    }

    /** Writes the header right before the payload and returns where the frame starts. */
    private static int writeHeader(ByteBuf buf, int length) {
        int start;
        if (length < 126) {
            start = HEADER_ROOM - 2;
            buf.setByte(start + 1, length);
        } else if (length <= 0xFFFF) {
            start = HEADER_ROOM - 4;
            buf.setByte(start + 1, 126);
            buf.setShort(start + 2, length);
        } else {
            start = 0;
            buf.setByte(1, 127);
            buf.setLong(2, length);
        }
        buf.setByte(start, TEXT_FINAL);
        return start;
    }
}
