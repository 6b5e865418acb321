package io.mailfleet.imap.tls;

import io.mailfleet.imap.ImapConfig;
import io.mailfleet.tls.ListenerCertificate;
import io.mailfleet.tls.TlsProtocols;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SSLOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * TLS for the four listeners, with the versions and suites every Mailfleet listener uses. The certificate
 * comes from the Quarkus TLS registry ({@code quarkus.tls.mail.key-store.*}, reloaded with
 * {@code quarkus.tls.mail.reload-period}) in production and in the local stack; tests get a generated
 * self-signed one.
 */
@ApplicationScoped
public class ServerTls {

    private final ListenerCertificate certificate;

    public ServerTls(TlsConfigurationRegistry registry, ImapConfig config) {
        this.certificate = new ListenerCertificate(registry, config.tls().configuration(), config.hostname());
    }

    /**
     * Options for a listener: implicit TLS from the first byte, or plain text that may be upgraded by
     * STARTTLS/STLS (Vert.x needs the certificate on the server for {@code upgradeToSsl} either way).
     */
    public NetServerOptions serverOptions(boolean implicitTls) {
        NetServerOptions options = new NetServerOptions()
                .setSsl(implicitTls)
                .setKeyCertOptions(certificate.keyCertOptions())
                .setSslHandshakeTimeout(30);
        options.setTcpNoDelay(true);
        // IDLE sessions are exempt from the inactivity timeout: keepalive finds their dead peers
        options.setTcpKeepAlive(true);
        return TlsProtocols.restrict(options);
    }

    /** The options to switch the listeners to when the registry reloaded our configuration with a new certificate. */
    public Optional<SSLOptions> reloaded(String name, TlsConfiguration configuration) {
        return certificate.reloaded(name, configuration)
                ? Optional.of(TlsProtocols.sslOptions(certificate.keyCertOptions()))
                : Optional.empty();
    }
}
