package io.mailfleet.imap.command.selected;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.search.SearchCandidate;
import io.mailfleet.imap.search.SearchEvaluator;
import io.mailfleet.imap.search.SearchQuery;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.sort.SortKey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SORT / UID SORT (RFC 5256 3): {@code SORT (criteria) charset search-keys}, the matches of the search keys
 * ordered by the criteria (each optionally REVERSE), ties by sequence number. Answers {@code * SORT n…}.
 */
@ApplicationScoped
public class SortProcessor implements MessageNumberProcessor {

    private final SearchEvaluator evaluator;

    SortProcessor(SearchEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Set<String> names() {
        return Set.of("SORT");
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        Comparator<SearchCandidate> order = criteria(args);
        SearchQuery.Criteria criteria;
        try {
            criteria = SearchQuery.charsetAndCriteria(args);
        } catch (SearchQuery.UnsupportedCharsetException e) {
            return Uni.createFrom().item(BAD_CHARSET);
        }
        return evaluator.matches(session, criteria.key()).map(matches -> {
            List<SearchCandidate> sorted = new ArrayList<>(matches);
            sorted.sort(order.thenComparingInt(SearchCandidate::msn));
            String numbers = sorted.stream().map(c -> String.valueOf(command.uid() ? c.uid() : c.msn())).collect(Collectors.joining(" "));
            out.untagged("SORT" + (numbers.isEmpty() ? "" : " " + numbers));
            return Completion.ok("SORT completed.");
        });
    }

    /** {@code ( [REVERSE SP] key *(SP [REVERSE SP] key) )} as one comparator. */
    private static Comparator<SearchCandidate> criteria(ImapArgumentReader args) {
        args.expect('(');
        Comparator<SearchCandidate> order = null;
        do {
            String name = args.atom().toUpperCase(Locale.ROOT);
            boolean reverse = name.equals("REVERSE");
            if (reverse) {
                args.sp();
                name = args.atom();
            }
            Comparator<SearchCandidate> key = SortKey.of(name).comparator();
            if (reverse) {
                key = key.reversed();
            }
            order = order == null ? key : order.thenComparing(key);
        } while (args.consumeIf(' '));
        args.expect(')');
        return order;
    }
}
