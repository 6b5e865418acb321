package io.mailfleet.spam.dkim;

import io.mailfleet.dns.DnsServers;
import io.mailfleet.spam.dns.DnsLookup;
import io.mailfleet.spam.dns.TestDnsServer;
import io.mailfleet.spam.message.RawMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** ARC chains sealed by dkimpy's arcsign (Debian python3-dkim) through two forwarders, keys on a real loopback DNS server. */
class ArcInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path ARCSIGN = Path.of("/usr/bin/arcsign");
    private static final String MESSAGE = "Authentication-Results: fwd1.example; spf=pass smtp.mailfrom=a@origin.example\r\n"
            + "From: a@origin.example\r\nTo: list@fwd1.example\r\nSubject: arc test\r\n"
            + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <arc@origin.example>\r\n\r\nhello list\r\n";

    private static TestDnsServer dns;
    private static Path keys;
    private static ArcVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        if (!Files.isExecutable(ARCSIGN)) {
            fail("dkimpy's arcsign is missing: install the Debian package python3-dkim (.ci/run installs it)");
        }
        dns = new TestDnsServer();
        keys = Files.createTempDirectory("arc-keys");
        for (String domain : List.of("fwd1.example", "fwd2.example")) {
            KeyPair pair = KeyPairGenerator.getInstance("RSA").genKeyPair();
            Files.writeString(keys.resolve(domain + ".pem"), "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            String text = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < text.length(); i += 255) {
                chunks.add(text.substring(i, Math.min(text.length(), i + 255)));
            }
            dns.add(new TXTRecord(Name.fromString("sel._domainkey." + domain + "."), DClass.IN, 300, chunks));
        }
        verifier = new ArcVerifier(new DnsLookup(DnsServers.resolver(List.of(dns.address()), Duration.ofMillis(300))));
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void unsealedMessageHasNoChain() {
        assertEquals(ArcResult.Status.NONE, verify(MESSAGE).status());
    }

    @Test
    void oneAndTwoHopChainsPass() throws Exception {
        String once = seal(MESSAGE, "fwd1.example");
        ArcResult first = verify(once);
        assertEquals(ArcResult.Status.PASS, first.status(), first.reason());
        assertEquals(1, first.instances());

        String twice = seal("Authentication-Results: fwd2.example; arc=pass; spf=pass smtp.mailfrom=list@fwd1.example\r\n" + once,
                "fwd2.example");
        ArcResult second = verify(twice);
        assertEquals(ArcResult.Status.PASS, second.status(), second.reason());
        assertEquals(List.of("fwd1.example", "fwd2.example"), second.sealers());
    }

    @Test
    void tamperingBreaksTheChain() throws Exception {
        String once = seal(MESSAGE, "fwd1.example");
        String twice = seal("Authentication-Results: fwd2.example; arc=pass\r\n" + once, "fwd2.example");

        ArcResult body = verify(twice.replace("hello list", "hello list, click here"));
        assertEquals(ArcResult.Status.FAIL, body.status());
        assertTrue(body.reason().contains("body hash"), body.reason());

        // an altered earlier set: the newest AMS does not cover it, the seals do
        ArcResult earlier = verify(twice.replace("ARC-Authentication-Results: i=1; fwd1.example; spf=pass", "ARC-Authentication-Results: i=1; fwd1.example; spf=fail"));
        assertEquals(ArcResult.Status.FAIL, earlier.status());
        assertTrue(earlier.reason().contains("ARC-Seal"), earlier.reason());

        ArcResult missing = verify(twice.replaceFirst("(?s)ARC-Seal: i=1;.*?(?=ARC-Message-Signature: i=1)", ""));
        assertEquals(ArcResult.Status.FAIL, missing.status());
    }

    private static ArcResult verify(String message) {
        return verifier.verify(RawMessage.parse(message.getBytes(StandardCharsets.ISO_8859_1))).await().atMost(Duration.ofSeconds(10));
    }

    private static String seal(String message, String domain) throws Exception {
        Process process = new ProcessBuilder(PYTHON.toString(), ARCSIGN.toString(), "sel", domain, keys.resolve(domain + ".pem").toString(), domain)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().write(message.getBytes(StandardCharsets.ISO_8859_1));
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("arcsign failed for " + domain);
        }
        return new String(out, StandardCharsets.ISO_8859_1).replaceAll("\r?\n", "\r\n");
    }
}
