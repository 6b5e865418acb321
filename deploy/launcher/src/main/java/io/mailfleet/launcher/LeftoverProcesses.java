package io.mailfleet.launcher;

import io.mailfleet.infra.ChildProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Remembers every process the stack started (pid and start time, so a reused pid is never hit) in
 * {@code processes.pid}. A launcher that dies without running its shutdown hook — SIGKILL, or the
 * in-process Kafka halting the JVM on a fatal error — leaves them behind; the next start stops them
 * before binding the same ports. PostgreSQL daemonizes, so its postmaster is read from its pid file.
 */
final class LeftoverProcesses {

    private final Path file;
    private final Path postmasterPidFile;

    LeftoverProcesses(Path data) {
        this.file = data.resolve("processes.pid");
        this.postmasterPidFile = data.resolve("postgres").resolve("postmaster.pid");
    }

    /** Writes down the current children (and their children) and the postmaster. */
    synchronized void record() {
        List<String> lines = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(handle -> line(handle).ifPresent(lines::add));
        postmaster().flatMap(LeftoverProcesses::line).ifPresent(lines::add);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Console.warn("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Stops what a previous run left behind; returns how many processes that was. */
    int stopLeftovers() {
        if (!Files.exists(file)) {
            return 0;
        }
        List<ProcessHandle> alive = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ", 2);
                if (fields.length == 2) {
                    ProcessHandle.of(Long.parseLong(fields[0]))
                            .filter(handle -> handle.info().startInstant().map(Instant::toString).orElse("").equals(fields[1]))
                            .ifPresent(alive::add);
                }
            }
            Files.delete(file);
        } catch (IOException | NumberFormatException e) {
            Console.warn("cannot read " + file + ": " + e.getMessage());
        }
        ChildProcess.stop(alive, Duration.ofSeconds(15));
        return alive.size();
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(postmasterPidFile, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> line(ProcessHandle handle) {
        return handle.info().startInstant().map(started -> handle.pid() + " " + started);
    }
}
