package io.mailfleet.spam.bench;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.spam.MessageScorer;
import io.mailfleet.infra.Await;
import io.mailfleet.spam.bayes.Corpus;
import io.mailfleet.spam.bayes.GlobalBayesModel;
import io.mailfleet.spam.dns.TestDnsResource;
import io.mailfleet.spam.policy.DirectoryStubResource;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.mailfleet.testing.RedisResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Messages scored per second: the whole {@link MessageScorer} (SPF, DKIM, ARC, DMARC with every DNS query answered by the
 * loopback DNS server, dmarc.results to the broker, tenant policy, DNSBL through the Redis cache, rules, MIME, Bayes with the
 * tenant model in PostgreSQL), several messages in flight. Not part of {@code ./mvnw verify}: it runs with
 * {@code -Dmailfleet.benchmark=true} (docs/benchmarks.md), on the SpamAssassin corpus directories given in
 * {@code -Dmailfleet.benchmark.corpus=DIR[,DIR…]}; with {@code -Dmailfleet.spam.bayes.train-ham=…} and {@code train-spam}
 * the global model is learned first, so the Bayes classification is part of the cost.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(TestDnsResource.class)
@QuarkusTestResource(DirectoryStubResource.class)
@EnabledIfSystemProperty(named = "mailfleet.benchmark", matches = "true")
class ScoringBenchmark {

    private static final Pattern FROM = Pattern.compile("(?im)^From:.*?([\\w.+\\-]+@[\\w\\-]+(?:\\.[\\w\\-]+)+)");

    @Inject
    MessageScorer scorer;

    @Inject
    GlobalBayesModel bayes;

    @Test
    void messagesScoredPerSecond() throws Exception {
        List<Path> directories = Arrays.stream(System.getProperty("mailfleet.benchmark.corpus", "").split(","))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
        if (directories.isEmpty()) {
            throw new IllegalArgumentException("set -Dmailfleet.benchmark.corpus=DIR[,DIR...] (e.g. the SpamAssassin corpus groups)");
        }
        if (System.getProperty("mailfleet.spam.bayes.train-ham") != null) {
            // the global model learns at startup on a worker thread; score only with the model the service would have
            Await.until("the global Bayes model learned its directories", Duration.ofMinutes(5),
                    () -> bayes.model().hamMessages() >= bayes.minMessages() && bayes.model().spamMessages() >= bayes.minMessages());
        }
        List<MailRecord> mails = new ArrayList<>();
        for (Path file : Corpus.files(directories)) {
            mails.add(mail(Corpus.read(file), mails.size()));
        }
        int inFlight = Integer.getInteger("mailfleet.benchmark.in-flight", 2 * Runtime.getRuntime().availableProcessors());
        run(mails.subList(0, Math.min(500, mails.size())), inFlight); // warm-up: JIT, connection pools, DNS and Redis caches cold → warm
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        int scored = run(mails, inFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        assertEquals(mails.size(), scored);
        long bytes = mails.stream().mapToLong(m -> m.content().length).sum();
        String row = String.format(Locale.ROOT, "| %d | %d KiB | %d | %d | %.2f | %.0f | %.1f | %.0f | %.2f |",
                mails.size(), bytes / mails.size() / 1024, inFlight, Runtime.getRuntime().availableProcessors(), seconds,
                mails.size() / seconds, cpuSeconds, mails.size() / cpuSeconds, os.getSystemLoadAverage());
        String table = "| messages | mean size | in flight | cores | seconds | messages/s | JVM CPU s | messages per CPU-second | load avg |\n"
                + "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n" + row + "\n";
        System.out.println(table);
        Path out = Path.of("target", "benchmark", "spam-scoring.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
    }

    private int run(List<MailRecord> mails, int inFlight) {
        return Multi.createFrom().iterable(mails)
                .onItem().transformToUni(scorer::score).merge(inFlight)
                .collect().asList().await().atMost(Duration.ofMinutes(30)).size();
    }

    private static MailRecord mail(byte[] content, int n) {
        String head = new String(content, 0, Math.min(content.length, 16384), StandardCharsets.ISO_8859_1);
        Matcher from = FROM.matcher(head);
        String sender = from.find() ? from.group(1) : "sender@example.org";
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, "bench-" + n, Instant.now(), "client.example",
                "198.51.100." + (n % 250 + 1), null, null, null, sender, List.of(Recipient.local("user@bench.test", "bench", "a")),
                content.length, Direction.INBOUND, Map.of());
        return MailRecord.unscored(envelope, content);
    }
}
