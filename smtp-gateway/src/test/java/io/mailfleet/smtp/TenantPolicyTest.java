package io.mailfleet.smtp;

import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.support.DirectoryStub;
import io.mailfleet.smtp.support.RawSmtpClient;
import io.mailfleet.smtp.support.TestDnsServer;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.mailfleet.smtp.support.RawSmtpClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenants' own policies from auth-service (the {@link DirectoryStub} serves them over real HTTP): IP deny
 * lists at RCPT on MX and at AUTH, IP allow lists exempting a tenant's recipients from the DNSBL refusal,
 * per-tenant sending limits, and platform defaults when the policy does not come back in time. Runs with
 * the DNSBL profile of {@link ConnectionPolicyTest}, which lists 127.0.0.2.
 */
@QuarkusTest
@TestProfile(ConnectionPolicyTest.Blocklists.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(DirectoryStub.class)
class TenantPolicyTest {

    @Inject
    SmtpListeners listeners;

    @Test
    void tenantDenyListRefusesItsRecipientsOnlyAndBeforeRevealingWhetherTheyExist() throws IOException {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX), DirectoryStub.PARTNER_DENIED_IP)) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<someone@remote.example>"), 250);
            assertTrue(expect(client.command("RCPT TO:<" + DirectoryStub.CAROL + ">"), 550).text().startsWith("5.7.1"));
            assertTrue(expect(client.command("RCPT TO:<nobody@" + DirectoryStub.PARTNER_DOMAIN + ">"), 550).text().startsWith("5.7.1"));
            expect(client.command("RCPT TO:<" + DirectoryStub.ALICE + ">"), 250);
        }
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX), "127.0.0.13")) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<someone@remote.example>"), 250);
            expect(client.command("RCPT TO:<" + DirectoryStub.CAROL + ">"), 250);
            assertTrue(expect(client.command("RCPT TO:<nobody@" + DirectoryStub.PARTNER_DOMAIN + ">"), 550).text().startsWith("5.1.1"));
        }
    }

    @Test
    void tenantAllowListExemptsItsRecipientsFromTheDnsblRefusal() throws IOException {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.MX), DirectoryStub.PARTNER_ALLOWED_IP)) {
            client.greetingAndEhlo();
            expect(client.command("MAIL FROM:<partner@remote.example>"), 250);
            expect(client.command("RCPT TO:<" + DirectoryStub.CAROL + ">"), 250);
            var refused = expect(client.command("RCPT TO:<" + DirectoryStub.ALICE + ">"), 554);
            assertTrue(refused.has("blocked using " + TestDnsServer.DNSBL_ZONE), "another tenant does not trust the client: " + refused);
            expect(client.command("DATA"), 354);
            client.write("Subject: partner\r\n\r\nbody\r\n.\r\n");
            expect(client.read(), 250);
        }
    }

    @Test
    void loginFromAnAddressOnTheTenantDenyListLooksLikeAWrongPassword() throws IOException {
        try (var client = RawSmtpClient.implicitTls(listeners.boundPort(Listener.SMTPS), DirectoryStub.LIMITED_DENIED_IP)) {
            client.greetingAndEhlo();
            var refused = expect(client.command("AUTH PLAIN " + plain(DirectoryStub.DAVE)), 535);
            assertEquals("5.7.8 Authentication credentials invalid", refused.text());
            assertTrue(expect(client.command("MAIL FROM:<" + DirectoryStub.DAVE + ">"), 530).text().startsWith("5.7.0"));
        }
        try (var client = RawSmtpClient.implicitTls(listeners.boundPort(Listener.SMTPS), "127.0.0.14")) {
            client.greetingAndEhlo();
            expect(client.command("AUTH PLAIN " + plain(DirectoryStub.DAVE)), 235);
        }
    }

    @Test
    void tenantSendingLimitsReplaceThePlatformDefaultsForItsAccounts() throws IOException {
        try (var client = RawSmtpClient.implicitTls(listeners.boundPort(Listener.SMTPS), "127.0.0.15")) {
            client.greetingAndEhlo();
            expect(client.command("AUTH PLAIN " + plain(DirectoryStub.DAVE)), 235);
            for (int message = 1; message <= DirectoryStub.LIMITED_MESSAGES_PER_DAY; message++) {
                expect(client.command("MAIL FROM:<" + DirectoryStub.DAVE + ">"), 250);
                for (int i = 0; i < DirectoryStub.LIMITED_RECIPIENTS_PER_MESSAGE; i++) {
                    expect(client.command("RCPT TO:<r" + i + "@remote.example>"), 250);
                }
                assertTrue(expect(client.command("RCPT TO:<one-too-many@remote.example>"), 452).text().startsWith("4.5.3"));
                expect(client.command("RSET"), 250);
            }
            assertTrue(expect(client.command("MAIL FROM:<" + DirectoryStub.DAVE + ">"), 450).text().startsWith("4.7.1"),
                    "the tenant's daily limit, far below the platform's");
        }
        try (var client = RawSmtpClient.implicitTls(listeners.boundPort(Listener.SMTPS), "127.0.0.16")) {
            client.greetingAndEhlo();
            expect(client.command("AUTH PLAIN " + plain(DirectoryStub.ALICE)), 235);
            expect(client.command("MAIL FROM:<" + DirectoryStub.ALICE + ">"), 250);
            for (int i = 0; i <= DirectoryStub.LIMITED_RECIPIENTS_PER_MESSAGE; i++) {
                expect(client.command("RCPT TO:<r" + i + "@remote.example>"), 250);
            }
        }
    }

    @Test
    void policyThatDoesNotComeBackInTimeMeansPlatformDefaultsNotAHang() throws IOException {
        try (var client = RawSmtpClient.implicitTls(listeners.boundPort(Listener.SMTPS), "127.0.0.17")) {
            client.greetingAndEhlo();
            long start = System.nanoTime();
            // the slow tenant's policy would deny every IP; it arrives too late to count
            expect(client.command("AUTH PLAIN " + plain(DirectoryStub.ERIN)), 235);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5_000, "AUTH took " + millis + " ms");
            expect(client.command("MAIL FROM:<" + DirectoryStub.ERIN + ">"), 250);
        }
    }

    private static String plain(String username) {
        return Base64.getEncoder().encodeToString(("\0" + username + "\0" + DirectoryStub.alicePassword()).getBytes(StandardCharsets.UTF_8));
    }
}
