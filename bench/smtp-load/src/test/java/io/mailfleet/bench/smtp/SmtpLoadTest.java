package io.mailfleet.bench.smtp;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness against a minimal SMTP sink on a real loopback socket: it sends what it says it sends. */
class SmtpLoadTest {

    @Test
    void sendsEveryMessageOverTheConnectionsAndMeasuresEachOne() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> accept(server, sizes));
            acceptor.setDaemon(true);
            acceptor.start();
            LoadOptions options = LoadOptions.parse(new String[]{"--port", String.valueOf(server.getLocalPort()),
                    "--messages", "40", "--size", "2048", "--connections", "4"});
            LoadResult result = SmtpLoad.run(options);
            assertEquals(40, result.sent());
            assertEquals(0, result.failed());
            assertEquals(40, result.latencyNanos().length);
            assertEquals(40, sizes.size());
            assertTrue(sizes.stream().allMatch(size -> size == 2048), sizes.toString());
            assertTrue(result.latencyMillis(0.5) <= result.latencyMillis(0.99));
            assertTrue(result.report(options).contains("messages/s"));
        }
    }

    @Test
    void messageHasExactlyTheRequestedSizeAndEndsWithCrlf() {
        for (int size : new int[]{256, 1000, 10240}) {
            byte[] message = SmtpLoad.message(size, "a@example.com", "b@example.com");
            assertEquals(size, message.length);
            assertEquals('\r', message[size - 2]);
            assertEquals('\n', message[size - 1]);
        }
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(new String[]{"--size", "10"}));
    }

    /** Accepts connections and speaks just enough SMTP; records the size of each message's data. */
    private static void accept(ServerSocket server, List<Integer> sizes) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> serve(socket, sizes));
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void serve(Socket socket, List<Integer> sizes) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = socket.getOutputStream();
            out.write("220 sink\r\n".getBytes(StandardCharsets.US_ASCII));
            for (String line; (line = in.readLine()) != null; ) {
                String reply;
                if (line.startsWith("EHLO")) {
                    reply = "250-sink\r\n250 PIPELINING\r\n";
                } else if (line.equals("DATA")) {
                    out.write("354 go\r\n".getBytes(StandardCharsets.US_ASCII));
                    int size = 0;
                    for (String data; !(data = in.readLine()).equals("."); ) {
                        size += data.length() + 2;
                    }
                    sizes.add(size);
                    reply = "250 2.0.0 queued\r\n";
                } else if (line.equals("QUIT")) {
                    out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                } else {
                    reply = "250 ok\r\n";
                }
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }
}
