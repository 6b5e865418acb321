package io.mailfleet.imap.conformance;

import io.mailfleet.imap.support.ImapTranscript;
import org.apache.james.mpt.api.Continuation;
import org.apache.james.mpt.api.Session;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An MPT {@link Session} over IMAPS: James's scripts speak to this server through a real TLS socket
 * (the server refuses logins in clear text, and James's own external session is plain text only).
 */
final class TlsScriptSession implements Session {

    private final int port;
    private final Continuation continuation;
    private SSLSocket socket;
    private InputStream in;
    private OutputStream out;

    TlsScriptSession(int port, Continuation continuation) {
        this.port = port;
        this.continuation = continuation;
    }

    @Override
    public void start() throws IOException {
        socket = (SSLSocket) ImapTranscript.trustAll().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    @Override
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
                if (text.startsWith("+")) {
                    // the script engine waits for this before it sends a synchronizing literal
                    continuation.doContinue();
                }
                return text;
            }
            line.write(b);
        }
        throw new IOException("connection closed by the server");
    }

    @Override
    public void writeLine(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void restart() throws IOException {
        stop();
        start();
    }

    @Override
    public void stop() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }

    /** AWAIT in a script: the server's continuation request is read like any other line here. */
    @Override
    public void await() {
    }
}
