package io.mailfleet.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Secrets of the local stack, generated on first start and kept (mode 600) in the data directory so
 * that a restart keeps working logins. An environment variable of the same name wins.
 */
final class LocalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties values = new Properties();

    LocalSecrets(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    /** The value of {@code name} from the environment, else the kept one, else a new random one. */
    String get(String name) {
        return get(name, 24, Base64.getUrlEncoder().withoutPadding());
    }

    /** As {@link #get(String)}, for a key of {@code bytes} random bytes in standard Base64. */
    String key(String name, int bytes) {
        return get(name, bytes, Base64.getEncoder());
    }

    private String get(String name, int size, Base64.Encoder encoder) {
        String fromEnvironment = System.getenv(name);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        String kept = values.getProperty(name);
        if (kept != null) {
            return kept;
        }
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        String generated = encoder.encodeToString(bytes);
        values.setProperty(name, generated);
        save();
        return generated;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                values.store(out, "Mailfleet local stack secrets (generated; delete the file or use --fresh to renew)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
