package io.mailfleet.bench.imap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * IMAP load against any IMAP server, bounded in time and work.
 *
 * <p>{@code --mode mix}: C sessions log in and select INBOX, then run N commands in total drawn from a
 * weighted SELECT/FETCH/SEARCH/STORE/APPEND mix ({@link ImapWorker}); prints commands/s and per-command
 * p50/p99 latency. INBOX is first filled up to --seed messages so FETCH and STORE have targets.
 *
 * <p>{@code --mode idle}: N sessions log in, select INBOX and enter IDLE; after --hold seconds each
 * must still answer DONE. With --server-pid the server's resident memory (and JVM heap after a full GC,
 * via jcmd) is sampled before and after, giving the memory per idle connection.
 *
 * <pre>
 * java -jar bench/imap-load/target/imap-load.jar --port 2993 --trust-all true --user demo@example.test \
 *      --password ... --connections 8 --commands 5000
 * java -jar bench/imap-load/target/imap-load.jar --mode idle --sessions 10000 --server-pid 12345 ...
 * </pre>
 */
public final class ImapLoad {

    private ImapLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        if (options.mode().equals("idle")) {
            IdleResult result = idle(options);
            System.out.println(result.report(options));
            System.exit(result.failed() > 0 || result.aliveAfterHold() < result.idling() ? 1 : 0);
        }
        MixResult result = mix(options);
        System.out.println(result.report(options));
        System.exit(result.brokenSessions() > 0 ? 1 : 0);
    }

    static MixResult mix(LoadOptions options) throws Exception {
        byte[] message = ImapWorker.message(options.size());
        try (ImapConnection setup = ImapConnection.open(options)) {
            setup.command("SELECT INBOX");
            for (int present = Math.max(0, setup.exists()); present < options.seed(); present++) {
                if (!setup.append("INBOX", "\\Seen", message).ok()) {
                    throw new IOException("seeding INBOX failed");
                }
            }
        }
        List<ImapConnection> sessions = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            ImapConnection session = ImapConnection.open(options);
            session.command("SELECT INBOX");
            sessions.add(session);
        }
        CommandMix mix = new CommandMix(options.mix());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger broken = new AtomicInteger();
        List<Map<Operation, List<Long>>> measured = Collections.synchronizedList(new ArrayList<>());
        Map<Operation, AtomicInteger> refused = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            refused.put(operation, new AtomicInteger());
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.connections());
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            ImapConnection session = sessions.get(i);
            ImapWorker worker = new ImapWorker(session, message, 31L * i + 7);
            SplittableRandom random = new SplittableRandom(17L * i + 3);
            workers.add(pool.submit(() -> {
                Map<Operation, List<Long>> latencies = new EnumMap<>(Operation.class);
                measured.add(latencies);
                try (session) {
                    while (next.getAndIncrement() < options.commands()) {
                        Operation operation = mix.next(random);
                        long start = System.nanoTime();
                        boolean ok = worker.run(operation);
                        latencies.computeIfAbsent(operation, key -> new ArrayList<>()).add(System.nanoTime() - start);
                        if (!ok) {
                            refused.get(operation).incrementAndGet();
                        }
                    }
                    session.command("LOGOUT");
                } catch (IOException e) {
                    broken.incrementAndGet();
                    System.err.println("session failed: " + e.getMessage());
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        long wall = System.nanoTime() - started;
        pool.shutdown();
        Map<Operation, long[]> latencies = MixResult.emptyLatencies();
        Map<Operation, Integer> refusals = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            long[] all = measured.stream().flatMap(map -> map.getOrDefault(operation, List.of()).stream())
                    .mapToLong(Long::longValue).toArray();
            if (all.length > 0) {
                latencies.put(operation, all);
            }
            refusals.put(operation, refused.get(operation).get());
        }
        return new MixResult(latencies, refusals, broken.get(), wall);
    }

    private static String quoted(String mailbox) {
        return "\"" + mailbox.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static IdleResult idle(LoadOptions options) throws Exception {
        ServerMemory memory = options.serverPid() > 0 ? new ServerMemory(options.serverPid()) : null;
        ServerMemory.Sample before = memory == null ? null : memory.sample();
        List<ImapConnection> idling = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.setupThreads());
        long started = System.nanoTime();
        for (int i = 0; i < options.sessions(); i++) {
            pool.submit(() -> {
                ImapConnection session = null;
                try {
                    session = ImapConnection.open(options);
                    if (!session.command("SELECT " + quoted(options.idleMailbox())).ok() || !session.idle()) {
                        throw new IOException("SELECT or IDLE refused");
                    }
                    idling.add(session);
                } catch (IOException | RuntimeException e) {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                    if (session != null) {
                        session.close();
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
            throw new IOException("setting up the idle sessions took over an hour");
        }
        long setup = System.nanoTime() - started;
        // a harness, not a test: the sessions are meant to sit idle for this long
        TimeUnit.SECONDS.sleep(options.holdSeconds());
        ServerMemory.Sample after = memory == null ? null : memory.sample();
        AtomicInteger alive = new AtomicInteger();
        ExecutorService closer = Executors.newFixedThreadPool(options.setupThreads());
        for (ImapConnection session : idling) {
            closer.submit(() -> {
                try (session) {
                    if (session.done()) {
                        alive.incrementAndGet();
                    }
                    session.command("LOGOUT");
                } catch (IOException e) {
                    firstError.compareAndSet(null, "after the hold: " + e);
                }
            });
        }
        closer.shutdown();
        closer.awaitTermination(10, TimeUnit.MINUTES);
        return new IdleResult(idling.size(), failed.get(), alive.get(), setup, before, after, firstError.get());
    }
}
