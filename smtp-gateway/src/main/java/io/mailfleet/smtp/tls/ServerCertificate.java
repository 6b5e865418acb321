package io.mailfleet.smtp.tls;

import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.tls.ListenerCertificate;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.net.KeyCertOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.HexFormat;

/**
 * The certificate and key the SMTP listeners present: the Quarkus TLS registry configuration
 * {@code mailfleet.smtp.tls.configuration} ({@code quarkus.tls.smtp.key-store.*}) in production and in
 * the local stack, a generated self-signed one in tests. With {@code quarkus.tls.smtp.reload-period}
 * the registry re-reads the files periodically; {@link #reloaded} tells whether that brought a
 * different certificate, which the listeners then serve to new connections.
 */
@ApplicationScoped
public class ServerCertificate {

    private static final Logger LOG = Logger.getLogger(ServerCertificate.class);

    private final String configurationName;
    private volatile KeyCertOptions keyCertOptions;
    private volatile String fingerprint;

    public ServerCertificate(TlsConfigurationRegistry registry, SmtpConfig config) {
        this.configurationName = config.tls().configuration();
        this.keyCertOptions = ListenerCertificate.resolve(registry, configurationName, config.hostname());
        this.fingerprint = registry.get(configurationName).map(ServerCertificate::fingerprint).orElse(null);
    }

    public KeyCertOptions keyCertOptions() {
        return keyCertOptions;
    }

    /**
     * Takes the registry's reloaded configuration when it is ours and holds a different certificate chain.
     *
     * @return true when the listeners must switch to {@link #keyCertOptions()}
     */
    public boolean reloaded(String name, TlsConfiguration configuration) {
        if (!configurationName.equals(name) || configuration.getKeyStoreOptions() == null) {
            return false;
        }
        String reloaded = fingerprint(configuration);
        if (reloaded == null || reloaded.equals(fingerprint)) {
            return false; // the periodic reload found the same files
        }
        keyCertOptions = configuration.getKeyStoreOptions();
        fingerprint = reloaded;
        return true;
    }

    /** SHA-256 over every certificate of the key store: changes when any certificate of a chain does. */
    private static String fingerprint(TlsConfiguration configuration) {
        KeyStore store = configuration.getKeyStore();
        if (store == null) {
            return null;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String alias : Collections.list(store.aliases())) {
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain == null) {
                    continue;
                }
                for (Certificate certificate : chain) {
                    digest.update(certificate.getEncoded());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (GeneralSecurityException e) {
            LOG.warnf("cannot read the certificates of TLS configuration %s: %s", configuration.getName(), e.toString());
            return null;
        }
    }
}
