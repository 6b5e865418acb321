package io.mailfleet.imap.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A raw line-level client over a real socket, for transcripts: send exactly these bytes, read exactly
 * what the server answers. Reads block with a socket timeout, so a server that hangs fails the test.
 */
public final class ImapTranscript implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private OutputStream rawOut;
    private int tagCounter;

    private ImapTranscript(Socket socket) throws IOException {
        use(socket);
    }

    public static ImapTranscript connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        return new ImapTranscript(socket);
    }

    public static ImapTranscript connectTls(int port) throws IOException {
        SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return new ImapTranscript(socket);
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** The certificate the server presented; the connection must be in TLS. */
    public X509Certificate peerCertificate() throws IOException {
        return (X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
    }

    /** After the server said OK to STARTTLS / STLS: the TLS handshake over the same connection. */
    public SSLSocket upgradeToTls() throws IOException {
        SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
        return tls;
    }

    /** After the server said OK to COMPRESS DEFLATE: raw DEFLATE both ways from here on, flushed per send. */
    public void compress() {
        rawOut = out;
        in = new InflaterInputStream(in, new Inflater(true));
        out = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
    }

    /** Octets straight to the socket, past any compression (to send what a broken client would). */
    public void sendUncompressed(byte[] bytes) throws IOException {
        OutputStream target = rawOut == null ? out : rawOut;
        target.write(bytes);
        target.flush();
    }

    public String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** The next line, or null if none arrives within {@code millis}. */
    public String lineWithin(int millis) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return line();
        } catch (java.net.SocketTimeoutException none) {
            return null;
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    public byte[] bytes(int count) throws IOException {
        return in.readNBytes(count);
    }

    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public String nextTag() {
        return "t" + (++tagCounter);
    }

    /** Sends {@code tag command} and returns every line up to and including the tagged response (literals inline). */
    public List<String> command(String command) throws IOException {
        String tag = nextTag();
        send(tag + " " + command + "\r\n");
        return until(tag);
    }

    public List<String> until(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line();
            if (line == null) {
                throw new IOException("connection closed before " + tag + " completed: " + lines);
            }
            lines.add(withLiteral(line));
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    /** A line ending in {n} is followed by n octets; they are appended so the transcript reads naturally. */
    private String withLiteral(String line) throws IOException {
        StringBuilder full = new StringBuilder(line);
        String current = line;
        while (current.endsWith("}") && current.lastIndexOf('{') >= 0) {
            int size;
            try {
                size = Integer.parseInt(current.substring(current.lastIndexOf('{') + 1, current.length() - 1));
            } catch (NumberFormatException e) {
                break;
            }
            full.append("\r\n").append(new String(bytes(size), StandardCharsets.UTF_8));
            current = line();
            full.append(current);
        }
        return full.toString();
    }

    /** Whether the server closed the connection (read returns end of stream). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException | java.io.EOFException reset) {
            // EOFException: a compressed stream that ends with the connection
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    public static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // the server's certificate is generated at startup; the tests check the protocol, not the PKI
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
}
