package io.mailfleet.imap.command.selected;

import io.mailfleet.imap.command.Completion;
import io.mailfleet.imap.command.ImapCommand;
import io.mailfleet.imap.fetch.BodySection;
import io.mailfleet.imap.fetch.SectionExtractor;
import io.mailfleet.imap.protocol.ImapArgumentReader;
import io.mailfleet.imap.protocol.ImapSyntaxException;
import io.mailfleet.imap.search.SearchCandidate;
import io.mailfleet.imap.search.SearchEvaluator;
import io.mailfleet.imap.search.SearchQuery;
import io.mailfleet.imap.session.ImapResponder;
import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.sort.SortKey;
import io.mailfleet.imap.sort.ThreadMessage;
import io.mailfleet.imap.sort.Threads;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * THREAD / UID THREAD (RFC 5256 4) with ORDEREDSUBJECT or REFERENCES: {@code THREAD algorithm charset
 * search-keys}. REFERENCES reads each matching message's References: header (the message-id, In-Reply-To,
 * subject and date come from the cached envelope). Answers {@code * THREAD (…)(…)}.
 */
@ApplicationScoped
public class ThreadProcessor implements MessageNumberProcessor {

    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>]+)>");
    private static final BodySection REFERENCES = new BodySection(List.of(), "HEADER.FIELDS", List.of("References"), true, -1, -1);

    private final SearchEvaluator evaluator;

    ThreadProcessor(SearchEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Set<String> names() {
        return Set.of("THREAD");
    }

    @Override
    public Uni<Completion> process(ImapCommand command, ImapSession session, ImapResponder out) {
        ImapArgumentReader args = command.args();
        args.sp();
        String algorithm = args.atom().toUpperCase(Locale.ROOT);
        if (!algorithm.equals("ORDEREDSUBJECT") && !algorithm.equals("REFERENCES")) {
            throw new ImapSyntaxException("unknown threading algorithm " + algorithm);
        }
        boolean references = algorithm.equals("REFERENCES");
        SearchQuery.Criteria criteria;
        try {
            criteria = SearchQuery.charsetAndCriteria(args);
        } catch (SearchQuery.UnsupportedCharsetException e) {
            return Uni.createFrom().item(BAD_CHARSET);
        }
        return evaluator.matches(session, criteria.key(), references, match -> threadMessage(match, command.uid(), references))
                .map(messages -> {
                    String threads = references ? Threads.references(messages) : Threads.orderedSubject(messages);
                    out.untagged("THREAD" + (threads.isEmpty() ? "" : " " + threads));
                    return Completion.ok("THREAD completed.");
                });
    }

    private static ThreadMessage threadMessage(SearchCandidate match, boolean byUid, boolean withReferences) {
        List<String> messageId = ids(match.entry().envelope().getString("messageId"));
        List<String> references = List.of();
        if (withReferences && match.content() != null) {
            references = ids(new String(SectionExtractor.extract(match.content(), REFERENCES), StandardCharsets.ISO_8859_1));
        }
        if (references.isEmpty()) {
            List<String> inReplyTo = ids(match.entry().envelope().getString("inReplyTo"));
            references = inReplyTo.isEmpty() ? List.of() : List.of(inReplyTo.get(0));
        }
        return new ThreadMessage(byUid ? match.uid() : match.msn(), match.msn(), SortKey.sentDate(match),
                messageId.isEmpty() ? null : messageId.get(0), references, match.entry().envelope().getString("subject"));
    }

    private static List<String> ids(String header) {
        if (header == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher matcher = MESSAGE_ID.matcher(header);
        while (matcher.find()) {
            ids.add(matcher.group(1).trim());
        }
        return ids;
    }
}
