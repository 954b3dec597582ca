package dev.inlet.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.x over a plain socket, for requests a well-behaved client refuses to send (bare CR in a
 * header, HTTP/1.0, a body that trickles). Blocking, loopback only, every read bounded.
 */
public final class RawHttp {
    private RawHttp() {}

    /**
     * What came back: the status (0 when the server closed without answering), the header block and
     * the body as text, and whether the server closed the connection after it.
     */
    public record Answer(int status, String statusLine, String headers, String body, boolean closed) {
        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** Sends {@code request} as is and reads one answer, waiting at most {@code timeoutMs} for each read. */
    public static Answer exchange(int port, String request, int timeoutMs) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), timeoutMs);
    }

    public static Answer exchange(int port, byte[] request, int timeoutMs) throws IOException {
        try (Socket socket = connect(port, timeoutMs)) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket);
        }
    }

    public static Socket connect(int port, int timeoutMs) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
        socket.setSoTimeout(timeoutMs);
        return socket;
    }

    /** Reads one answer (head, then Content-Length bytes of body), then checks whether the server closes. */
    public static Answer read(Socket socket) throws IOException {
        Answer head = readHead(socket);
        if (head.status() == 0) {
            return head;
        }
        InputStream in = socket.getInputStream();
        int length = 0;
        for (String line : head.headers().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        boolean closed;
        socket.setSoTimeout(Math.min(socket.getSoTimeout(), 500));
        try {
            closed = in.read() < 0;
        } catch (SocketTimeoutException open) {
            closed = false;
        } catch (SocketException reset) {
            closed = true;
        }
        return new Answer(
                head.status(), head.statusLine(), head.headers(), new String(body, StandardCharsets.UTF_8), closed);
    }

    /**
     * Reads one head (status line and headers) and nothing after it, such as an interim
     * {@code 100 Continue}: an empty body, and {@code closed} only when the server closed before it.
     */
    public static Answer readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        try {
            while ((b = in.read()) >= 0) {
                head.write(b);
                if (endsWithBlankLine(head.toByteArray())) {
                    break;
                }
            }
        } catch (SocketException reset) {
            return new Answer(0, "", "", "", true);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) {
            return new Answer(0, "", "", "", true);
        }
        int firstLineEnd = text.indexOf("\r\n");
        String statusLine = firstLineEnd < 0 ? text : text.substring(0, firstLineEnd);
        String headers = firstLineEnd < 0 ? "" : text.substring(firstLineEnd + 2);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        return new Answer(status, statusLine, headers, "", false);
    }

    private static boolean endsWithBlankLine(byte[] bytes) {
        int n = bytes.length;
        return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }
}
