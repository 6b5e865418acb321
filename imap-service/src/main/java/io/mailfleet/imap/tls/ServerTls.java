package io.mailfleet.imap.tls;

import io.mailfleet.imap.ImapConfig;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * TLS for the four listeners: TLS 1.2 and 1.3 only. The certificate comes from the Quarkus TLS registry
 * ({@code quarkus.tls.mail.key-store.*}); when none is configured (local stack, tests) a self-signed
 * ECDSA P-256 certificate for the hostname is generated in memory at startup, so no key is ever on disk.
 */
@ApplicationScoped
public class ServerTls {

    private static final Logger LOG = Logger.getLogger(ServerTls.class);
    public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private final KeyCertOptions keyCertOptions;

    public ServerTls(TlsConfigurationRegistry registry, ImapConfig config) {
        String name = config.tls().configuration();
        TlsConfiguration configured = registry.get(name).orElse(null);
        if (configured != null && configured.getKeyStoreOptions() != null) {
            LOG.infof("IMAP/POP3 TLS certificate from TLS registry configuration '%s'", name);
            this.keyCertOptions = configured.getKeyStoreOptions();
        } else {
            LOG.warnf("no TLS registry configuration '%s': using a generated self-signed certificate for %s "
                    + "(fine for the local stack, not for production)", name, config.hostname());
            this.keyCertOptions = selfSigned(config.hostname());
        }
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

    static PemKeyCertOptions selfSigned(String hostname) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + hostname);
            X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            return new PemKeyCertOptions()
                    .setCertValue(Buffer.buffer(pem(certificate)))
                    .setKeyValue(Buffer.buffer(pem(new JcaPKCS8Generator(keys.getPrivate(), null))));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
