package io.mailfleet.spam.bayes;

import io.mailfleet.spam.message.MessageContentParser;
import io.mailfleet.spam.message.RawMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classifier and the spam-eval command on a generated corpus (the real one is an npm package; see docs). */
class BayesTest {

    private static final List<String> HAM_WORDS = List.of("meeting", "agenda", "minutes", "project", "review", "kernel", "patch",
            "release", "schedule", "lunch", "thanks", "regards", "colleague", "quarterly", "budget", "draft");
    private static final List<String> SPAM_WORDS = List.of("viagra", "winner", "lottery", "unsubscribe", "cheap", "offer", "bonus",
            "casino", "credit", "guaranteed", "limited", "free", "click", "pills", "refinance", "million");
    private static final List<String> COMMON = List.of("the", "and", "you", "your", "this", "that", "with", "have", "from", "today");

    private static String message(Random random, boolean spam, int n) {
        List<String> own = spam ? SPAM_WORDS : HAM_WORDS;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            // mostly shared words, some telling ones, and a little of the other kind's vocabulary
            double r = random.nextDouble();
            List<String> pool = r < 0.55 ? COMMON : r < 0.9 ? own : (spam ? HAM_WORDS : SPAM_WORDS);
            body.append(pool.get(random.nextInt(pool.size()))).append(' ');
        }
        return "From " + (spam ? "promo@deals.example" : "colleague@work.example") + " Sat Nov 28 10:00:00 2026\n"
                + "From: " + (spam ? "promo" + n + "@deals.example" : "colleague@work.example") + "\nSubject: "
                + (spam ? "special offer " + n : "project review " + n) + "\n\n" + body + "\n";
    }

    private static Path corpus(Path root, String name, boolean spam, int count, long seed) throws Exception {
        Path directory = Files.createDirectories(root.resolve(name));
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            Files.writeString(directory.resolve(String.format("%05d.txt", i)), message(random, spam, i), StandardCharsets.ISO_8859_1);
            // corpus side files that are not messages must be ignored
            Files.writeString(directory.resolve(String.format("%05d.json", i)), "{}");
        }
        return directory;
    }

    @Test
    void learnsToSeparateTheTwoKinds() {
        BayesModel model = new BayesModel();
        MessageContentParser parser = new MessageContentParser(1 << 20, 1 << 20);
        Random random = new Random(1);
        for (int i = 0; i < 300; i++) {
            for (boolean spam : new boolean[] {false, true}) {
                byte[] message = message(random, spam, i).replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                model.learn(Tokenizer.tokens(RawMessage.parse(message), parser.parse(message)), spam);
            }
        }
        BayesClassifier classifier = new BayesClassifier(200);
        assertTrue(classifier.spamProbability(new BayesModel(), Set.of("viagra")).isEmpty(), "an untrained model has no opinion");
        byte[] spam = message(new Random(99), true, 1000).replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] ham = message(new Random(98), false, 1000).replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(classifier.spamProbability(model, Tokenizer.tokens(RawMessage.parse(spam), parser.parse(spam))).getAsDouble() > 0.99);
        assertTrue(classifier.spamProbability(model, Tokenizer.tokens(RawMessage.parse(ham), parser.parse(ham))).getAsDouble() < 0.01);
        assertEquals(0.5, classifier.spamProbability(model, Set.of("never-seen-token")).getAsDouble());
    }

    @Test
    void chiSquareTailMatchesKnownValues() {
        // P(χ²(2) ≥ x) = e^(-x/2); P(χ²(4) ≥ 4) = 3e^-2
        assertEquals(Math.exp(-1.5), BayesClassifier.chiSquareComplement(3.0, 2), 1e-12);
        assertEquals(3 * Math.exp(-2), BayesClassifier.chiSquareComplement(4.0, 4), 1e-12);
    }

    @Test
    void spamEvalPrintsTheMetricsLine(@TempDir Path root) throws Exception {
        String line = SpamEval.run(new String[] {
                "--train-ham", corpus(root, "train-ham", false, 250, 1).toString(),
                "--train-spam", corpus(root, "train-spam", true, 250, 2).toString(),
                "--test-ham", corpus(root, "test-ham", false, 100, 3).toString(),
                "--test-spam", corpus(root, "test-spam", true, 100, 4).toString()});
        assertTrue(line.matches("precision=[0-9.]+ recall=[0-9.]+ ham_fp_rate=[0-9.]+ ham=100 spam=100"), line);
        double recall = Double.parseDouble(line.replaceAll(".*recall=([0-9.]+).*", "$1"));
        double falsePositives = Double.parseDouble(line.replaceAll(".*ham_fp_rate=([0-9.]+).*", "$1"));
        assertTrue(recall > 0.95 && falsePositives < 0.01, line);
    }

    /**
     * The command as {@code ./mailfleet spam-eval} runs it: its own JVM, arguments repeated, the metrics as the last line of
     * stdout. Three test hams carry GTUBE, so at least three false positives are certain and the figures must agree with the
     * counts.
     */
    @Test
    void spamEvalCommandPrintsConsistentFiguresAsItsLastLine(@TempDir Path root) throws Exception {
        Path testHam = corpus(root, "test-ham", false, 100, 3);
        for (int i = 0; i < 3; i++) {
            Files.writeString(testHam.resolve("gtube-" + i + ".txt"), "From: colleague@work.example\nSubject: project review\n\n"
                    + "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\n", StandardCharsets.ISO_8859_1);
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpamEval.class.getName(),
                "--train-ham", corpus(root, "train-ham-a", false, 150, 1).toString(),
                "--train-ham", corpus(root, "train-ham-b", false, 100, 5).toString(),
                "--train-spam", corpus(root, "train-spam", true, 250, 2).toString(),
                "--test-ham", testHam.toString(),
                "--test-spam", corpus(root, "test-spam-a", true, 60, 4).toString(),
                "--test-spam", corpus(root, "test-spam-b", true, 40, 6).toString());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "spam-eval did not finish");
        assertEquals(0, process.exitValue(), output);
        List<String> lines = output.lines().toList();
        String last = lines.get(lines.size() - 1);
        java.util.regex.Matcher figures = java.util.regex.Pattern
                .compile("precision=([0-9.]+) recall=([0-9.]+) ham_fp_rate=([0-9.]+) ham=(\\d+) spam=(\\d+)").matcher(last);
        assertTrue(figures.matches(), last);
        double precision = Double.parseDouble(figures.group(1));
        double recall = Double.parseDouble(figures.group(2));
        double falsePositiveRate = Double.parseDouble(figures.group(3));
        assertEquals(103, Integer.parseInt(figures.group(4)));
        assertEquals(100, Integer.parseInt(figures.group(5)));
        long falsePositives = Math.round(falsePositiveRate * 103);
        long truePositives = Math.round(recall * 100);
        assertTrue(falsePositives >= 3, "the GTUBE hams are flagged: " + last);
        assertTrue(truePositives >= 95, last);
        assertEquals((double) truePositives / (truePositives + falsePositives), precision, 0.0001, last);
    }

    @Test
    void spamEvalCommandExitsWithUsageOnBadArguments() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpamEval.class.getName(), "--train-ham").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, java.util.concurrent.TimeUnit.MINUTES));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("usage: spam-eval"), output);
    }

    @Test
    void spamEvalRefusesIncompleteArguments(@TempDir Path root) {
        assertThrows(IllegalArgumentException.class, () -> SpamEval.run(new String[] {"--train-ham", root.toString()}));
        assertThrows(IllegalArgumentException.class, () -> SpamEval.run(new String[] {"--bogus", root.toString()}));
        assertThrows(IllegalArgumentException.class, () -> SpamEval.run(new String[] {"--train-ham"}));
    }
}
