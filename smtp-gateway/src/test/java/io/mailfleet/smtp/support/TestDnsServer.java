package io.mailfleet.smtp.support;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;

/**
 * A real UDP DNS server for tests, built from dnsjava messages: answers A and PTR queries from fixed
 * tables, NXDOMAIN for anything else, and never answers queries under {@link #DEAD_ZONE}.
 */
public final class TestDnsServer implements AutoCloseable {

    public static final String DNSBL_ZONE = "bl.mailfleet.test";
    public static final String DEAD_ZONE = "dead.mailfleet.test";

    private final DatagramSocket socket;
    private final Map<String, String> addresses;
    private final Map<String, String> pointers;

    /**
     * @param addresses name (no trailing dot) → IPv4 address, for A queries
     * @param pointers  reverse name (e.g. {@code 8.0.0.127.in-addr.arpa}) → host name, for PTR queries
     */
    public TestDnsServer(Map<String, String> addresses, Map<String, String> pointers) throws IOException {
        this.addresses = addresses;
        this.pointers = pointers;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread thread = new Thread(this::serve, "test-dns-server");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                String name = question.getName().toString(true);
                if (name.endsWith(DEAD_ZONE)) {
                    continue;
                }
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                answer.addRecord(question, Section.QUESTION);
                Record record = answer(question, name);
                if (record == null) {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
                } else {
                    answer.addRecord(record, Section.ANSWER);
                }
                byte[] wire = answer.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Record answer(Record question, String name) throws IOException {
        if (question.getType() == Type.A && addresses.containsKey(name)) {
            return new ARecord(question.getName(), DClass.IN, 60, InetAddress.getByName(addresses.get(name)));
        }
        if (question.getType() == Type.PTR && pointers.containsKey(name)) {
            return new PTRRecord(question.getName(), DClass.IN, 60, Name.fromString(pointers.get(name) + "."));
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }
}
