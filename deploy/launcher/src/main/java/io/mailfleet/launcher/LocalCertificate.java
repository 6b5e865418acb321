package io.mailfleet.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One self-signed certificate for every TLS listener of the local stack (SMTP, IMAP, POP3), made once
 * with the JDK's keytool and kept in the data directory: a mail client accepts it once and keeps
 * trusting it across restarts. Its names cover how people connect locally: localhost, 127.0.0.1, ::1.
 */
final class LocalCertificate {

    private final Path keystore;
    private final String password;

    LocalCertificate(Path data, String password) {
        this.keystore = data.resolve("tls").resolve("server.p12");
        this.password = password;
    }

    Path keystore() {
        return keystore;
    }

    String password() {
        return password;
    }

    void ensureExists() {
        if (Files.isRegularFile(keystore)) {
            return;
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        try {
            Files.createDirectories(keystore.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "mailfleet",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=localhost, O=Mailfleet local stack",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1",
                    "-validity", "825", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass", password, "-keypass", password))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool could not create " + keystore + ": " + output);
            }
            Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the local TLS certificate: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the local TLS certificate", e);
        }
    }

    /** System properties pointing a Quarkus TLS registry configuration at this keystore. */
    List<String> registryProperties(String configuration) {
        String prefix = "-Dquarkus.tls." + configuration + ".key-store.p12.";
        return List.of(prefix + "path=" + keystore, prefix + "password=" + password);
    }
}
