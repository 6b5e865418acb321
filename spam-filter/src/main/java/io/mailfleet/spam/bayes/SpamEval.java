package io.mailfleet.spam.bayes;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.SpamFilterConfig;
import io.mailfleet.spam.auth.AuthenticationResults;
import io.mailfleet.spam.message.MessageContentParser;
import io.mailfleet.spam.message.RawMessage;
import io.mailfleet.spam.rules.RuleCheck;
import io.mailfleet.spam.rules.RuleRepository;
import io.mailfleet.spam.rules.RuleSettings;
import io.mailfleet.spam.verdict.AttachmentCheck;
import io.mailfleet.spam.verdict.DisplayNameCheck;
import io.mailfleet.spam.verdict.GtubeCheck;
import io.mailfleet.spam.verdict.HtmlCheck;
import io.mailfleet.spam.verdict.ScanContext;
import io.mailfleet.spam.verdict.ContentCheck;
import io.mailfleet.spam.verdict.SymbolScores;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code spam-eval --train-ham DIR --train-spam DIR --test-ham DIR --test-spam DIR} (each repeatable): trains a fresh model on
 * the train directories, scores every test message with the content pipeline (rules, attachments, HTML, display names,
 * GTUBE, Bayes; no network) against the default inbound junk threshold, and prints as its last line
 * {@code precision=P recall=R ham_fp_rate=F ham=N spam=M}.
 */
public final class SpamEval {

    static final double THRESHOLD = 5.0;

    private SpamEval() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("spam-eval: " + e.getMessage());
            System.err.println("usage: spam-eval --train-ham DIR --train-spam DIR --test-ham DIR --test-spam DIR (each repeatable)");
            System.exit(2);
        }
    }

    static String run(String[] args) {
        List<Path> trainHam = new ArrayList<>();
        List<Path> trainSpam = new ArrayList<>();
        List<Path> testHam = new ArrayList<>();
        List<Path> testSpam = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a directory");
            }
            Path directory = Path.of(args[++i]);
            switch (args[i - 1]) {
                case "--train-ham" -> trainHam.add(directory);
                case "--train-spam" -> trainSpam.add(directory);
                case "--test-ham" -> testHam.add(directory);
                case "--test-spam" -> testSpam.add(directory);
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
            }
        }
        if (trainHam.isEmpty() || trainSpam.isEmpty() || testHam.isEmpty() || testSpam.isEmpty()) {
            throw new IllegalArgumentException("all four options are required");
        }
        MessageContentParser parser = new MessageContentParser(1 << 20, 10 << 20);
        GlobalBayesModel model = new GlobalBayesModel(bayesConfig(), parser);
        model.learn(trainHam, false);
        model.learn(trainSpam, true);
        SymbolScores scores = new SymbolScores(Map.of());
        List<ContentCheck> checks = List.of(new GtubeCheck(scores), new AttachmentCheck(scores), new HtmlCheck(scores),
                new DisplayNameCheck(scores), new RuleCheck(new RuleRepository(rulesConfig())),
                new GlobalBayesCheck(model.model(), new BayesClassifier(1), scores));
        long hamFlagged = flagged(Corpus.files(testHam), parser, checks);
        long spamFlagged = flagged(Corpus.files(testSpam), parser, checks);
        long ham = Corpus.files(testHam).size();
        long spam = Corpus.files(testSpam).size();
        double precision = spamFlagged + hamFlagged == 0 ? 0 : (double) spamFlagged / (spamFlagged + hamFlagged);
        double recall = spam == 0 ? 0 : (double) spamFlagged / spam;
        double falsePositives = ham == 0 ? 0 : (double) hamFlagged / ham;
        return String.format(Locale.ROOT, "precision=%.4f recall=%.4f ham_fp_rate=%.4f ham=%d spam=%d", precision, recall, falsePositives, ham, spam);
    }

    /** Scores on every core; the content checks are synchronous and touch no network, so nothing here waits. */
    private static long flagged(List<Path> files, MessageContentParser parser, List<ContentCheck> checks) {
        return files.parallelStream().filter(file -> isSpam(Corpus.read(file), parser, checks)).count();
    }

    static boolean isSpam(byte[] content, MessageContentParser parser, List<ContentCheck> checks) {
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, "eval", Instant.EPOCH, "eval", "192.0.2.1", null, null, null, "",
                List.of(Recipient.local("user@mailfleet.invalid", "eval", "eval")), content.length, Direction.INBOUND, Map.of());
        ScanContext context = new ScanContext(MailRecord.unscored(envelope, content), RawMessage.parse(content), parser.parse(content),
                new AuthenticationResults("", "eval", null, List.of(), null, null));
        double score = 0;
        for (ContentCheck check : checks) {
            score += check.evaluate(context).stream().mapToDouble(Verdict.Symbol::score).sum();
        }
        return score >= THRESHOLD;
    }

    private static SpamFilterConfig.Bayes bayesConfig() {
        return new SpamFilterConfig.Bayes() {
            @Override
            public Optional<List<Path>> trainHam() {
                return Optional.empty();
            }

            @Override
            public Optional<List<Path>> trainSpam() {
                return Optional.empty();
            }

            @Override
            public int minMessages() {
                return 1;
            }
        };
    }

    private static SpamFilterConfig.Rules rulesConfig() {
        return RuleSettings.defaults(Optional.empty());
    }
}
