package io.mailfleet.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** deploy/docker/build-images run through bash, in modes that need no container engine. */
final class BuildImagesScript {

    record Result(int exitCode, List<String> output, String errors) {
    }

    private BuildImagesScript() {
    }

    static Path path() {
        return Repository.root().resolve("deploy/docker/build-images");
    }

    /**
     * Runs a script with exactly the given variables on top of PATH and HOME: REGISTRY, TAG or
     * CONTAINER_ENGINE of the test's own environment must not leak in.
     */
    static Result run(Path script, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> variables = builder.environment();
        variables.keySet().retainAll(List.of("PATH", "HOME"));
        variables.putAll(environment);
        try {
            Path output = Files.createTempFile("build-images", ".out");
            Path errors = Files.createTempFile("build-images", ".err");
            try {
                Process process = builder.redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
                if (!process.waitFor(1, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("build-images did not finish within a minute: " + command);
                }
                return new Result(process.exitValue(), Files.readAllLines(output), Files.readString(errors));
            } finally {
                Files.delete(output);
                Files.delete(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result run(Map<String, String> environment, String... arguments) {
        return run(path(), environment, arguments);
    }
}
