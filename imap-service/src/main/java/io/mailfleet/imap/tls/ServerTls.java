package io.mailfleet.imap.tls;

import io.mailfleet.imap.ImapConfig;
import io.mailfleet.tls.ListenerCertificate;
import io.mailfleet.tls.TlsProtocols;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * TLS for the four listeners: TLS 1.2 and 1.3 only. The certificate comes from the Quarkus TLS registry
 * ({@code quarkus.tls.mail.key-store.*}) in production and in the local stack; tests get a generated
 * self-signed one.
 */
@ApplicationScoped
public class ServerTls {

    public static final Set<String> PROTOCOLS = TlsProtocols.ENABLED;

    private final KeyCertOptions keyCertOptions;

    public ServerTls(TlsConfigurationRegistry registry, ImapConfig config) {
        this.keyCertOptions = ListenerCertificate.resolve(registry, config.tls().configuration(), config.hostname());
    }

    /**
     * Options for a listener: implicit TLS from the first byte, or plain text that may be upgraded by
     * STARTTLS/STLS (Vert.x needs the certificate on the server for {@code upgradeToSsl} either way).
     */
    public NetServerOptions serverOptions(boolean implicitTls) {
        NetServerOptions options = new NetServerOptions()
                .setSsl(implicitTls)
                .setKeyCertOptions(keyCertOptions)
                .setEnabledSecureTransportProtocols(PROTOCOLS)
                .setSslHandshakeTimeout(30);
        options.setTcpNoDelay(true);
        // IDLE sessions are exempt from the inactivity timeout: keepalive finds their dead peers
        options.setTcpKeepAlive(true);
        return options;
    }
}
