package io.mailfleet.spam.rules;

import io.mailfleet.events.Verdict;
import io.mailfleet.spam.verdict.ContentCheck;
import io.mailfleet.spam.verdict.ScanContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the rules in force against one message: the pattern rules first, then the meta rules that combine them. */
@ApplicationScoped
public class RuleCheck implements ContentCheck {

    private static final Logger LOG = Logger.getLogger(RuleCheck.class);

    private final RuleRepository repository;

    public RuleCheck(RuleRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<Verdict.Symbol> evaluate(ScanContext context) {
        return evaluate(repository.current(), context, repository.matchTimeout());
    }

    static List<Verdict.Symbol> evaluate(RuleSet rules, ScanContext context, Duration matchTimeout) {
        Texts texts = new Texts(context);
        Map<String, Rule.MetaRule> metas = new HashMap<>();
        Map<String, Double> results = new HashMap<>();
        for (Rule rule : rules.rules()) {
            if (rule instanceof Rule.MetaRule meta) {
                metas.put(meta.name(), meta);
            } else {
                results.put(rule.name(), matches(rule, context, texts, matchTimeout.toNanos()) ? 1.0 : 0.0);
            }
        }
        List<Verdict.Symbol> hits = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            double result = rule instanceof Rule.MetaRule meta ? meta(meta, metas, results, new HashMap<>()) : results.get(rule.name());
            if (result != 0 && rules.reported(rule.name())) {
                hits.add(new Verdict.Symbol(rule.name(), rules.score(rule.name()), rules.description(rule.name())));
            }
        }
        return hits;
    }

    /** A meta rule's value; rules it reads that are missing (skipped, or never defined) count as not hit, and so does a cycle. */
    private static double meta(Rule.MetaRule meta, Map<String, Rule.MetaRule> metas, Map<String, Double> results, Map<String, Boolean> visiting) {
        Double known = results.get(meta.name());
        if (known != null) {
            return known;
        }
        if (visiting.putIfAbsent(meta.name(), true) != null) {
            return 0;
        }
        double value = meta.expression().value(name -> {
            Double result = results.get(name);
            if (result != null) {
                return result;
            }
            Rule.MetaRule dependency = metas.get(name);
            return dependency == null ? 0 : meta(dependency, metas, results, visiting);
        });
        results.put(meta.name(), value);
        return value;
    }

    private static boolean matches(Rule rule, ScanContext context, Texts texts, long timeoutNanos) {
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            if (rule instanceof Rule.HeaderRule header) {
                return header(header, context);
            }
            if (rule instanceof Rule.BodyRule body) {
                return body.pattern().matcher(new BoundedText(texts.body(), deadline)).find();
            }
            if (rule instanceof Rule.RawBodyRule body) {
                return body.pattern().matcher(new BoundedText(texts.rawBody(), deadline)).find();
            }
            if (rule instanceof Rule.FullRule full) {
                return full.pattern().matcher(new BoundedText(texts.full(), deadline)).find();
            }
            if (rule instanceof Rule.UriRule uri) {
                return context.content().uris().stream().anyMatch(u -> uri.pattern().matcher(u).find());
            }
            return false;
        } catch (BoundedText.TimeUp slow) {
            LOG.warnf("rule %s gave up after %d ms on message %s", rule.name(), timeoutNanos / 1_000_000, context.mail().envelope().messageId());
            return false;
        }
    }

    private static boolean header(Rule.HeaderRule header, ScanContext context) {
        Optional<String> value = HeaderValues.of(header.selector(), context);
        if (header.existsOnly()) {
            return value.isPresent() != header.negated();
        }
        // as SpamAssassin: a missing field is matched as its if-unset value (empty unless given)
        boolean found = header.pattern().matcher(value.orElse(header.selector().ifUnset())).find();
        return header.negated() != found;
    }

    /** The texts body, rawbody and full rules read, built once per message and only when a rule asks. */
    private static final class Texts {
        private final ScanContext context;
        private String body;
        private String rawBody;
        private String full;

        Texts(ScanContext context) {
            this.context = context;
        }

        /** SpamAssassin's body text starts with the subject. */
        String body() {
            if (body == null) {
                String subject = context.message().fields("Subject").stream().findFirst()
                        .map(field -> DecoderUtil.decodeEncodedWords(field.utf8Value(), DecodeMonitor.SILENT)).orElse("");
                body = subject + "\n" + context.content().text();
            }
            return body;
        }

        String rawBody() {
            if (rawBody == null) {
                rawBody = context.content().html().isEmpty() ? context.content().text() : context.content().html() + "\n" + context.content().text();
            }
            return rawBody;
        }

        String full() {
            if (full == null) {
                full = new String(context.message().content(), StandardCharsets.ISO_8859_1);
            }
            return full;
        }
    }
}
