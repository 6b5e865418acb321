package io.mailfleet.smtp.support;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
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
import java.util.Set;

/**
 * A real UDP DNS server for tests (dnsjava messages): zone {@link #ZONE} lists the given addresses with
 * 127.0.0.2, every other name is NXDOMAIN, and queries under {@link #DEAD_ZONE} are never answered.
 */
public final class DnsblServer implements AutoCloseable {

    public static final String ZONE = "bl.mailfleet.test";
    public static final String DEAD_ZONE = "dead.mailfleet.test";

    private final DatagramSocket socket;
    private final Set<String> listedReversed;
    private final Thread thread;

    public DnsblServer(Set<String> listedReversed) throws IOException {
        this.listedReversed = listedReversed;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::serve, "dnsbl-test-server");
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
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                String name = question.getName().toString(true);
                if (name.endsWith(DEAD_ZONE)) {
                    continue;
                }
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                answer.addRecord(question, Section.QUESTION);
                String reversed = name.endsWith("." + ZONE) ? name.substring(0, name.length() - ZONE.length() - 1) : null;
                if (reversed != null && listedReversed.contains(reversed)) {
                    answer.addRecord(new ARecord(Name.fromString(name + "."), DClass.IN, 60,
                            InetAddress.getByAddress(new byte[]{127, 0, 0, 2})), Section.ANSWER);
                } else {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
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

    @Override
    public void close() {
        socket.close();
    }
}
