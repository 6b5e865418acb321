package io.mailfleet.dns;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DnsServersTest {

    @Test
    void parsesHostPortForms() {
        assertEquals(new InetSocketAddress("127.0.0.1", 5353), DnsServers.parse("127.0.0.1:5353"));
        assertEquals(new InetSocketAddress("127.0.0.1", 53), DnsServers.parse(" 127.0.0.1 "));
        assertEquals(new InetSocketAddress("::1", 5300), DnsServers.parse("[::1]:5300"));
        assertEquals(new InetSocketAddress("::1", 53), DnsServers.parse("[::1]"));
    }

    @Test
    void refusesBadAddresses() {
        assertThrows(IllegalArgumentException.class, () -> DnsServers.parse(""));
        assertThrows(IllegalArgumentException.class, () -> DnsServers.parse("127.0.0.1:dns"));
        assertThrows(IllegalArgumentException.class, () -> DnsServers.parse("127.0.0.1:70000"));
        assertThrows(IllegalArgumentException.class, () -> DnsServers.parse("[::1"));
    }

    @Test
    void resolverAsksTheConfiguredServerOverUdp() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread responder = new Thread(() -> answerOnce(server));
            responder.start();
            Resolver resolver = DnsServers.resolver(List.of("127.0.0.1:" + server.getLocalPort()), Duration.ofSeconds(2));
            Message query = Message.newQuery(Record.newRecord(Name.fromString("mx.example.test."), Type.A, DClass.IN));
            Message reply = resolver.send(query);
            List<Record> answers = reply.getSection(Section.ANSWER);
            assertEquals(1, answers.size());
            assertEquals("192.0.2.25", ((ARecord) answers.get(0)).getAddress().getHostAddress());
            responder.join(5000);
        }
    }

    private static void answerOnce(DatagramSocket server) {
        try {
            DatagramPacket packet = new DatagramPacket(new byte[512], 512);
            server.receive(packet);
            Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
            Message reply = new Message(query.getHeader().getID());
            reply.getHeader().setFlag(Flags.QR);
            reply.addRecord(query.getQuestion(), Section.QUESTION);
            reply.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60,
                    InetAddress.getByName("192.0.2.25")), Section.ANSWER);
            byte[] wire = reply.toWire();
            server.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
