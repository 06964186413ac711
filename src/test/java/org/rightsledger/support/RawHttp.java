package org.rightsledger.support;

import static org.rightsledger.support.Hostile.ascii;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
/**
 * A raw HTTP/1.1 client for requests that REST Assured cannot send (CR/LF in headers, raw bytes
 * in the request line, no Content-Type, chunked oversized bodies, endless streams); split out of
 * {@link Hostile}.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public record RawResponse(int status, Map<String, List<String>> headers, byte[] body, String note) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /**
     * Sends exactly these bytes (the request line and headers as ISO-8859-1, so any byte can be
     * put in them) and reads one response. {@code declaredLength} may differ from the body sent
     * (to declare an oversized body without sending it). With {@code headersOnly}, the connection
     * is closed after the response headers (for endless streams).
     *
     * @return the response, or a response with status -1 and a note when none came
     */
    public static RawResponse send(int port, String method, String target, List<String[]> headers, byte[] body,
            long declaredLength, boolean chunked, boolean headersOnly, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 5000);
            socket.setSoTimeout(timeoutMillis);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: localhost:").append(port).append("\r\n");
            for (String[] h : headers) {
                head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            if (chunked) {
                head.append("Transfer-Encoding: chunked\r\n");
            } else if (body != null) {
                head.append("Content-Length: ").append(declaredLength >= 0 ? declaredLength : body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            String writeFailure = null;
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    if (chunked) {
                        int chunk = 64 * 1024;
                        for (int off = 0; off < body.length; off += chunk) {
                            int n = Math.min(chunk, body.length - off);
                            out.write(ascii(Integer.toHexString(n) + "\r\n"));
                            out.write(body, off, n);
                            out.write(ascii("\r\n"));
                        }
                        out.write(ascii("0\r\n\r\n"));
                    } else {
                        out.write(body);
                    }
                }
                out.flush();
            } catch (IOException e) {
                writeFailure = "write failed: " + e;
            }
            return read(socket.getInputStream(), headersOnly, writeFailure);
        } catch (SocketTimeoutException e) {
            return new RawResponse(-1, Map.of(), new byte[0], "timed out waiting for a response");
        } catch (IOException e) {
            return new RawResponse(-1, Map.of(), new byte[0], "no response: " + e);
        }
    }

    /** Sends these bytes as they are (request line, headers and all) and reads one response. */
    public static RawResponse sendBytes(int port, byte[] request, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 5000);
            socket.setSoTimeout(timeoutMillis);
            String writeFailure = null;
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                writeFailure = "write failed: " + e;
            }
            return read(socket.getInputStream(), false, writeFailure);
        } catch (SocketTimeoutException e) {
            return new RawResponse(-1, Map.of(), new byte[0], "timed out waiting for a response");
        } catch (IOException e) {
            return new RawResponse(-1, Map.of(), new byte[0], "no response: " + e);
        }
    }

    private static RawResponse read(InputStream in, boolean headersOnly, String writeFailure) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                return new RawResponse(-1, Map.of(), head.toByteArray(),
                        (writeFailure != null ? writeFailure + "; " : "") + "reading the response failed: " + e);
            }
            if (b < 0) {
                return new RawResponse(-1, Map.of(), head.toByteArray(),
                        (writeFailure != null ? writeFailure + "; " : "") + "connection closed without a response");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) ? state + 1 : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        if (headersOnly && status < 300) {
            return new RawResponse(status, headers, new byte[0], writeFailure); // an endless stream: its head is enough
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> te = headers.get("transfer-encoding");
        List<String> cl = headers.get("content-length");
        try {
            if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
                while (true) {
                    String size = readLine(in);
                    int semi = size.indexOf(';');
                    int n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                    if (n == 0) {
                        break;
                    }
                    body.write(in.readNBytes(n));
                    readLine(in);
                }
            } else if (cl != null) {
                body.write(in.readNBytes(Integer.parseInt(cl.get(0).trim())));
            } else {
                body.write(in.readAllBytes());
            }
        } catch (IOException e) {
            return new RawResponse(status, headers, body.toByteArray(), "body cut short: " + e);
        }
        return new RawResponse(status, headers, body.toByteArray(), writeFailure);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
