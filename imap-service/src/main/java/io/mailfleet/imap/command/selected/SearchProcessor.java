package io.mailfleet.imap.command.selected;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.protocol.ImapResponseBuilder;
import io.mailfleet.imap.protocol.SequenceSet;
import io.mailfleet.imap.search.SearchEvaluator;
import io.mailfleet.imap.search.SearchQuery;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SEARCH / UID SEARCH over the messages this session knows ({@link SearchEvaluator}). Answers {@code * SEARCH}, or
 * {@code * ESEARCH} when RETURN options were given.
 */
@ApplicationScoped
public class SearchProcessor implements MessageNumberProcessor {

    private final SearchEvaluator evaluator;

    SearchProcessor(SearchEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public java.util.Set<String> names() {
        return java.util.Set.of("SEARCH");
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        SearchQuery query;
        try {
            query = SearchQuery.read(command.args());
        } catch (SearchQuery.UnsupportedCharsetException e) {
            return Uni.createFrom().item(BAD_CHARSET);
        }
        if (query.modseq()) {
            session.enable(ImapSession.CONDSTORE);
        }
        return evaluator.matches(session, query.key()).map(matches -> {
            List<Long> found = matches.stream().map(c -> command.uid() ? c.uid() : (long) c.msn()).toList();
            long highest = matches.stream().mapToLong(c -> c.entry().modseq()).max().orElse(0);
            respond(command, session, query, found, highest, out);
            return Completion.ok("SEARCH completed.");
        });
    }

    private static void respond(ImapCommand command, ImapSession session, SearchQuery query, List<Long> found, long highestModseq,
                                ImapResponder out) {
        // with a MODSEQ criterion the response names the highest modseq of the matches (RFC 7162 3.1.5)
        String modseq = query.modseq() && !found.isEmpty() ? " (MODSEQ " + highestModseq + ")" : "";
        if (!query.extended()) {
            out.untagged("SEARCH" + (found.isEmpty() ? "" : " " + found.stream().map(String::valueOf).collect(Collectors.joining(" "))) + modseq);
            return;
        }
        ImapResponseBuilder response = ImapResponseBuilder.untagged(session.utf8()).atom("ESEARCH")
                .open().atom("TAG").string(command.tag()).close();
        if (command.uid()) {
            response.atom("UID");
        }
        List<Long> sorted = new ArrayList<>(found);
        sorted.sort(Long::compare);
        for (String option : query.returnOptions()) {
            switch (option) {
                case "MIN" -> {
                    if (!sorted.isEmpty()) {
                        response.atom("MIN").number(sorted.get(0));
                    }
                }
                case "MAX" -> {
                    if (!sorted.isEmpty()) {
                        response.atom("MAX").number(sorted.get(sorted.size() - 1));
                    }
                }
                case "ALL" -> {
                    if (!sorted.isEmpty()) {
                        response.atom("ALL").atom(SequenceSet.format(sorted));
                    }
                }
                default -> response.atom("COUNT").number(sorted.size());
            }
        }
        if (!modseq.isEmpty()) {
            response.atom("MODSEQ").number(highestModseq);
        }
        out.write(response.toBytes());
    }
}
