package io.mailfleet.auth.geoip;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files (format 2.0, IPv6 tree with IPv4 at ::/96, 32-bit records) for tests: no
 * GeoIP database can be shipped or downloaded here, and MaxMind's writer is not on Maven Central. Values:
 * String, Integer (uint32), Long (uint64), Map and List.
 */
public final class TestMmdb {

    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

    /** A network (IPv4 or IPv6 literal and prefix) and the record it maps to. */
    public record Network(String address, int prefix, Map<String, Object> record) {
    }

    private static final class Node {
        final Object[] children = new Object[2]; // Node, Integer (data offset) or null
        int number;
    }

    private TestMmdb() {
    }

    public static byte[] build(String databaseType, List<Network> networks) throws Exception {
        Node root = new Node();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Network network : networks) {
            int offset = data.size();
            encode(network.record(), data);
            insert(root, bits(network), offset);
        }
        List<Node> nodes = new ArrayList<>();
        number(root, nodes);
        int nodeCount = nodes.size();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (Node node : nodes) {
            for (Object child : node.children) {
                long record = child instanceof Node next ? next.number
                        : child instanceof Integer offset ? nodeCount + 16L + offset
                        : nodeCount; // no data
                file.write(new byte[]{(byte) (record >>> 24), (byte) (record >>> 16), (byte) (record >>> 8), (byte) record});
            }
        }
        file.write(new byte[16]); // data section separator
        data.writeTo(file);
        file.write(METADATA_MARKER);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("node_count", nodeCount);
        metadata.put("record_size", new Uint16(32));
        metadata.put("ip_version", new Uint16(6));
        metadata.put("database_type", databaseType);
        metadata.put("languages", List.of("en"));
        metadata.put("binary_format_major_version", new Uint16(2));
        metadata.put("binary_format_minor_version", new Uint16(0));
        metadata.put("build_epoch", System.currentTimeMillis() / 1000);
        metadata.put("description", Map.of("en", "Mailfleet test data"));
        encode(metadata, file);
        return file.toByteArray();
    }

    private record Uint16(int value) {
    }

    /** The network's prefix as bits of its 128-bit (IPv4-at-::/96) address. */
    private static boolean[] bits(Network network) throws Exception {
        byte[] raw = InetAddress.getByName(network.address()).getAddress(); // literals only: no DNS lookup
        byte[] address = new byte[16];
        System.arraycopy(raw, 0, address, 16 - raw.length, raw.length);
        int prefix = raw.length == 4 ? 96 + network.prefix() : network.prefix();
        boolean[] bits = new boolean[prefix];
        for (int i = 0; i < prefix; i++) {
            bits[i] = (address[i / 8] & (0x80 >>> (i % 8))) != 0;
        }
        return bits;
    }

    private static void insert(Node root, boolean[] bits, int offset) {
        Node node = root;
        for (int i = 0; i < bits.length - 1; i++) {
            int side = bits[i] ? 1 : 0;
            if (!(node.children[side] instanceof Node)) {
                node.children[side] = new Node();
            }
            node = (Node) node.children[side];
        }
        node.children[bits[bits.length - 1] ? 1 : 0] = offset;
    }

    private static void number(Node node, List<Node> nodes) {
        node.number = nodes.size();
        nodes.add(node);
        for (Object child : node.children) {
            if (child instanceof Node next) {
                number(next, nodes);
            }
        }
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            control(2, bytes.length, out);
            out.writeBytes(bytes);
        } else if (value instanceof Uint16 number) {
            control(5, 2, out);
            out.write(number.value() >>> 8);
            out.write(number.value());
        } else if (value instanceof Integer number) {
            control(6, 4, out);
            writeBig(number & 0xffffffffL, 4, out);
        } else if (value instanceof Long number) {
            control(9, 8, out);
            writeBig(number, 8, out);
        } else if (value instanceof Map<?, ?> map) {
            control(7, map.size(), out);
            map.forEach((key, item) -> {
                encode(key.toString(), out);
                encode(item, out);
            });
        } else if (value instanceof List<?> list) {
            control(11, list.size(), out);
            list.forEach(item -> encode(item, out));
        } else {
            throw new IllegalArgumentException("no MaxMind DB encoding for " + value);
        }
    }

    /**
     * Type in the top 3 bits (extended types > 7 in a following byte), size in the low 5 bits: below 29 as is,
     * 29 to 284 as 29 plus one more byte (size - 29) after the type.
     */
    private static void control(int type, int size, ByteArrayOutputStream out) {
        if (size > 284) {
            throw new IllegalArgumentException("test data too large: " + size);
        }
        int sizeBits = Math.min(size, 29);
        out.write(type <= 7 ? (type << 5) | sizeBits : sizeBits);
        if (type > 7) {
            out.write(type - 7);
        }
        if (size >= 29) {
            out.write(size - 29);
        }
    }

    private static void writeBig(long value, int bytes, ByteArrayOutputStream out) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }
}
