package io.mailfleet.imap;

import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.imap.support.ImapTranscript;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.tls.SelfSignedCertificate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.net.PemKeyCertOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** The same directory for the profile and the test, whichever class loader each runs in. */
    static Path directory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "imap-tls-reload-" + ProcessHandle.current().pid());
    }

    public static class ReloadablePemFiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(directory());
                writeCertificate(OLD_NAME);
                directory().toFile().deleteOnExit();
                directory().resolve("tls.crt").toFile().deleteOnExit();
                directory().resolve("tls.key").toFile().deleteOnExit();
                return Map.of("quarkus.tls.mail.key-store.pem.0.cert", directory().resolve("tls.crt").toString(),
                        "quarkus.tls.mail.key-store.pem.0.key", directory().resolve("tls.key").toString(),
                        "quarkus.tls.mail.reload-period", "1s");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Generated per run (no key material in the repository); each file replaced atomically, as cert-manager does. */
    static void writeCertificate(String name) throws IOException {
        PemKeyCertOptions pem = SelfSignedCertificate.generate(name);
        replace("tls.key", pem.getKeyValues().get(0).toString());
        replace("tls.crt", pem.getCertValues().get(0).toString());
    }

    private static void replace(String file, String content) throws IOException {
        Path temporary = Files.writeString(directory().resolve(file + ".new"), content, StandardCharsets.US_ASCII);
        Files.move(temporary, directory().resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Inject
    MailAccessListeners listeners;

    @Test
    void replacedCertificateFilesAreServedToNewConnectionsWithoutARestart() throws Exception {
        assertThat(subjectOf("imaps")).isEqualTo("CN=" + OLD_NAME);
        try (ImapTranscript established = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            assertThat(established.line()).startsWith("* OK");
            writeCertificate(NEW_NAME);
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
