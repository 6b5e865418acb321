package io.mailfleet.smtp;

import io.mailfleet.tls.SelfSignedCertificate;
import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.support.DirectoryStub;
import io.mailfleet.smtp.support.RawSmtpClient;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.net.PemKeyCertOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;

import static io.mailfleet.smtp.support.RawSmtpClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Production path: the certificate comes from PEM files configured in the Quarkus TLS registry. */
@QuarkusTest
@TestProfile(TlsRegistryCertificateTest.PemFiles.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(DirectoryStub.class)
class TlsRegistryCertificateTest {

    static final String NAME = "registry.mailfleet.test";

    public static class PemFiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                // generated per run: no key material in the repository
                PemKeyCertOptions pem = SelfSignedCertificate.generate(NAME);
                Path directory = Files.createTempDirectory("smtp-tls");
                Path cert = Files.write(directory.resolve("tls.crt"), pem.getCertValues().get(0).getBytes());
                Path key = Files.write(directory.resolve("tls.key"), pem.getKeyValues().get(0).getBytes());
                directory.toFile().deleteOnExit();
                cert.toFile().deleteOnExit();
                key.toFile().deleteOnExit();
                return Map.of("quarkus.tls.smtp.key-store.pem.0.cert", cert.toString(),
                        "quarkus.tls.smtp.key-store.pem.0.key", key.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    SmtpListeners listeners;

    @Test
    void startTlsAndSmtpsPresentTheConfiguredCertificate() throws Exception {
        try (var client = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION))) {
            client.greetingAndEhlo();
            expect(client.command("STARTTLS"), 220);
            client.startTls();
            assertEquals("CN=" + NAME, subject(client.sslSocket()));
        }
        try (var client = RawSmtpClient.implicitTls(listeners.boundPort(Listener.SMTPS))) {
            assertEquals("CN=" + NAME, subject(client.sslSocket()));
            expect(client.read(), 220);
        }
    }

    private static String subject(SSLSocket socket) throws Exception {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }
}
