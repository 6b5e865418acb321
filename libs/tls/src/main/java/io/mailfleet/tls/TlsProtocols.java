package io.mailfleet.tls;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.TCPSSLOptions;

import java.util.List;
import java.util.Set;

/**
 * What every Mailfleet listener accepts: TLS 1.2 and 1.3, nothing older, and only AEAD suites with forward
 * secrecy (the TLS 1.3 suites, ECDHE with AES-GCM or ChaCha20-Poly1305 for 1.2).
 */
public final class TlsProtocols {

    public static final Set<String> ENABLED = Set.of("TLSv1.2", "TLSv1.3");

    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsProtocols() {
    }

    /** Restricts a listener's options (Vert.x {@code NetServerOptions}) to our versions and suites. */
    public static <T extends TCPSSLOptions> T restrict(T options) {
        options.setEnabledSecureTransportProtocols(ENABLED);
        CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        return options;
    }

    /** Options for {@code NetServer.updateSSLOptions}: the certificate with our versions and suites. */
    public static SSLOptions sslOptions(KeyCertOptions keyCert) {
        SSLOptions options = new SSLOptions().setKeyCertOptions(keyCert).setEnabledSecureTransportProtocols(ENABLED);
        CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        return options;
    }
}
