package io.mailfleet.tls;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.net.KeyCertOptions;
import org.jboss.logging.Logger;

/**
 * The certificate a group of listeners presents: the key store of a Quarkus TLS registry
 * configuration ({@code quarkus.tls.<name>.key-store.*}, PEM or PKCS#12, as production and the local
 * stack configure it), else a generated {@link SelfSignedCertificate} with a warning.
 */
public final class ListenerCertificate {

    private static final Logger LOG = Logger.getLogger(ListenerCertificate.class);

    private ListenerCertificate() {
    }

    public static KeyCertOptions resolve(TlsConfigurationRegistry registry, String configuration, String hostname) {
        TlsConfiguration configured = registry.get(configuration).orElse(null);
        if (configured != null && configured.getKeyStoreOptions() != null) {
            LOG.infof("TLS certificate from TLS registry configuration '%s'", configuration);
            return configured.getKeyStoreOptions();
        }
        LOG.warnf("no TLS registry configuration '%s': using a generated self-signed certificate for %s "
                + "(fine for tests, not for production)", configuration, hostname);
        return SelfSignedCertificate.generate(hostname);
    }
}
