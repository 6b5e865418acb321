package io.mailfleet.bench.imap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal blocking IMAP client: tagged commands, literals in responses, synchronizing literals for
 * APPEND, IDLE. It remembers the last {@code * n EXISTS} it saw so the mix can address real messages.
 */
final class ImapConnection implements AutoCloseable {

    /** The tagged completion and every line before it (a literal is read and replaced by its size). */
    record Response(String status, List<String> lines) {
        boolean ok() {
            return status.equals("OK");
        }
    }

    private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tags;
    private int exists = -1;

    private ImapConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects, reads the greeting and logs in. */
    static ImapConnection open(LoadOptions options) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(options.host(), options.port()), 10_000);
        plain.setSoTimeout(60_000);
        Socket socket = plain;
        if (options.tls()) {
            SSLSocket tls = (SSLSocket) context(options.trustAll()).getSocketFactory()
                    .createSocket(plain, options.host(), options.port(), true);
            tls.setEnabledProtocols(new String[]{"TLSv1.3", "TLSv1.2"});
            tls.startHandshake();
            socket = tls;
        }
        ImapConnection connection = new ImapConnection(socket);
        String greeting = connection.line();
        if (greeting == null || !greeting.startsWith("* OK")) {
            connection.close();
            throw new IOException("unexpected greeting: " + greeting);
        }
        Response login = connection.command("LOGIN " + quoted(options.user()) + " " + quoted(options.password()));
        if (!login.ok()) {
            connection.close();
            throw new IOException("LOGIN failed: " + login.lines().get(login.lines().size() - 1));
        }
        return connection;
    }

    Response command(String command) throws IOException {
        String tag = nextTag();
        send((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        return until(tag);
    }

    /** APPEND with a synchronizing literal: the message goes out only after the server's "+". */
    Response append(String mailbox, String flags, byte[] message) throws IOException {
        String tag = nextTag();
        send((tag + " APPEND " + mailbox + " (" + flags + ") {" + message.length + "}\r\n").getBytes(StandardCharsets.UTF_8));
        String continuation = line();
        if (continuation == null || !continuation.startsWith("+")) {
            List<String> lines = new ArrayList<>();
            lines.add(String.valueOf(continuation));
            return new Response(continuation != null && continuation.startsWith(tag + " ")
                    ? continuation.substring(tag.length() + 1).split(" ", 2)[0] : "BAD", lines);
        }
        byte[] framed = new byte[message.length + 2];
        System.arraycopy(message, 0, framed, 0, message.length);
        framed[message.length] = '\r';
        framed[message.length + 1] = '\n';
        send(framed);
        return until(tag);
    }

    /** Enters IDLE; true once the server answered with its continuation. */
    boolean idle() throws IOException {
        send((nextTag() + " IDLE\r\n").getBytes(StandardCharsets.US_ASCII));
        String line;
        while ((line = line()) != null) {
            if (line.startsWith("+")) {
                return true;
            }
            if (!line.startsWith("*")) {
                return false;
            }
        }
        return false;
    }

    /** Ends IDLE; true when the server completed the IDLE command with OK. */
    boolean done() throws IOException {
        send("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
        return until("t" + tags).ok();
    }

    int exists() {
        return exists;
    }

    private String nextTag() {
        return "t" + (++tags);
    }

    private void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private Response until(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = line()) != null) {
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                String rest = line.substring(tag.length() + 1);
                return new Response(rest.split(" ", 2)[0], lines);
            }
        }
        throw new IOException("connection closed before " + tag + " completed");
    }

    /** One response line; literals inside it are consumed and left as their {n} marker. */
    private String line() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String part = rawLine();
            if (part == null) {
                return text.length() == 0 ? null : text.toString();
            }
            text.append(part);
            Matcher literal = LITERAL.matcher(part);
            if (!literal.find()) {
                break;
            }
            long remaining = Long.parseLong(literal.group(1));
            while (remaining > 0) {
                long skipped = in.skip(remaining);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed inside a literal");
                    }
                    skipped = 1;
                }
                remaining -= skipped;
            }
        }
        Matcher exists = EXISTS.matcher(text);
        if (exists.matches()) {
            this.exists = Integer.parseInt(exists.group(1));
        }
        return text.toString();
    }

    private String rawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The JDK's default trust, or (--trust-all, for the local stack's self-signed certificate on a
     * loopback address) none at all. Never use trust-all across a network.
     */
    private static SSLContext context(boolean trustAll) throws IOException {
        try {
            if (!trustAll) {
                return SSLContext.getDefault();
            }
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
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
