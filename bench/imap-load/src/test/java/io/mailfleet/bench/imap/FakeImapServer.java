package io.mailfleet.bench.imap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough IMAP on a real loopback socket to check the harness: counts every command it receives by
 * verb, keeps a message count that APPEND raises, answers FETCH with a literal inside (as real servers
 * do for subjects), and holds IDLE until DONE.
 */
final class FakeImapServer implements AutoCloseable {

    final Map<String, AtomicInteger> commands = new ConcurrentHashMap<>();
    final List<Integer> appendedSizes = new CopyOnWriteArrayList<>();
    final AtomicInteger messages = new AtomicInteger();
    private final ServerSocket server;

    FakeImapServer() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fake-imap-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int count(String verb) {
        return commands.getOrDefault(verb, new AtomicInteger()).get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> serve(socket), "fake-imap-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            write(out, "* OK fake IMAP ready");
            for (String line; (line = line(in)) != null; ) {
                String[] words = line.split(" ", 3);
                String tag = words[0];
                String verb = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
                if (verb.equals("UID") && words.length > 2) {
                    verb = "UID " + words[2].split(" ")[0].toUpperCase(Locale.ROOT);
                }
                commands.computeIfAbsent(verb, key -> new AtomicInteger()).incrementAndGet();
                switch (verb) {
                    case "LOGIN" -> write(out, tag + " OK LOGIN completed");
                    case "SELECT" -> write(out, "* " + messages.get() + " EXISTS\r\n" + tag + " OK [READ-WRITE] SELECT completed");
                    case "FETCH" -> {
                        String[] range = words[2].split(" ")[0].split(":");
                        for (int number = Integer.parseInt(range[0]); number <= Integer.parseInt(range[range.length - 1]); number++) {
                            write(out, "* " + number + " FETCH (UID " + number + " FLAGS () RFC822.SIZE 100 ENVELOPE (NIL {9}");
                            out.write("imap-load".getBytes(StandardCharsets.US_ASCII));
                            write(out, " NIL NIL NIL NIL NIL NIL NIL NIL))");
                        }
                        write(out, tag + " OK FETCH completed");
                    }
                    case "UID SEARCH" -> write(out, "* SEARCH 1 2 3\r\n" + tag + " OK SEARCH completed");
                    case "STORE" -> write(out, tag + " OK STORE completed");
                    case "APPEND" -> {
                        int size = Integer.parseInt(line.substring(line.lastIndexOf('{') + 1, line.length() - 1));
                        write(out, "+ Ready for literal data");
                        byte[] message = in.readNBytes(size);
                        line(in); // the CRLF ending the command
                        appendedSizes.add(message.length);
                        write(out, tag + " OK [APPENDUID 1 " + messages.incrementAndGet() + "] APPEND completed");
                    }
                    case "IDLE" -> {
                        write(out, "+ idling");
                        String done = line(in);
                        if (done == null) {
                            return;
                        }
                        commands.computeIfAbsent(done, key -> new AtomicInteger()).incrementAndGet();
                        write(out, tag + " OK IDLE terminated");
                    }
                    case "LOGOUT" -> {
                        write(out, "* BYE\r\n" + tag + " OK LOGOUT completed");
                        return;
                    }
                    default -> write(out, tag + " BAD unknown command");
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b; (b = in.read()) >= 0; previous = b) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
