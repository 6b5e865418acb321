package io.mailfleet.spam.dns;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real authoritative DNS server on loopback (UDP and TCP on the same random port) for tests, built on dnsjava's wire
 * format. Names marked "timeout" never get an answer for types they hold no records of, like a dead server.
 */
public final class TestDnsServer implements AutoCloseable {

    private final Map<Name, List<Record>> records = new HashMap<>();
    private final Set<Name> timeouts = new HashSet<>();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public TestDnsServer() throws IOException {
        DatagramSocket boundUdp = null;
        ServerSocket boundTcp = null;
        for (int attempt = 0; attempt < 20 && boundTcp == null; attempt++) {
            boundUdp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                boundTcp = new ServerSocket(boundUdp.getLocalPort(), 50, InetAddress.getLoopbackAddress());
            } catch (IOException portTakenForTcp) {
                boundUdp.close();
            }
        }
        if (boundTcp == null) {
            throw new IOException("no port free for both UDP and TCP");
        }
        udp = boundUdp;
        tcp = boundTcp;
        start("dns-udp", this::serveUdp);
        start("dns-tcp", this::serveTcp);
    }

    public synchronized TestDnsServer add(Record record) {
        records.computeIfAbsent(record.getName(), n -> new ArrayList<>()).add(record);
        return this;
    }

    public synchronized TestDnsServer timeout(Name name) {
        timeouts.add(name);
        return this;
    }

    /** "127.0.0.1:port", the form MAILFLEET_DNS_SERVERS takes. */
    public String address() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    public int port() {
        return udp.getLocalPort();
    }

    private void start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name + "-" + udp.getLocalPort());
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (running) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                byte[] response = respond(query, 512);
                if (response != null) {
                    udp.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // a malformed query is dropped, like a real server would
            }
        }
    }

    private void serveTcp() {
        while (running) {
            try {
                Socket socket = tcp.accept();
                Thread connection = new Thread(() -> serveConnection(socket), "dns-tcp-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serveConnection(Socket socket) {
        try (socket; var in = new DataInputStream(socket.getInputStream()); var out = new DataOutputStream(socket.getOutputStream())) {
            while (running) {
                int length = in.readUnsignedShort();
                byte[] query = in.readNBytes(length);
                byte[] response = respond(query, 65535);
                if (response != null) {
                    out.writeShort(response.length);
                    out.write(response);
                    out.flush();
                }
            }
        } catch (IOException closedByClient) {
            // the resolver closes the connection when it has its answer
        }
    }

    private synchronized byte[] respond(byte[] wire, int maxLength) throws IOException {
        Message query = new Message(wire);
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        int type = question.getType();
        Set<Name> seen = new HashSet<>();
        // follow CNAMEs inside our data (a loop ends the chain, as a resolver would give up)
        while (seen.add(name)) {
            List<Record> owned = records.getOrDefault(name, List.of());
            List<Record> matching = owned.stream().filter(r -> r.getType() == type).toList();
            if (!matching.isEmpty()) {
                matching.forEach(r -> response.addRecord(r, Section.ANSWER));
                break;
            }
            var alias = owned.stream().filter(r -> r.getType() == Type.CNAME).findFirst();
            if (alias.isPresent() && type != Type.CNAME) {
                response.addRecord(alias.get(), Section.ANSWER);
                name = ((CNAMERecord) alias.get()).getTarget();
                continue;
            }
            if (timeouts.contains(name)) {
                return null;
            }
            if (owned.isEmpty() && !timeouts.contains(name) && response.getSection(Section.ANSWER).isEmpty() && !hasDescendants(name)) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            break;
        }
        byte[] bytes = response.toWire();
        if (bytes.length > maxLength) {
            Message truncated = new Message(query.getHeader().getID());
            truncated.getHeader().setFlag(Flags.QR);
            truncated.getHeader().setFlag(Flags.TC);
            truncated.addRecord(question, Section.QUESTION);
            return truncated.toWire();
        }
        return bytes;
    }

    private boolean hasDescendants(Name name) {
        return records.keySet().stream().anyMatch(n -> !n.equals(name) && n.subdomain(name))
                || timeouts.stream().anyMatch(n -> !n.equals(name) && n.subdomain(name));
    }

    @Override
    public void close() {
        running = false;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
