package io.mailfleet.smtp.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** A plain socket speaking SMTP line by line, for transcripts of exactly what the server answers. */
public final class RawSmtpClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public record Reply(int code, List<String> lines) {
        public String text() {
            return String.join("\n", lines);
        }

        public boolean has(String text) {
            return lines.stream().anyMatch(line -> line.contains(text));
        }

        @Override
        public String toString() {
            return code + " " + text();
        }
    }

    public RawSmtpClient(int port) throws IOException {
        this(port, null);
    }

    /** Connects from a chosen loopback address (all of 127.0.0.0/8 is local on Linux), to test IP policies. */
    public RawSmtpClient(int port, String fromAddress) throws IOException {
        socket = new Socket();
        if (fromAddress != null) {
            socket.bind(new InetSocketAddress(fromAddress, 0));
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public static RawSmtpClient implicitTls(int port) throws IOException {
        return implicitTls(port, null);
    }

    public static RawSmtpClient implicitTls(int port, String fromAddress) throws IOException {
        RawSmtpClient client = new RawSmtpClient(port, fromAddress);
        client.startTls();
        return client;
    }

    /** Sends raw bytes, no line ending added. */
    public RawSmtpClient write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    public RawSmtpClient write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one line with CRLF. */
    public RawSmtpClient send(String line) throws IOException {
        return write(line + "\r\n");
    }

    public Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("connection closed; reply so far: " + lines);
            }
            if (line.length() < 3) {
                throw new IOException("not an SMTP reply line: " + line);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    /** Sends a line and reads the reply. */
    public Reply command(String line) throws IOException {
        send(line);
        return read();
    }

    /**
     * True when the server closed the connection (end of stream or reset) within the socket timeout.
     * Octets before the end (a TLS close_notify alert, say) are skipped.
     */
    public boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // not the end yet
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    public void greetingAndEhlo() throws IOException {
        expect(read(), 220);
        expect(command("EHLO client.example"), 250);
    }

    public static Reply expect(Reply reply, int code) {
        if (reply.code() != code) {
            throw new AssertionError("expected " + code + " but got " + reply);
        }
        return reply;
    }

    /** Turns this connection into TLS (after a 220 to STARTTLS, or at once for SMTPS), trusting any certificate. */
    public void startTls() throws IOException {
        SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
    }

    public SSLSocket sslSocket() {
        return (SSLSocket) socket;
    }

    /** The gateway's certificate is self-signed in tests. */
    public static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
