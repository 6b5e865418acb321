package io.mailfleet.bench.smtp;

import java.util.HashMap;
import java.util.Map;

/** {@code --host --port --messages --size --connections --from --to}; every option has a default. */
record LoadOptions(String host, int port, int messages, int size, int connections, String from, String to) {

    static LoadOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
        LoadOptions options = new LoadOptions(
                values.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(values.getOrDefault("port", "2525")),
                Integer.parseInt(values.getOrDefault("messages", "1000")),
                Integer.parseInt(values.getOrDefault("size", "10240")),
                Integer.parseInt(values.getOrDefault("connections", "8")),
                values.getOrDefault("from", "load@bench.example"),
                values.getOrDefault("to", "demo@example.test"));
        if (options.messages < 1 || options.size < 256 || options.connections < 1) {
            throw new IllegalArgumentException("messages >= 1, size >= 256 and connections >= 1");
        }
        return options;
    }
}
