package org.majlis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** An HTTP request written by hand, as slowly as a test wants: for idle, body-timeout and in-flight tests. */
public final class SlowRequest implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public SlowRequest(URI server, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    public SlowRequest(URI server) throws IOException {
        this(server, 0);
    }

    public SlowRequest send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public SlowRequest send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Whether the server has closed the connection, waiting at most {@code millis} for it (what it sent is skipped). */
    public boolean closedWithin(long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        byte[] skip = new byte[8192];
        while (System.currentTimeMillis() < deadline) {
            socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            try {
                if (in.read(skip) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (java.net.SocketException reset) {
                return true;
            }
        }
        return false;
    }

    /** The response's status line and headers. */
    public String readHead() throws IOException {
        socket.setSoTimeout(20_000);
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended after " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** The response's body of {@code length} bytes, after {@link #readHead}. */
    public byte[] readBody(int length) throws IOException {
        return in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
