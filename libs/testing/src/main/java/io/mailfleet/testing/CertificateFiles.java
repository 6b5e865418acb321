package io.mailfleet.testing;

import io.mailfleet.tls.SelfSignedCertificate;
import io.vertx.core.net.PemKeyCertOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * PEM certificate files a listener's Quarkus TLS registry configuration reads and re-reads, for tests of
 * certificate rotation: generated per run (no key material in the repository) and replaced atomically, as
 * cert-manager does.
 */
public final class CertificateFiles {

    private final Path directory;

    /** The same directory for a test profile and its test, whichever class loader each runs in. */
    public CertificateFiles(String name) {
        this.directory = Path.of(System.getProperty("java.io.tmpdir"), name + "-" + ProcessHandle.current().pid());
    }

    /**
     * Writes a certificate for {@code commonName} and answers the configuration overrides that make TLS registry
     * configuration {@code tlsConfiguration} read these files and re-read them every second.
     */
    public Map<String, String> reloadingConfiguration(String tlsConfiguration, String commonName) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(commonName);
        directory.toFile().deleteOnExit();
        directory.resolve("tls.crt").toFile().deleteOnExit();
        directory.resolve("tls.key").toFile().deleteOnExit();
        String prefix = "quarkus.tls." + tlsConfiguration + ".";
        return Map.of(prefix + "key-store.pem.0.cert", directory.resolve("tls.crt").toString(),
                prefix + "key-store.pem.0.key", directory.resolve("tls.key").toString(),
                prefix + "reload-period", "1s");
    }

    /** Replaces the key and the certificate with a new self-signed pair for {@code commonName}. */
    public void write(String commonName) {
        PemKeyCertOptions pem = SelfSignedCertificate.generate(commonName);
        replace("tls.key", pem.getKeyValues().get(0).toString());
        replace("tls.crt", pem.getCertValues().get(0).toString());
    }

    private void replace(String file, String content) {
        try {
            Path temporary = Files.writeString(directory.resolve(file + ".new"), content, StandardCharsets.US_ASCII);
            Files.move(temporary, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
