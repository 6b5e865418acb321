package io.mailfleet.bench.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends N messages of S bytes over C concurrent connections to an SMTP server and prints messages/s
 * and the p50/p99 latency from the end-of-data dot to the 250 reply (the time the gateway needs to
 * make the message safe). Bounded: it sends exactly N messages and stops.
 *
 * <pre>java -jar bench/smtp-load/target/smtp-load.jar --port 2525 --messages 2000 --size 10240 --connections 8</pre>
 */
public final class SmtpLoad {

    private SmtpLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        LoadResult result = run(options);
        System.out.println(result.report(options));
        if (result.failed() > 0) {
            System.exit(1);
        }
    }

    static LoadResult run(LoadOptions options) throws Exception {
        byte[] message = message(options.size(), options.from(), options.to());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] latencies = new long[options.messages()];
        AtomicInteger recorded = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.connections());
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < options.connections(); c++) {
            workers.add(pool.submit(() -> {
                try (SmtpSender sender = new SmtpSender(options.host(), options.port())) {
                    while (next.getAndIncrement() < options.messages()) {
                        latencies[recorded.getAndIncrement()] = sender.send(options.from(), options.to(), message);
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    System.err.println("connection failed: " + e.getMessage());
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        long wall = System.nanoTime() - started;
        int sent = recorded.get();
        long[] measured = java.util.Arrays.copyOf(latencies, sent);
        return new LoadResult(sent, options.messages() - sent, wall, measured);
    }

    /** A plain-text message of exactly {@code size} bytes of CRLF lines (no line starts with a dot). */
    static byte[] message(int size, String from, String to) {
        StringBuilder text = new StringBuilder("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: smtp-load\r\n\r\n");
        if (size < text.length() + 2) {
            throw new IllegalArgumentException("size must be at least " + (text.length() + 2) + " bytes");
        }
        while (size - text.length() > 80) {
            text.append("x".repeat(76)).append("\r\n");
        }
        text.append("x".repeat(size - text.length() - 2)).append("\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
