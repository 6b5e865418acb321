package io.mailfleet.smtp;

import io.mailfleet.smtp.session.Listener;
import io.mailfleet.smtp.support.DirectoryStub;
import io.mailfleet.smtp.support.RawSmtpClient;
import io.mailfleet.testing.CertificateFiles;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import static io.mailfleet.smtp.support.RawSmtpClient.expect;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Certificate rotation without a restart: the PEM files of the TLS registry configuration are replaced
 * on disk, and after the registry's next periodic reload new SMTPS connections and STARTTLS upgrades
 * present the new certificate over a real handshake, while a session already in TLS keeps working.
 */
@QuarkusTest
@TestProfile(TlsReloadTest.ReloadablePemFiles.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(DirectoryStub.class)
class TlsReloadTest {

    static final String OLD_NAME = "old.mailfleet.test";
    static final String NEW_NAME = "new.mailfleet.test";

    static final CertificateFiles FILES = new CertificateFiles("smtp-tls-reload");

    public static class ReloadablePemFiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return FILES.reloadingConfiguration("smtp", OLD_NAME);
        }
    }

    @Inject
    SmtpListeners listeners;

    @Test
    void replacedCertificateFilesAreServedToNewConnectionsWithoutARestart() throws Exception {
        assertEquals("CN=" + OLD_NAME, smtpsSubject());
        try (var established = RawSmtpClient.implicitTls(listeners.boundPort(Listener.SMTPS))) {
            expect(established.read(), 220);
            FILES.write(NEW_NAME);
            // a handshake in the very moment of the switch may fail (see SmtpListeners.certificateUpdated)
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(SSLException.class)
                    .until(() -> smtpsSubject().equals("CN=" + NEW_NAME));
            try (var client = new RawSmtpClient(listeners.boundPort(Listener.SUBMISSION))) {
                client.greetingAndEhlo();
                expect(client.command("STARTTLS"), 220);
                client.startTls();
                assertEquals("CN=" + NEW_NAME, subject(client.sslSocket()), "STARTTLS after the reload");
            }
            assertEquals("CN=" + OLD_NAME, subject(established.sslSocket()));
            expect(established.command("EHLO still.there"), 250);
        }
    }

    private String smtpsSubject() throws Exception {
        try (var client = RawSmtpClient.implicitTls(listeners.boundPort(Listener.SMTPS))) {
            return subject(client.sslSocket());
        }
    }

    private static String subject(SSLSocket socket) throws Exception {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }
}
