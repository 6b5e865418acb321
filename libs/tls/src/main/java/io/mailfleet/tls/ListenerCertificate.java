package io.mailfleet.tls;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.net.KeyCertOptions;
import org.jboss.logging.Logger;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.HexFormat;

/**
 * The certificate a group of listeners presents: the key store of a Quarkus TLS registry configuration
 * ({@code quarkus.tls.<name>.key-store.*}, PEM or PKCS#12, as production and the local stack configure it),
 * else a generated {@link SelfSignedCertificate} with a warning. With {@code quarkus.tls.<name>.reload-period}
 * the registry re-reads the files periodically; {@link #reloaded} tells whether that brought a different
 * certificate, which the listeners then serve to new connections (cert-manager rotation without restarts).
 */
public final class ListenerCertificate {

    private static final Logger LOG = Logger.getLogger(ListenerCertificate.class);

    private final String configurationName;
    private volatile KeyCertOptions keyCertOptions;
    private volatile String fingerprint;

    public ListenerCertificate(TlsConfigurationRegistry registry, String configurationName, String hostname) {
        this.configurationName = configurationName;
        TlsConfiguration configured = registry.get(configurationName).orElse(null);
        if (configured != null && configured.getKeyStoreOptions() != null) {
            LOG.infof("TLS certificate from TLS registry configuration '%s'", configurationName);
            this.keyCertOptions = configured.getKeyStoreOptions();
            this.fingerprint = fingerprint(configured);
        } else {
            LOG.warnf("no TLS registry configuration '%s': using a generated self-signed certificate for %s "
                    + "(fine for tests, not for production)", configurationName, hostname);
            this.keyCertOptions = SelfSignedCertificate.generate(hostname);
        }
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
