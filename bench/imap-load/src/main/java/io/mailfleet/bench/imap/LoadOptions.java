package io.mailfleet.bench.imap;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --name value} options; every one has a default.
 *
 * <ul>
 *   <li>{@code --mode mix|idle}: the command mix, or idle sessions</li>
 *   <li>{@code --host}, {@code --port} (2993), {@code --tls} (true: implicit TLS, as IMAPS),
 *       {@code --trust-all} (false; true accepts the local stack's self-signed certificate)</li>
 *   <li>{@code --user}, {@code --password}: the account every session logs in as</li>
 *   <li>mix: {@code --connections} C, {@code --commands} N in total, {@code --mix select=10,fetch=40,...}
 *       (relative weights), {@code --seed} messages appended first when INBOX has fewer, {@code --size} of
 *       appended messages</li>
 *   <li>idle: {@code --sessions} N, {@code --idle-mailbox} each selects before IDLE (INBOX; an empty one
 *       isolates the per-connection cost from the per-selected-message state), {@code --setup-threads}
 *       for the logins, {@code --hold} seconds in IDLE, {@code --server-pid} to read the server's memory
 *       (same machine only)</li>
 * </ul>
 */
record LoadOptions(String mode, String host, int port, boolean tls, boolean trustAll, String user, String password,
                   int connections, int commands, Map<Operation, Integer> mix, int seed, int size,
                   int sessions, String idleMailbox, int setupThreads, int holdSeconds, long serverPid) {

    static LoadOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
        LoadOptions options = new LoadOptions(
                values.getOrDefault("mode", "mix"),
                values.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(values.getOrDefault("port", "2993")),
                Boolean.parseBoolean(values.getOrDefault("tls", "true")),
                Boolean.parseBoolean(values.getOrDefault("trust-all", "false")),
                values.getOrDefault("user", "demo@example.test"),
                values.getOrDefault("password", ""),
                Integer.parseInt(values.getOrDefault("connections", "8")),
                Integer.parseInt(values.getOrDefault("commands", "5000")),
                mix(values.getOrDefault("mix", "select=10,fetch=40,search=20,store=20,append=10")),
                Integer.parseInt(values.getOrDefault("seed", "200")),
                Integer.parseInt(values.getOrDefault("size", "4096")),
                Integer.parseInt(values.getOrDefault("sessions", "1000")),
                values.getOrDefault("idle-mailbox", "INBOX"),
                Integer.parseInt(values.getOrDefault("setup-threads", "16")),
                Integer.parseInt(values.getOrDefault("hold", "5")),
                Long.parseLong(values.getOrDefault("server-pid", "0")));
        if (!options.mode.equals("mix") && !options.mode.equals("idle")) {
            throw new IllegalArgumentException("--mode is mix or idle");
        }
        if (options.connections < 1 || options.commands < 1 || options.sessions < 1 || options.setupThreads < 1
                || options.size < 256 || options.seed < 1 || options.holdSeconds < 0) {
            throw new IllegalArgumentException("connections, commands, sessions, setup-threads, seed >= 1; size >= 256; hold >= 0");
        }
        return options;
    }

    private static Map<Operation, Integer> mix(String text) {
        Map<Operation, Integer> weights = new EnumMap<>(Operation.class);
        for (String entry : text.split(",")) {
            String[] pair = entry.split("=");
            if (pair.length != 2) {
                throw new IllegalArgumentException("--mix wants name=weight pairs, got " + entry);
            }
            int weight = Integer.parseInt(pair[1].trim());
            if (weight < 0) {
                throw new IllegalArgumentException("negative weight in --mix: " + entry);
            }
            weights.put(Operation.valueOf(pair[0].trim().toUpperCase(Locale.ROOT)), weight);
        }
        if (weights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("--mix needs a positive weight");
        }
        return weights;
    }
}
