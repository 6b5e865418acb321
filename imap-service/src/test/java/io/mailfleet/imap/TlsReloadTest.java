package io.mailfleet.imap;

import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.imap.support.ImapTranscript;
import io.mailfleet.testing.CertificateFiles;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Certificate rotation without a restart: the PEM files of the {@code mail} TLS registry configuration are
 * replaced on disk; after the registry's next periodic reload, new IMAPS and POP3S connections and STARTTLS
 * upgrades present the new certificate, while a session already in TLS keeps working.
 */
@QuarkusTest
@TestProfile(TlsReloadTest.ReloadablePemFiles.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class TlsReloadTest {

    static final String OLD_NAME = "old.mailfleet.test";
    static final String NEW_NAME = "new.mailfleet.test";

    static final CertificateFiles FILES = new CertificateFiles("imap-tls-reload");

    public static class ReloadablePemFiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return FILES.reloadingConfiguration("mail", OLD_NAME);
        }
    }

    @Inject
    MailAccessListeners listeners;

    @Test
    void replacedCertificateFilesAreServedToNewConnectionsWithoutARestart() throws Exception {
        assertThat(subjectOf("imaps")).isEqualTo("CN=" + OLD_NAME);
        try (ImapTranscript established = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            assertThat(established.line()).startsWith("* OK");
            FILES.write(NEW_NAME);
            // a handshake in the very moment of the switch may fail; the client would retry
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(SSLException.class)
                    .until(() -> subjectOf("imaps").equals("CN=" + NEW_NAME));
            assertThat(subjectOf("pop3s")).isEqualTo("CN=" + NEW_NAME);
            try (ImapTranscript starttls = ImapTranscript.connect(listeners.boundPort("imap"))) {
                starttls.line();
                assertThat(ImapProtocolTest.last(starttls.command("STARTTLS"))).contains("OK");
                starttls.upgradeToTls();
                assertThat(starttls.peerCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=" + NEW_NAME);
            }
            assertThat(established.peerCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=" + OLD_NAME);
            assertThat(ImapProtocolTest.last(established.command("NOOP"))).contains("OK");
        }
    }

    private String subjectOf(String listener) throws IOException {
        try (ImapTranscript client = ImapTranscript.connectTls(listeners.boundPort(listener))) {
            return client.peerCertificate().getSubjectX500Principal().getName();
        }
    }
}
