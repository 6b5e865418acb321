package io.mailfleet.infra;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RedisServerTest {

    @Test
    void storesAndReturnsAValueAndStopsCleanly() throws Exception {
        RedisServer redis = RedisServer.ephemeral();
        try (redis) {
            redis.start();
            try (Socket socket = new Socket("127.0.0.1", redis.port())) {
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write("SET greeting hello\r\nGET greeting\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("+OK\r\n$5\r\nhello\r\n", new String(in.readNBytes(16), StandardCharsets.US_ASCII));
            }
        }
        assertFalse(portOpen(redis.port()), "redis still listening after close");
    }

    private static boolean portOpen(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
