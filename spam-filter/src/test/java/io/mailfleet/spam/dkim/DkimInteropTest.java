package io.mailfleet.spam.dkim;

import io.mailfleet.dns.DnsServers;
import io.mailfleet.spam.dns.DnsLookup;
import io.mailfleet.spam.dns.TestDnsServer;
import io.mailfleet.spam.message.RawMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * DKIM verification against signatures made by dkimpy (Debian python3-dkim): its command-line signer with fresh keys, its
 * Python API for l=, and the RFC 8463 example message it ships. Keys are published on a real DNS server on loopback.
 */
class DkimInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path DKIMSIGN = Path.of("/usr/bin/dkimsign");
    private static final Path DKIMPY_DATA = Path.of("/usr/lib/python3/dist-packages/dkim/tests/data");
    private static final String MESSAGE = """
            From: Alice Example <alice@signer.example>\r
            To: bob@mailfleet.example\r
            Subject: quarterly figures\r
            Date: Sat, 28 Nov 2026 10:00:00 +0000\r
            Message-ID: <figures-1@signer.example>\r
            \r
            Hello Bob,  \r
            \r
            the figures are   attached.\r
            \r
            \r
            """;

    private static TestDnsServer dns;
    private static Path keys;
    private static DkimVerifier verifier;

    @BeforeAll
    static void publishKeys() throws Exception {
        if (!Files.isExecutable(DKIMSIGN) || !Files.isDirectory(DKIMPY_DATA)) {
            fail("dkimpy is missing: install the Debian package python3-dkim (.ci/run installs it)");
        }
        dns = new TestDnsServer();
        keys = Files.createTempDirectory("dkim-keys");

        KeyPair rsa = KeyPairGenerator.getInstance("RSA").genKeyPair();
        Files.writeString(keys.resolve("rsa.pem"), pem(rsa.getPrivate().getEncoded()));
        publish("rsa2048._domainkey.signer.example.", "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(rsa.getPublic().getEncoded()));

        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").genKeyPair();
        // dkimpy reads an Ed25519 private key as the base64 32-octet seed; the JDK's PKCS#8 and X.509 encodings end in the raw keys
        Files.writeString(keys.resolve("ed25519.key"), Base64.getEncoder().encodeToString(tail(ed.getPrivate().getEncoded(), 32)));
        publish("ed._domainkey.signer.example.", "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(tail(ed.getPublic().getEncoded(), 32)));

        // RFC 8463 appendix A keys, as dkimpy's tests publish them
        publish("brisbane._domainkey.football.example.com.", "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
        publish("test._domainkey.football.example.com.", Files.readString(DKIMPY_DATA.resolve("test.txt")).strip());

        publish("revoked._domainkey.signer.example.", "v=DKIM1; k=rsa; p=");
        dns.timeout(Name.fromString("dead._domainkey.signer.example."));
        verifier = new DkimVerifier(new DnsLookup(DnsServers.resolver(List.of(dns.address()), Duration.ofMillis(300))), 5,
                Duration.ofMinutes(5), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}/{2}")
    @CsvSource({
            "rsa-sha256, simple, simple", "rsa-sha256, simple, relaxed", "rsa-sha256, relaxed, simple", "rsa-sha256, relaxed, relaxed",
            "ed25519-sha256, simple, simple", "ed25519-sha256, relaxed, relaxed", "ed25519-sha256, relaxed, simple"})
    void dkimpySignaturesVerifyAndTamperedCopiesFail(String algorithm, String headerCanon, String bodyCanon) throws Exception {
        boolean ed = algorithm.startsWith("ed");
        String signed = dkimsign(ed ? "ed" : "rsa2048", keys.resolve(ed ? "ed25519.key" : "rsa.pem"), algorithm, headerCanon, bodyCanon, MESSAGE);

        DkimResult result = only(signed);
        assertEquals(DkimResult.Status.PASS, result.status(), result.reason());
        assertEquals("signer.example", result.domain());
        assertEquals(algorithm, result.algorithm());

        DkimResult body = only(signed.replace("figures are", "figures were"));
        assertEquals(DkimResult.Status.FAIL, body.status());
        assertTrue(body.reason().contains("body hash"), body.reason());

        DkimResult header = only(signed.replace("Subject: quarterly figures", "Subject: quarterly figures!"));
        assertEquals(DkimResult.Status.FAIL, header.status());
        assertTrue(header.reason().contains("signature"), header.reason());
    }

    @Test
    void relaxedCanonicalizationToleratesWhitespaceChangesThatSimpleDoesNot() throws Exception {
        String relaxed = dkimsign("rsa2048", keys.resolve("rsa.pem"), "rsa-sha256", "relaxed", "relaxed", MESSAGE);
        String simple = dkimsign("rsa2048", keys.resolve("rsa.pem"), "rsa-sha256", "simple", "simple", MESSAGE);
        String rewrap = "Subject:   quarterly\r\n  figures";
        assertEquals(DkimResult.Status.PASS, only(relaxed.replace("Subject: quarterly figures", rewrap)
                .replace("the figures are   attached.", "the figures are attached.  ")).status());
        assertEquals(DkimResult.Status.FAIL, only(simple.replace("Subject: quarterly figures", rewrap)).status());
    }

    @Test
    void rfc8463ExampleWithBothSignaturesVerifies() throws IOException {
        byte[] message = crlf(Files.readString(DKIMPY_DATA.resolve("rfc6376.signed.msg"), StandardCharsets.ISO_8859_1));
        List<DkimResult> results = verifier.verify(RawMessage.parse(message)).await().atMost(Duration.ofSeconds(10));
        assertEquals(2, results.size());
        assertEquals(List.of("ed25519-sha256", "rsa-sha256"), results.stream().map(DkimResult::algorithm).toList());
        results.forEach(r -> assertEquals(DkimResult.Status.PASS, r.status(), r.algorithm() + ": " + r.reason()));
        assertEquals("football.example.com", results.get(0).domain());
    }

    @Test
    void bodyLengthLimitLeavesAppendedTextUnsignedAndIsNotAccepted() throws Exception {
        String signed = python("""
                import dkim, sys
                msg = sys.stdin.buffer.read()
                key = open(sys.argv[1], 'rb').read()
                sys.stdout.buffer.write(dkim.sign(msg, b'rsa2048', b'signer.example', key, length=True) + msg)
                """, MESSAGE, keys.resolve("rsa.pem").toString());
        assertTrue(signed.contains("l="), "dkimpy should have added l=");
        assertEquals(DkimResult.Status.PASS, only(signed).status());
        DkimResult appended = only(signed + "Click here to claim your prize: http://phish.example/\r\n");
        assertEquals(DkimResult.Status.POLICY, appended.status());
    }

    @Test
    void expiredSignatureFailsAndFutureOneIsAnError() throws Exception {
        String signed = dkimsign("rsa2048", keys.resolve("rsa.pem"), "rsa-sha256", "relaxed", "relaxed", MESSAGE);
        long signedAt = Long.parseLong(signed.replaceAll("(?s).*[; \t]t=([0-9]+).*", "$1"));
        DkimVerifier later = new DkimVerifier(verifierDns(), 5, Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(signedAt).minus(Duration.ofHours(1)), ZoneOffset.UTC));
        DkimResult future = later.verify(RawMessage.parse(signed.getBytes(StandardCharsets.ISO_8859_1))).await().atMost(Duration.ofSeconds(10)).get(0);
        assertEquals(DkimResult.Status.PERMERROR, future.status());

        // x= is checked before the key is fetched: an expired signature fails for that reason, whatever its b= says
        DkimResult expired = only(signed.replace("; t=" + signedAt, "; t=" + (signedAt - 7200) + "; x=" + (signedAt - 3600)));
        assertEquals(DkimResult.Status.FAIL, expired.status());
        assertEquals("signature expired", expired.reason());
        assertEquals(DkimResult.Status.PERMERROR, only(signed.replace("; t=" + signedAt, "; t=" + signedAt + "; x=" + (signedAt - 1))).status());
    }

    @Test
    void missingRevokedAndUnreachableKeys() throws Exception {
        String signed = dkimsign("rsa2048", keys.resolve("rsa.pem"), "rsa-sha256", "relaxed", "relaxed", MESSAGE);
        assertEquals(DkimResult.Status.PERMERROR, only(signed.replace("s=rsa2048", "s=nokey")).status());
        assertEquals(DkimResult.Status.PERMERROR, only(signed.replace("s=rsa2048", "s=revoked")).status());
        DkimResult dead = only(signed.replace("s=rsa2048", "s=dead"));
        assertEquals(DkimResult.Status.TEMPERROR, dead.status(), dead.reason());
    }

    @Test
    void unsignedMessageHasNoResultsAndGarbageSignatureIsPermerror() {
        assertEquals(List.of(), verifier.verify(RawMessage.parse(MESSAGE.getBytes(StandardCharsets.US_ASCII))).await().indefinitely());
        DkimResult garbage = only("DKIM-Signature: v=1; a=rsa-sha256; d=signer.example; b=@@@\r\n" + MESSAGE);
        assertEquals(DkimResult.Status.PERMERROR, garbage.status());
        DkimResult sha1 = only("DKIM-Signature: v=1; a=rsa-sha1; d=signer.example; s=x; h=from; bh=AA==; b=AA==\r\n" + MESSAGE);
        assertEquals(DkimResult.Status.PERMERROR, sha1.status());
    }

    @Test
    void signaturesBeyondTheLimitAreNotChecked() throws Exception {
        String signed = dkimsign("rsa2048", keys.resolve("rsa.pem"), "rsa-sha256", "relaxed", "relaxed", MESSAGE);
        String signature = signed.substring(0, signed.indexOf("From: "));
        DkimVerifier limited = new DkimVerifier(verifierDns(), 2, Duration.ofMinutes(5), Clock.systemUTC());
        List<DkimResult> results = limited.verify(RawMessage.parse((signature + signature + signature + MESSAGE)
                .getBytes(StandardCharsets.ISO_8859_1))).await().atMost(Duration.ofSeconds(10));
        assertEquals(List.of(DkimResult.Status.PASS, DkimResult.Status.PASS, DkimResult.Status.NEUTRAL),
                results.stream().map(DkimResult::status).toList());
    }

    private static DnsLookup verifierDns() {
        return new DnsLookup(DnsServers.resolver(List.of(dns.address()), Duration.ofMillis(300)));
    }

    private static DkimResult only(String message) {
        List<DkimResult> results = verifier.verify(RawMessage.parse(message.getBytes(StandardCharsets.ISO_8859_1)))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(1, results.size(), "one signature expected");
        return results.get(0);
    }

    private static String dkimsign(String selector, Path key, String algorithm, String headerCanon, String bodyCanon, String message)
            throws Exception {
        return run(List.of(PYTHON.toString(), DKIMSIGN.toString(), "--signalg", algorithm, "--hcanon", headerCanon,
                "--bcanon", bodyCanon, selector, "signer.example", key.toString()), message);
    }

    private static String python(String script, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        command.addAll(Arrays.asList(args));
        return run(command, stdin);
    }

    private static String run(List<String> command, String stdin) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.ISO_8859_1));
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(command + " failed: " + err);
        }
        return new String(crlf(new String(out, StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    private static byte[] crlf(String text) {
        return text.replaceAll("\r?\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void publish(String name, String text) throws IOException {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            chunks.add(text.substring(i, Math.min(text.length(), i + 255)));
        }
        dns.add(new TXTRecord(Name.fromString(name), DClass.IN, 300, chunks));
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static byte[] tail(byte[] encoded, int length) {
        return Arrays.copyOfRange(encoded, encoded.length - length, encoded.length);
    }
}
