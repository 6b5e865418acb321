package io.mailfleet.imap.search;

import io.mailfleet.imap.session.ImapSession;
import io.mailfleet.imap.session.SelectedMailbox;
import io.mailfleet.mailstore.MessageEntry;
import io.mailfleet.mailstore.Messages;
import io.mailfleet.mailstore.UidRange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Function;

/**
 * Evaluates search criteria over the messages the session knows (SEARCH, SORT, THREAD): metadata criteria on the
 * cached rows; the message bytes are read, one message at a time, only when a key needs them or the caller
 * does (THREAD=REFERENCES reads References:). Matches come in sequence-number order. No match keeps the bytes it
 * was read with: a session's memory stays bounded by one message, whatever the size of the mailbox.
 */
@ApplicationScoped
public class SearchEvaluator {

    private final Messages messages;

    SearchEvaluator(Messages messages) {
        this.messages = messages;
    }

    /** The matching messages, without their bytes. */
    public Uni<List<SearchCandidate>> matches(ImapSession session, SearchKey key) {
        return matches(session, key, false, SearchCandidate::withoutContent);
    }

    /**
     * What {@code keep} takes from each matching message, while its bytes are at hand (read when a key needs them
     * or {@code withContent}); the bytes themselves are dropped as soon as {@code keep} has run.
     */
    public <T> Uni<List<T>> matches(ImapSession session, SearchKey key, boolean withContent, Function<SearchCandidate, T> keep) {
        SelectedMailbox view = session.selected();
        if (view.exists() == 0) {
            return Uni.createFrom().item(List.of());
        }
        boolean readContent = withContent || key.needsContent();
        return messages.list(session.accountId(), view.id(), new UidRange(view.uidAt(1), view.lastUid()))
                .chain(entries -> Multi.createFrom().iterable(entries)
                        .filter(entry -> view.msnOf(entry.uid()) > 0)
                        .onItem().transformToUniAndConcatenate(entry -> candidate(session, view, entry, readContent))
                        .filter(key::matches)
                        .map(keep)
                        .collect().asList());
    }

    private Uni<SearchCandidate> candidate(ImapSession session, SelectedMailbox view, MessageEntry entry, boolean readContent) {
        int msn = view.msnOf(entry.uid());
        Uni<byte[]> content = readContent
                ? messages.content(session.accountId(), view.id(), entry.uid()).map(found -> found.orElse(null))
                : Uni.createFrom().nullItem();
        return content.map(bytes -> new SearchCandidate(msn, view.exists(), entry.uid(), view.lastUid(), view.isRecent(entry.uid()),
                entry, bytes));
    }
}
