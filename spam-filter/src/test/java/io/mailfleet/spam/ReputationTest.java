package io.mailfleet.spam;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Topics;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.dns.TestDnsResource;
import io.mailfleet.spam.support.MailTopics;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DNSBL and URIBL through the real broker, a real DNS server and the real Redis cache. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(TestDnsResource.class)
class ReputationTest {

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void publishLists() throws Exception {
        TestDnsResource.server().add(new ARecord(Name.fromString("99.2.0.192.bl.test."), DClass.IN, 300, InetAddress.getByName("127.0.0.2")));
        TestDnsResource.server().add(new ARecord(Name.fromString("badsite.example.dbl.test."), DClass.IN, 300, InetAddress.getByName("127.0.1.2")));
        TestDnsResource.server().timeout(Name.fromString("77.100.51.198.deadbl.test."));
    }

    @Test
    void listedClientAndLinkDomainScoreAndAreCachedInRedis() throws Exception {
        MailRecord mail = score("192.0.2.99", "Visit http://www.badsite.example/offer now\r\n");
        List<String> symbols = mail.verdict().symbols().stream().map(Verdict.Symbol::name).toList();
        assertTrue(symbols.containsAll(List.of("DNSBL_BL_TEST", "URIBL_DBL_TEST")), symbols.toString());
        assertEquals("127.0.0.2", redis.value(String.class).get("spam:dnsbl:bl.test:99.2.0.192"));
        assertEquals("127.0.1.2", redis.value(String.class).get("spam:dnsbl:dbl.test:badsite.example"));
        assertEquals("-", redis.value(String.class).get("spam:dnsbl:deadbl.test:99.2.0.192"), "clean answers are cached too");
    }

    @Test
    void cachedAnswerIsUsedWithoutAskingDns() throws Exception {
        redis.value(String.class).setex("spam:dnsbl:bl.test:55.2.0.192", 60, "127.0.0.4");
        MailRecord mail = score("192.0.2.55", "hello\r\n");
        assertTrue(mail.verdict().symbols().stream().anyMatch(s -> s.name().equals("DNSBL_BL_TEST") && s.detail().contains("127.0.0.4")),
                mail.verdict().symbols().toString());
    }

    @Test
    void deadListIsTemperrorAndNotCached() throws Exception {
        long started = System.nanoTime();
        MailRecord mail = score("198.51.100.77", "hello\r\n");
        assertTrue(mail.verdict().symbols().stream().anyMatch(s -> s.name().equals("DNSBL_TEMPERROR")), mail.verdict().symbols().toString());
        assertFalse(mail.verdict().symbols().stream().anyMatch(s -> s.name().equals("DNSBL_DEADBL_TEST")));
        assertNull(redis.value(String.class).get("spam:dnsbl:deadbl.test:77.100.51.198"));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 20, "a dead list must not stall the stage");
    }

    private static MailRecord score(String clientIp, String body) throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] content = ("From: someone@sender.test\r\nSubject: hi\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, id, Instant.now(), "client.example", clientIp, null, null, null,
                "someone@sender.test", List.of(Recipient.local("alice@example.com", "t", "a")), content.length, Direction.INBOUND, Map.of());
        MailTopics.publishInbound(MailRecord.unscored(envelope, content));
        return MailRecord.from(MailTopics.awaitKey(Topics.MAIL_SCORED, id));
    }
}
