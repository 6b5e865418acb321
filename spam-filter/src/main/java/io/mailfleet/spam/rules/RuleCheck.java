package io.mailfleet.spam.rules;

import io.mailfleet.events.Verdict;
import io.mailfleet.spam.message.RawMessage;
import io.mailfleet.spam.verdict.ScanContext;
import io.mailfleet.spam.verdict.ContentCheck;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Runs the header, body and URI rules in force against one message. */
@ApplicationScoped
public class RuleCheck implements ContentCheck {

    private final RuleRepository repository;

    public RuleCheck(RuleRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<Verdict.Symbol> evaluate(ScanContext context) {
        return evaluate(repository.current(), context);
    }

    static List<Verdict.Symbol> evaluate(RuleSet rules, ScanContext context) {
        List<Verdict.Symbol> hits = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (matches(rule, context)) {
                hits.add(new Verdict.Symbol(rule.name(), rules.score(rule.name()), rules.description(rule.name())));
            }
        }
        return hits;
    }

    private static boolean matches(Rule rule, ScanContext context) {
        if (rule instanceof Rule.HeaderRule header) {
            List<RawMessage.HeaderField> fields = header.header().equalsIgnoreCase("ALL")
                    ? context.message().fields() : context.message().fields(header.header());
            if (header.existsOnly()) {
                return fields.isEmpty() == header.negated();
            }
            String values = fields.stream().map(RuleCheck::decoded).collect(Collectors.joining("\n"));
            boolean found = !fields.isEmpty() && header.pattern().matcher(values).find();
            return header.negated() != found;
        }
        if (rule instanceof Rule.BodyRule body) {
            return body.pattern().matcher(context.content().text()).find();
        }
        if (rule instanceof Rule.UriRule uri) {
            return context.content().uris().stream().anyMatch(u -> uri.pattern().matcher(u).find());
        }
        return false;
    }

    /** The value as a reader sees it: unfolded, UTF-8, RFC 2047 encoded words decoded. */
    private static String decoded(RawMessage.HeaderField field) {
        return DecoderUtil.decodeEncodedWords(field.utf8Value(), DecodeMonitor.SILENT);
    }
}
