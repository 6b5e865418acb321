package io.mailfleet.auth;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real authoritative DNS server on a random loopback UDP port (dnsjava wire format), whose zone tests
 * fill; becomes the service's {@code mailfleet.dns.servers}.
 */
public class LoopbackDnsServer implements QuarkusTestResourceLifecycleManager {

    private static final Map<Name, List<Record>> ZONE = new ConcurrentHashMap<>();
    private static DatagramSocket socket;

    static void publish(Record record) {
        ZONE.computeIfAbsent(record.getName(), name -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(record);
    }

    @Override
    public synchronized Map<String, String> start() {
        if (socket == null) {
            try {
                socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            } catch (SocketException e) {
                throw new IllegalStateException("cannot bind a loopback UDP port", e);
            }
            Thread serve = new Thread(LoopbackDnsServer::serve, "loopback-dns");
            serve.setDaemon(true);
            serve.start();
        }
        return Map.of("mailfleet.dns.servers", "127.0.0.1:" + socket.getLocalPort());
    }

    @Override
    public void stop() {
        // one per test JVM, like the rest of the test infrastructure
    }

    private static void serve() {
        byte[] buffer = new byte[4096];
        while (true) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] response = answer(Arrays.copyOf(packet.getData(), packet.getLength()));
                socket.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (IOException malformed) {
                // dropped, as a real server would
            }
        }
    }

    private static byte[] answer(byte[] query) throws IOException {
        Message request = new Message(query);
        Record question = request.getQuestion();
        Message response = new Message(request.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        List<Record> records = ZONE.getOrDefault(question.getName(), List.of());
        if (records.isEmpty()) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        List<Record> matching = new ArrayList<>();
        for (Record record : records) {
            if (record.getType() == question.getType()) {
                matching.add(record);
            }
        }
        matching.forEach(record -> response.addRecord(record, Section.ANSWER));
        return response.toWire(512);
    }
}
