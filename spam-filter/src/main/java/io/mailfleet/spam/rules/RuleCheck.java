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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Runs the rules in force against one message and reports the hits of those that are scored (see {@link Evaluation}). */
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
        Evaluation evaluation = new Evaluation(rules, context, matchTimeout.toNanos());
        List<Verdict.Symbol> hits = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (rules.reported(rule.name()) && evaluation.value(rule.name()) != 0) {
                hits.add(new Verdict.Symbol(rule.name(), rules.score(rule.name()), rules.description(rule.name())));
            }
        }
        return hits;
    }

    /**
     * One message's rule results, computed when first asked for: a building block ({@code __NAME}) runs only if a meta rule
     * gets to it ({@code &&} and {@code ||} stop early), which spares most of a large rule set's regular expressions.
     */
    private static final class Evaluation {
        private final RuleSet rules;
        private final Map<String, Double> results = new HashMap<>();
        /** Header rules often share a selector (ALL, From:addr, …): each is built once per message. */
        private final Map<HeaderSelector, Optional<String>> headers = new HashMap<>();
        private final ScanContext context;
        private final Texts texts;
        private final long timeoutNanos;

        Evaluation(RuleSet rules, ScanContext context, long timeoutNanos) {
            this.rules = rules;
            this.context = context;
            this.texts = new Texts(context);
            this.timeoutNanos = timeoutNanos;
        }

        /** 1 or 0 (a meta rule: its expression's value); a rule that is missing (skipped, undefined) or part of a cycle is 0. */
        double value(String name) {
            Double known = results.get(name);
            if (known != null) {
                return known;
            }
            Optional<Rule> rule = rules.rule(name);
            if (rule.isEmpty()) {
                return 0;
            }
            results.put(name, 0.0); // a meta rule that reaches itself again sees "not hit"
            double value = rule.get() instanceof Rule.MetaRule meta ? meta.expression().value(this::value) : matches(rule.get()) ? 1 : 0;
            results.put(name, value);
            return value;
        }

        private boolean matches(Rule rule) {
            try {
                if (rule instanceof Rule.HeaderRule header) {
                    return header(header);
                }
                if (rule instanceof Rule.BodyRule body) {
                    return text(rule, body.pattern(), texts.body(), texts::bodyLowerCase);
                }
                if (rule instanceof Rule.RawBodyRule body) {
                    return text(rule, body.pattern(), texts.rawBody(), texts::rawBodyLowerCase);
                }
                if (rule instanceof Rule.FullRule full) {
                    return text(rule, full.pattern(), texts.full(), texts::fullLowerCase);
                }
                if (rule instanceof Rule.UriRule uri) {
                    return context.content().uris().stream().anyMatch(u -> uri.pattern().matcher(u).find());
                }
                if (rule instanceof Rule.EvalRule eval) {
                    return eval.test().test(context);
                }
                return false;
            } catch (BoundedText.TimeUp slow) {
                LOG.warnf("rule %s gave up after %d ms of CPU on message %s", rule.name(), timeoutNanos / 1_000_000,
                        context.mail().envelope().messageId());
                return false;
            }
        }

        /** The pattern on the text, unless a literal it needs is missing (then it cannot match, and is not run). */
        private boolean text(Rule rule, Pattern pattern, String text, Supplier<String> lowerCase) {
            Optional<RequiredLiteral.AnyOf> literals = rules.requiredLiterals(rule.name());
            if (literals.isPresent() && !literals.get().mayMatch(text, lowerCase)) {
                return false;
            }
            return pattern.matcher(new BoundedText(text, timeoutNanos)).find();
        }

        private boolean header(Rule.HeaderRule header) {
            Optional<String> value = headers.computeIfAbsent(header.selector(), selector -> HeaderValues.of(selector, context));
            if (header.existsOnly()) {
                return value.isPresent() != header.negated();
            }
            // as SpamAssassin: a missing field is matched as its if-unset value (empty unless given)
            boolean found = header.pattern().matcher(new BoundedText(value.orElse(header.selector().ifUnset()), timeoutNanos)).find();
            return header.negated() != found;
        }
    }

    /** The texts body, rawbody and full rules read (and their lower-case forms for the literal pre-filter), built once per message and only when a rule asks. */
    private static final class Texts {
        private final ScanContext context;
        private String body;
        private String rawBody;
        private String full;
        private String bodyLowerCase;
        private String rawBodyLowerCase;
        private String fullLowerCase;

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

        String bodyLowerCase() {
            if (bodyLowerCase == null) {
                bodyLowerCase = body().toLowerCase(Locale.ROOT);
            }
            return bodyLowerCase;
        }

        String rawBodyLowerCase() {
            if (rawBodyLowerCase == null) {
                rawBodyLowerCase = rawBody().toLowerCase(Locale.ROOT);
            }
            return rawBodyLowerCase;
        }

        String fullLowerCase() {
            if (fullLowerCase == null) {
                fullLowerCase = full().toLowerCase(Locale.ROOT);
            }
            return fullLowerCase;
        }
    }
}
