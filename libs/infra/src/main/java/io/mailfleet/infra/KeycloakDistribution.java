package io.mailfleet.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Keycloak distribution zip from the local Maven repository, unpacked once per version into the
 * cache directory. Keeping the unpacked tree matters: Keycloak's one-time build step writes into it.
 */
final class KeycloakDistribution {

    private KeycloakDistribution() {
    }

    static synchronized Path install(String version) {
        Path home = Environment.cacheDirectory().resolve("keycloak-" + version);
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = Environment.mavenRepository().resolve(
                "org/keycloak/keycloak-quarkus-dist/" + version + "/keycloak-quarkus-dist-" + version + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new InfrastructureException("Keycloak distribution not found at " + zip
                    + "; fetch it with: ./mvnw dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:" + version + ":zip");
        }
        Path staging = home.resolveSibling(home.getFileName() + ".unpacking-" + ProcessHandle.current().pid());
        try {
            unzip(zip, staging);
            Path root;
            try (Stream<Path> children = Files.list(staging)) {
                root = children.filter(Files::isDirectory).findFirst()
                        .orElseThrow(() -> new InfrastructureException(zip + " has no top-level directory"));
            }
            try (Stream<Path> scripts = Files.list(root.resolve("bin"))) {
                for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.move(root, home, StandardCopyOption.ATOMIC_MOVE);
            return home;
        } catch (IOException e) {
            if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
                return home; // another JVM unpacked it first
            }
            throw new InfrastructureException("cannot unpack " + zip + " into " + home + ": " + e.getMessage(), e);
        } finally {
            Directories.deleteTree(staging);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry escapes the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
