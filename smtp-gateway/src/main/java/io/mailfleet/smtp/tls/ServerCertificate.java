package io.mailfleet.smtp.tls;

import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.tls.ListenerCertificate;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.net.KeyCertOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The certificate and key the SMTP listeners present: the Quarkus TLS registry configuration
 * {@code mailfleet.smtp.tls.configuration} ({@code quarkus.tls.smtp.key-store.*}) in production and in
 * the local stack, a generated self-signed one in tests.
 */
@ApplicationScoped
public class ServerCertificate {

    private final KeyCertOptions keyCertOptions;

    public ServerCertificate(TlsConfigurationRegistry registry, SmtpConfig config) {
        this.keyCertOptions = ListenerCertificate.resolve(registry, config.tls().configuration(), config.hostname());
    }

    public KeyCertOptions keyCertOptions() {
        return keyCertOptions;
    }
}
