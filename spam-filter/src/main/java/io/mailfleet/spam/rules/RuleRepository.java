package io.mailfleet.spam.rules;

import io.mailfleet.spam.SpamFilterConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The rules in force: the built-in file plus the configured directory, swapped atomically when a file changes. A broken
 * update is refused as a whole and logged; scoring goes on with the previous rules (like sa-update's lint before restart).
 */
@ApplicationScoped
public class RuleRepository {

    private static final Logger LOG = Logger.getLogger(RuleRepository.class);
    /** Read first, in this order: our own rules, then the ones taken from SpamAssassin's stock set. */
    static final List<String> BUILT_IN = List.of("rules/mailfleet-base.cf", "rules/spamassassin-derived.cf");

    private final SpamFilterConfig.Rules config;
    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private volatile String fingerprint = "";
    private long timer = -1;

    @Inject
    public RuleRepository(SpamFilterConfig config) {
        this(config.rules());
    }

    public RuleRepository(SpamFilterConfig.Rules config) {
        this.config = config;
        current.set(load());
        fingerprint = fingerprint();
    }

    public RuleSet current() {
        return current.get();
    }

    public Duration matchTimeout() {
        return config.matchTimeout();
    }

    void watch(@Observes StartupEvent start, Vertx vertx) {
        if (config.directory().isPresent()) {
            timer = vertx.setPeriodic(config.reloadInterval().toMillis(),
                    id -> Infrastructure.getDefaultWorkerPool().execute(this::reloadIfChanged));
        }
    }

    void stop(@Observes ShutdownEvent stop, Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Reloads when a file in the directory was added, removed or changed; returns whether new rules are in force. */
    public synchronized boolean reloadIfChanged() {
        String now = fingerprint();
        if (now.equals(fingerprint)) {
            return false;
        }
        try {
            RuleSet rules = load();
            current.set(rules);
            LOG.infof("rules reloaded: version %d, %d rules, %d lines skipped as unsupported", rules.version(), rules.rules().size(), rules.skipped().size());
            rules.skipped().stream().limit(20).forEach(line -> LOG.debugf("skipped %s", line));
            return true;
        } catch (RuleFileException | UncheckedIOException e) {
            LOG.errorf("rule update refused, keeping version %d: %s", current.get().version(), e.getMessage());
            return false;
        } finally {
            fingerprint = now;
        }
    }

    private RuleSet load() {
        RuleFileParser parser = new RuleFileParser();
        try {
            for (String resource : BUILT_IN) {
                try (InputStream in = RuleRepository.class.getClassLoader().getResourceAsStream(resource)) {
                    parser.add(resource, new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            for (Path file : ruleFiles()) {
                parser.add(file.toString(), text(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parser.build();
    }

    /** UTF-8, or ISO-8859-1 for older rule files (some of SpamAssassin's translations are Latin-1). */
    private static String text(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private List<Path> ruleFiles() throws IOException {
        if (config.directory().isEmpty() || !Files.isDirectory(config.directory().get())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(config.directory().get())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cf")).sorted().toList();
        }
    }

    private String fingerprint() {
        try {
            List<String> parts = new ArrayList<>();
            for (Path file : ruleFiles()) {
                parts.add(file + "@" + Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file));
            }
            return String.join(",", parts);
        } catch (IOException e) {
            return "unreadable:" + e.getMessage();
        }
    }
}
